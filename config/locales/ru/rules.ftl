# Field errors of the core: recurrence rules, venues and rooms, events, regions, weekdays,
# e-mail addresses, local date-times and the window search request (DESIGN §16).

## Что не так с правилом повторения (RFC 5545 §3.3.10)

rule-number-out-of-range = { $key }={ $value }: «{ $item }» вне допустимого диапазона; RFC 5545 допускает значения от { $low } до { $high }
rule-signed-number-out-of-range = { $key }={ $value }: «{ $item }» вне допустимого диапазона; RFC 5545 допускает значения от { $low } до { $high } или от -{ $high } до -{ $low }
rule-byday-not-weekday = BYDAY={ $value }: «{ $item }» — не день недели (MO, TU, WE, TH, FR, SA, SU, возможно с порядковым номером впереди, например 1MO или -1FR)
rule-byday-ordinal-range = BYDAY={ $value }: порядковый номер в «{ $item }» вне допустимого диапазона; RFC 5545 допускает от 1 до 53 или от -53 до -1
rule-byday-ordinal-freq = BYDAY={ $value }: день недели с порядковым номером («{ $item }») допускается только при FREQ=MONTHLY или при FREQ=YEARLY без BYWEEKNO (RFC 5545 §3.3.10)
rule-part-twice = { $key } указано дважды; каждая часть правила может встречаться только один раз
rule-part-empty = у { $key } нет значения
rule-freq-unsupported = FREQ={ $value } не поддерживается: используйте DAILY, WEEKLY, MONTHLY или YEARLY
rule-freq-missing = в правиле нет FREQ
rule-part-not-with-freq = { $key } нельзя использовать при FREQ={ $freq } (RFC 5545 §3.3.10)
rule-count-invalid = COUNT={ $value }: число повторений должно быть целым числом не меньше 1
rule-count-too-many = COUNT={ $value }: правило даёт больше { $max } { $max ->
    [one] повторения
   *[other] повторений
}; разделите серию
rule-interval-invalid = INTERVAL={ $value }: интервал должен быть целым числом не меньше 1 (RFC 5545 §3.3.10)
rule-wkst-invalid = WKST={ $value } — не день недели (MO, TU, WE, TH, FR, SA, SU)
rule-part-unknown = «{ $key }» — не часть правила RFC 5545
rule-bysetpos-alone = для BYSETPOS нужна ещё одна часть BYxxx, из которой выбирать (RFC 5545 §3.3.10)
rule-count-and-until = COUNT и UNTIL нельзя указывать вместе (RFC 5545 §3.3.10): оставьте одно из двух
rule-unbounded = правило должно заканчиваться: добавьте COUNT или UNTIL (tandem хранит каждое повторение)
rule-empty = пустое правило: для однократного мероприятия оставьте «rrule» равным null
rule-part-malformed = «{ $part }» — не часть RRULE вида КЛЮЧ=ЗНАЧЕНИЕ
rule-too-many-occurrences = правило даёт больше { $max } { $max ->
    [one] повторения
   *[other] повторений
}; разделите серию
rule-unreadable = не удаётся прочитать правило { $rule }
rule-unexpandable = не удаётся вычислить повторения правила { $rule }
# Причина — сообщение библиотеки повторений, на английском языке.
rule-invalid = неверное правило: { $reason }
rule-until-invalid = UNTIL={ $value } — не дата (ГГГГММДД) и не дата и время UTC (ГГГГММДДTЧЧММССZ)
rule-until-before-start = UNTIL ({ $until }) раньше начала ({ $start }): у серии не было бы ни одного повторения
rule-until-out-of-bounds = UNTIL: { $reason }
rule-start-not-occurrence = { $start } ({ $day }) — не повторение правила { $rule }: начните серию с её первого повторения ({ $first })
rule-start-not-occurrence-none = { $start } ({ $day }) — не повторение правила { $rule }: начните серию с её первого повторения

## Что не так с местом проведения или залом

venue-country-invalid = неверная страна «{ $value }»: ожидается код ISO 3166-1 alpha-2, например CM
venue-room-capacity = должно быть от 1 до { $max }
venue-latitude = широта должна быть от -90 до 90
venue-longitude = долгота должна быть от -180 до 180
venue-no-working-day = у места проведения должен быть хотя бы один рабочий день
venue-too-many-rooms = не больше { $max } { $max ->
    [one] зала
   *[other] залов
}
venue-room-twice = зал «{ $room }» указан дважды

## Что не так с мероприятием

event-room-without-venue = для зала нужен его venue_id
# $expected перечисляет допустимые значения так, как их пишет API.
event-unknown-value = неизвестное значение «{ $value }»: ожидается одно из следующих: { $expected }
event-text-control = не должно содержать управляющих символов
event-participant-id-invalid = неверный идентификатор участника «{ $value }»: допускается от 1 до 100 символов из A-Z a-z 0-9 . _ @ -
event-series-too-late = последнее повторение серии (начало — { $start }) заканчивается после последней даты, которую принимает tandem: { $reason }

## Регионы, дни недели, адреса электронной почты, местные дата и время

region-unknown = неизвестный регион «{ $value }»: ожидается одно из следующих значений: AFR, AMS, ARB, ASP, CIS, EUR
weekday-unknown = неизвестный день «{ $value }»: ожидается одно из следующих значений: mon, tue, wed, thu, fri, sat, sun
weekday-twice = день «{ $value }» указан дважды
email-empty = неверный адрес электронной почты: адрес пуст
email-too-long = неверный адрес электронной почты: длиннее 254 октетов
email-no-at = неверный адрес электронной почты: в нём нет «@»
email-local-part = неверный адрес электронной почты: часть до «@» может содержать буквы, цифры, точки (не первой, не последней и не две подряд) и !#$%&'*+/=?^_`{"{"}|{"}"}~-
email-domain = неверный адрес электронной почты: часть после «@» должна быть доменным именем, например example.org
localtime-format = неверные местные дата и время «{ $value }»: ожидается ГГГГ-ММ-ДДTЧЧ:ММ
localtime-calendar-date = неверные местные дата и время «{ $value }»: ожидается ГГГГ-ММ-ДДTЧЧ:ММ с существующей календарной датой
localtime-offset = неверные местные дата и время «{ $value }»: у местного времени нет смещения; укажите часовой пояс в поле «tz»
localtime-seconds = неверные местные дата и время «{ $value }»: секунды должны быть :00
localtime-time-of-day = неверные местные дата и время «{ $value }»: ожидается время от 00:00 до 24:00

## Что не так с запросом на поиск окна

search-hours-end-before-start = должно быть позже начала ({ $start }); для полуночи используйте 24:00
search-limit = должно быть от 1 до { $max }
search-invalid-request = неверный запрос
search-participant-twice = участник «{ $participant }» указан дважды
search-venue-tz-required = обязательно: участник «{ $participant }» присутствует очно, и его время оценивается по часовому поясу места проведения
search-weight-invalid = должно быть конечным неотрицательным числом
search-busy-end-before-start = не должно быть раньше начала

## Что не так с окном в запросе на сезон

season-days-beyond-window = { $days } { $days ->
    [one] день
    [few] дня
   *[other] дней
} — длиннее его окна { $window }
season-days-outside-range = { $days ->
    [one] { $days } день не укладывается
    [few] { $days } дня не укладываются
   *[other] { $days } дней не укладываются
} туда, где его окно { $window } пересекается с периодом { $range }
