# Field errors of the core: recurrence rules, venues and rooms, events, regions, weekdays,
# e-mail addresses, local date-times and the window search request (DESIGN §16).

## Qué está mal en una regla de recurrencia (RFC 5545 §3.3.10)

rule-number-out-of-range = { $key }={ $value }: «{ $item }» está fuera del intervalo; la RFC 5545 admite de { $low } a { $high }
rule-signed-number-out-of-range = { $key }={ $value }: «{ $item }» está fuera del intervalo; la RFC 5545 admite de { $low } a { $high } o de -{ $high } a -{ $low }
rule-byday-not-weekday = BYDAY={ $value }: «{ $item }» no es un día de la semana (MO, TU, WE, TH, FR, SA, SU, opcionalmente precedido de un ordinal, como 1MO o -1FR)
rule-byday-ordinal-range = BYDAY={ $value }: el ordinal de «{ $item }» está fuera del intervalo; la RFC 5545 admite de 1 a 53 o de -53 a -1
rule-byday-ordinal-freq = BYDAY={ $value }: un día con ordinal («{ $item }») solo se admite con FREQ=MONTHLY, o con FREQ=YEARLY sin BYWEEKNO (RFC 5545 §3.3.10)
rule-part-twice = { $key } figura dos veces; cada elemento de la regla puede figurar una sola vez
rule-part-empty = { $key } no tiene valor
rule-freq-unsupported = FREQ={ $value } no es compatible: use DAILY, WEEKLY, MONTHLY o YEARLY
rule-freq-missing = la regla no tiene FREQ
rule-part-not-with-freq = { $key } no puede usarse con FREQ={ $freq } (RFC 5545 §3.3.10)
rule-count-invalid = COUNT={ $value }: el número de repeticiones debe ser un número entero a partir de 1
rule-count-too-many = COUNT={ $value }: la regla da más de { $max } repeticiones; divida la serie
rule-interval-invalid = INTERVAL={ $value }: el intervalo debe ser un número entero a partir de 1 (RFC 5545 §3.3.10)
rule-wkst-invalid = WKST={ $value } no es un día de la semana (MO, TU, WE, TH, FR, SA, SU)
rule-part-unknown = «{ $key }» no es un elemento de regla de la RFC 5545
rule-bysetpos-alone = BYSETPOS necesita otro elemento BYxxx del que seleccionar (RFC 5545 §3.3.10)
rule-count-and-until = COUNT y UNTIL no pueden figurar juntos (RFC 5545 §3.3.10): conserve uno de los dos
rule-unbounded = la regla debe terminar: añada COUNT o UNTIL (tandem guarda cada repetición)
rule-empty = regla vacía: deje «rrule» en null para un evento único
rule-part-malformed = «{ $part }» no es un elemento CLAVE=VALOR de una RRULE
rule-too-many-occurrences = la regla da más de { $max } repeticiones; divida la serie
rule-unreadable = no se puede leer la regla { $rule }
rule-unexpandable = no se pueden calcular las repeticiones de la regla { $rule }
# El motivo es el de la biblioteca de recurrencia, en inglés.
rule-invalid = regla no válida: { $reason }
rule-until-invalid = UNTIL={ $value } no es una fecha (AAAAMMDD) ni una fecha y hora UTC (AAAAMMDDTHHMMSSZ)
rule-until-before-start = UNTIL ({ $until }) es anterior al inicio ({ $start }): la serie no tendría ninguna repetición
rule-until-out-of-bounds = UNTIL: { $reason }
# $weekday es uno de los nombres rule-day-* de abajo.
rule-start-not-occurrence = { $start } (un { $weekday }) no es una repetición de la regla { $rule }: empiece la serie en su primera repetición ({ $first })
rule-start-not-occurrence-none = { $start } (un { $weekday }) no es una repetición de la regla { $rule }: empiece la serie en su primera repetición
rule-day-mo = lunes
rule-day-tu = martes
rule-day-we = miércoles
rule-day-th = jueves
rule-day-fr = viernes
rule-day-sa = sábado
rule-day-su = domingo
