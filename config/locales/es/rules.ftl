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
rule-start-not-occurrence = { $start } ({ $day }) no es una repetición de la regla { $rule }: empiece la serie en su primera repetición ({ $first })
rule-start-not-occurrence-none = { $start } ({ $day }) no es una repetición de la regla { $rule }: empiece la serie en su primera repetición

## Qué está mal en una sede o una sala

venue-country-invalid = país no válido «{ $value }»: se espera un código ISO 3166-1 alfa-2 como CM
venue-room-capacity = debe estar entre 1 y { $max }
venue-latitude = la latitud debe estar entre -90 y 90
venue-longitude = la longitud debe estar entre -180 y 180
venue-no-working-day = una sede necesita al menos un día laborable
venue-too-many-rooms = como máximo { $max } salas
venue-room-twice = la sala «{ $room }» figura dos veces

## Qué está mal en un evento

event-room-without-venue = una sala necesita su venue_id
# $expected enumera los valores admitidos, tal como los escribe la API.
event-unknown-value = valor desconocido «{ $value }»: se espera uno de estos: { $expected }
event-text-control = no debe contener caracteres de control
event-participant-id-invalid = identificador de participante no válido «{ $value }»: use de 1 a 100 caracteres entre A-Z a-z 0-9 . _ @ -
event-series-too-late = la última repetición de la serie (que empieza el { $start }) termina después de la última fecha que acepta tandem: { $reason }

## Regiones, días de la semana, direcciones de correo electrónico, fechas y horas locales

region-unknown = región desconocida «{ $value }»: se espera una de estas: AFR, AMS, ARB, ASP, CIS, EUR
weekday-unknown = día desconocido «{ $value }»: se espera uno de estos: mon, tue, wed, thu, fri, sat, sun
weekday-twice = el día «{ $value }» figura dos veces
email-empty = dirección de correo electrónico no válida: está vacía
email-too-long = dirección de correo electrónico no válida: supera los 254 octetos
email-no-at = dirección de correo electrónico no válida: no contiene «@»
email-local-part = dirección de correo electrónico no válida: la parte anterior a «@» puede contener letras, cifras, puntos (ni al principio, ni al final, ni dos seguidos) y !#$%&'*+/=?^_`{"{"}|{"}"}~-
email-domain = dirección de correo electrónico no válida: la parte posterior a «@» debe ser un nombre de dominio como example.org
localtime-format = fecha y hora local no válida «{ $value }»: se espera AAAA-MM-DDTHH:MM
localtime-calendar-date = fecha y hora local no válida «{ $value }»: se espera AAAA-MM-DDTHH:MM con una fecha que exista en el calendario
localtime-offset = fecha y hora local no válida «{ $value }»: las horas locales no llevan desfase horario; indique la zona en el campo «tz»
localtime-seconds = fecha y hora local no válida «{ $value }»: los segundos deben ser :00
localtime-time-of-day = fecha y hora local no válida «{ $value }»: se espera una hora entre 00:00 y 24:00

## Qué está mal en una solicitud de búsqueda de horarios

search-hours-end-before-start = debe ser posterior al inicio ({ $start }); use 24:00 para la medianoche
search-limit = debe estar entre 1 y { $max }
search-invalid-request = solicitud no válida
search-participant-twice = el participante «{ $participant }» figura dos veces
search-venue-tz-required = es obligatorio: el participante «{ $participant }» asiste en persona y su horario se evalúa en la zona de la sede
search-weight-invalid = debe ser un número finito no negativo
search-busy-end-before-start = no debe ser anterior al inicio

## Qué está mal en la ventana de una solicitud de temporada

season-days-beyond-window = { $days } días superan su ventana { $window }
season-days-outside-range = { $days } días no caben donde su ventana { $window } coincide con el periodo { $range }
