# Field errors of the application and the store: imported calendars, windows from files and
# URLs, references to venues, rooms and calendars (DESIGN §16).

## Нечитаемые документы iCalendar (причину сообщает анализатор)

calendar-unreadable-line = не удаётся прочитать календарь, строка { $line }: { $reason }
calendar-unreadable = не удаётся прочитать календарь: { $reason }

## Календари поиска окон

windows-unknown-calendar = нет импортированного календаря с идентификатором «{ $id }»
windows-file-unreadable = файл { $path }: { $reason }
windows-file-cannot-read = не удаётся прочитать { $path }: { $reason }
windows-read-failed = при чтении этого календаря произошёл непредвиденный сбой

## Основное мероприятие для параллельного мероприятия

colocation-unknown-anchor = нет мероприятия с идентификатором «{ $id }»
colocation-anchor-no-venue = у основного мероприятия нет места проведения, где можно было бы провести параллельное мероприятие

## Заседание в плане сезона

season-session-invalid = заседание в месте «{ $venue }», { $date }: { $reason }

## Импорт календаря по URL

import-url-not-url = недопустимый URL ({ $reason })
import-url-no-host = в URL не указан хост
import-url-scheme = схема «{ $scheme }» не поддерживается: используйте https, http или webcal
import-redirect-no-location = перенаправление без заголовка Location
import-redirect-invalid = перенаправление на недопустимый URL ({ $reason })
import-redirect-scheme = перенаправление на схему «{ $scheme }», которая не поддерживается
import-too-large = размер календаря превышает предел в { $limit } { $limit ->
    [one] байт
    [few] байта
   *[other] байт
}
import-too-many-redirects = больше { $max } { $max ->
    [one] перенаправления
   *[other] перенаправлений
}
import-refused-resolves = отказано: { $host } указывает на адрес { $address }, который не является публичным ({ $range }); календари загружаются только с публичных адресов (чтобы разрешить этот хост, добавьте его в import.allow_hosts)
import-refused-address = отказано: { $host } не является публичным адресом ({ $range }); календари загружаются только с публичных адресов (чтобы разрешить этот хост, добавьте его в import.allow_hosts)
import-refused-scheme = отказано: { $host }: схема «{ $scheme }» не поддерживается: используйте https, http или webcal
import-refused-no-host = отказано: { $host }: в URL не указан хост
import-refused-no-address = отказано: имени { $host } не соответствует ни один адрес

## Ссылки, которые проверяет хранилище

reference-no-venue = нет места проведения с идентификатором { $id }
reference-no-room = в месте проведения { $venue } нет зала { $room }
reference-room-without-venue = для зала нужен venue_id его места проведения
reference-no-alongside = нет другого мероприятия с идентификатором { $id }
reference-no-occurrence = мероприятие не проводится ни разу
reference-rule = правило повторения неприменимо: { $reason }
