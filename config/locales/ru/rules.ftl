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
# $weekday — одно из названий rule-day-* ниже.
rule-start-not-occurrence = { $start } ({ $weekday }) — не повторение правила { $rule }: начните серию с её первого повторения ({ $first })
rule-start-not-occurrence-none = { $start } ({ $weekday }) — не повторение правила { $rule }: начните серию с её первого повторения
rule-day-mo = понедельник
rule-day-tu = вторник
rule-day-we = среда
rule-day-th = четверг
rule-day-fr = пятница
rule-day-sa = суббота
rule-day-su = воскресенье
