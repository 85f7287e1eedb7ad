# Общие тексты: соединение даты и времени, названия справочных терминов.

# Дата и время, уже отформатированные по CLDR.
date-time = { $date }, { $time }
time-span-day = { $start } – { $end } { $zone }
time-span = { $start } – { $end } { $zone }
time-with-zone = { $time } ({ $zone })
utc = UTC
region-AFR = Африка
region-AMS = Северная и Южная Америка
region-ARB = Арабские государства
region-ASP = Азиатско-Тихоокеанский регион
region-CIS = СНГ
region-EUR = Европа
kind-meeting = собрание
kind-workshop = семинар-практикум
kind-conference = конференция
kind-session = заседание
mode-in_person = очно
mode-virtual = виртуально
mode-hybrid = смешанный формат
status-proposed = предложено
status-confirmed = подтверждено
status-cancelled = отменено
severity-hard = серьёзный
severity-soft = незначительный
clash-room_overlap = зал занят дважды
clash-group_overlap = региональная группа собирается дважды в одно время
clash-participant_overlap = участник приглашён дважды
clash-region_overlap = два мероприятия региона в одно время
clash-venue_closed = место проведения закрыто
clash-remote_hours = вне рабочего времени удалённых участников
clash-detail-room_overlap = оба мероприятия занимают один и тот же зал в одно и то же время
clash-detail-group_overlap = у группы { $group } два мероприятия в одно и то же время
clash-detail-participant_overlap = участника { $participant } ждут на обоих мероприятиях
clash-detail-calendar_busy = в собственном календаре { $participant } это время занято
clash-detail-region_overlap = два мероприятия региона «{ $region }» в разных местах совпадают по времени и соперничают за одних и тех же делегатов
clash-detail-venue_closed = { $date } — выходной или праздничный день в месте проведения
clash-detail-remote_hours = удалённый участник { $participant } подключался бы { $span } ({ $zone }), вне допустимого времени: с { $from } до { $to }, с понедельника по пятницу
clash-detail-remote_hours-unknown-zone = удалённый участник { $participant } подключался бы вне допустимого времени: с { $from } до { $to } по местному времени, с понедельника по пятницу
role-admin = администратор
role-organiser = организатор
role-viewer = читатель
term-regional-group = региональная группа
term-study-group = исследовательская комиссия
seats = { $count ->
    [one] { $count } место
    [few] { $count } места
    [many] { $count } мест
   *[other] { $count } места
}

## Почему ничего не найдено или не размещено (фразы планировщиков)

list-separator = {"; "}
why-no-window-range = окна нет: период короче продолжительности
why-no-window-participant = окна нет: { $participant } недоступен в { $blocked } % вариантов (вне допустимого времени — в { $outside } %, занят — в { $busy } %); вместе обязательные участники исключают все варианты
why-no-window = окно не найдено
why-no-dates = подходящих дат нет: ни один ряд рабочих дней в месте «{ $venue }» ({ $zone }; праздники по календарю { $calendar }) не укладывается в { $gap } { $gap ->
    [one] рабочий день
    [few] рабочих дня
   *[other] рабочих дней
} от опорного мероприятия
why-no-room-that-large = в месте «{ $venue }» нет зала на { $seats } { $seats ->
    [one] место
    [few] места
   *[other] мест
} (самый большой — на { $largest })
why-no-free-room = ни в одну из { $dates } возможных дат в месте «{ $venue }» нет свободного зала на { $seats } { $seats ->
    [one] место
    [few] места
   *[other] мест
}
why-season-no-room = ни в один рабочий день его мест проведения с { $from } по { $to } нет зала на { $seats } { $seats ->
    [one] место
    [few] места
   *[other] мест
} (самый большой — на { $largest })
why-season-no-run = в его местах проведения нет { $days } { $days ->
    [one] рабочего дня
   *[other] рабочих дней
} подряд с { $from } по { $to }
why-season-taken = каждый рабочий день его мест проведения с { $from } по { $to } с залом на { $seats } { $seats ->
    [one] место
    [few] места
   *[other] мест
} занят существующими мероприятиями: { $causes }
why-season-costs-more = свободных размещений — { $free } из { $positions }, но размещение обошлось бы дороже, чем { $weight } за отказ от него
why-season-blocked = каждое из { $positions } возможных размещений конфликтует с размещённым мероприятием (зал, группа или обязательный либо очный участник): { $events }
why-cause-group = группа { $group } заседает на мероприятии «{ $event }»
why-cause-required = обязательный участник { $participant } обязателен на мероприятии «{ $event }»
why-cause-in-person = участник { $participant } очно присутствует на мероприятии «{ $event }» в другом месте
why-cause-rooms-booked = все залы места «{ $venue }» на { $seats } { $seats ->
    [one] место
    [few] места
   *[other] мест
} заняты
why-cause-count = { $cause } ({ $count } из { $total })
why-placed-count = «{ $event }» ({ $count })

## Что не так с полем (проверка)

invalid-date = «{ $value }» — не дата вида 2027-04-04 (ГГГГ-ММ-ДД)
invalid-date-bounds = { $value } вне дат, которые принимает tandem: с { $first } по { $last }
invalid-minutes-positive = должно быть положительным числом минут
invalid-minutes-max = должно быть не больше { $max } { $max ->
    [one] минуты
   *[other] минут
}
invalid-range-empty = период пуст: конец должен быть позже начала
invalid-range-shorter = период короче продолжительности
invalid-too-many-candidates = в запросе { $count } вариантов окон, больше допустимых { $max }: сократите период или увеличьте шаг
invalid-participants-none = нужен хотя бы один участник
invalid-participants-max = не больше { $max } { $max ->
    [one] участника
   *[other] участников
}
invalid-zone-missing = нужен часовой пояс
invalid-zone = неизвестный часовой пояс «{ $value }»: ожидается имя IANA, например Africa/Douala
invalid-time-of-day = неверное время «{ $value }»: ожидается ЧЧ:ММ от 00:00 до 24:00
invalid-instant = «{ $value }» — не момент времени RFC 3339 вида 2027-03-01T00:00:00Z
invalid-text-empty = не должно быть пустым
invalid-text-too-long = должно быть не длиннее { $max } { $max ->
    [one] символа
   *[other] символов
}
invalid-dst-gap = { $value } не существует в поясе { $zone }: при переходе на летнее время часы его пропускают
invalid-end-before-start = должно быть позже начала
invalid-event-too-long = мероприятие длится не более { $max } { $max ->
    [one] дня
   *[other] дней
}; для серии используйте «rrule»

## Что не так с запросом на сезон (проверка)

season-invalid-date = «{ $value }» — не дата вида 2027-03-08 (ГГГГ-ММ-ДД)
season-invalid-date-bounds = { $value } вне допустимых дат: с 1990-01-01 по 2099-12-31
season-invalid-weight = { $value } — не вес: веса — неотрицательные числа не больше 1e9
season-invalid-range-empty = период пуст: { $last } раньше { $first }
season-invalid-range-long = наибольшая длина периода в днях: { $max }
season-invalid-gap = должно быть целым числом рабочих дней от 0 до { $max }
season-invalid-time-limit = { $value } недопустимо: предел больше 0 и не больше { $max } с
season-unknown-event = неизвестное мероприятие «{ $id }»
season-fixed-cancelled = мероприятие «{ $id }» отменено: фиксированное мероприятие должно состояться
season-event-twice = мероприятие «{ $id }» указано дважды
season-fixed-venue = мероприятие «{ $id }» проходит в месте «{ $venue }», которого нет среди мест
season-fixed-room = мероприятие «{ $id }» проходит в зале «{ $room }», которого нет в его месте
season-too-many-events = наибольшее число мероприятий в запросе: { $max }
season-id-twice = идентификатор «{ $id }» используют два мероприятия
season-id-existing = идентификатор «{ $id }» уже принадлежит существующему мероприятию
season-unknown-group = неизвестная группа «{ $group }»
season-invalid-days = должно быть целым числом дней от 1 до { $max }
season-invalid-daily-end = должно быть позже начала ({ $start }): заседания заканчиваются в день начала
season-no-venue = нужно хотя бы одно место проведения
season-unknown-venue = неизвестное место «{ $venue }»
season-venue-twice = место «{ $venue }» указано дважды
season-latest-before-earliest = { $latest } раньше самой ранней даты ({ $earliest })
season-too-many-participants = наибольшее число участников мероприятия: { $max }
season-participant-twice = участник «{ $participant }» указан дважды
season-virtual-in-person = у виртуального мероприятия нет очных участников
season-invalid-seats = должно быть целым числом мест от 0 до { $max }
season-alongside-itself = мероприятие «{ $event }» не может проходить рядом с самим собой
season-alongside-not-fixed = мероприятия «{ $event }» нет в «fixed»: опорными могут быть только фиксированные мероприятия
season-alongside-cancelled = мероприятие «{ $event }» отменено
season-alongside-unknown = «{ $name }» — не группа, не фиксированное мероприятие и не мероприятие этого запроса
season-alongside-twice = «{ $name }» указано дважды
