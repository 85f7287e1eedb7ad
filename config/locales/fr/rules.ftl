# Field errors of the core: recurrence rules, venues and rooms, events, regions, weekdays,
# e-mail addresses, local date-times and the window search request (DESIGN §16).

## Ce qui ne va pas dans une règle de récurrence (RFC 5545 §3.3.10)

rule-number-out-of-range = { $key }={ $value } : « { $item } » est hors limites ; la RFC 5545 admet de { $low } à { $high }
rule-signed-number-out-of-range = { $key }={ $value } : « { $item } » est hors limites ; la RFC 5545 admet de { $low } à { $high } ou de -{ $high } à -{ $low }
rule-byday-not-weekday = BYDAY={ $value } : « { $item } » n’est pas un jour de la semaine (MO, TU, WE, TH, FR, SA, SU, éventuellement précédé d’un ordinal, comme 1MO ou -1FR)
rule-byday-ordinal-range = BYDAY={ $value } : l’ordinal de « { $item } » est hors limites ; la RFC 5545 admet de 1 à 53 ou de -53 à -1
rule-byday-ordinal-freq = BYDAY={ $value } : un jour précédé d’un ordinal (« { $item } ») n’est admis qu’avec FREQ=MONTHLY, ou FREQ=YEARLY sans BYWEEKNO (RFC 5545 §3.3.10)
rule-part-twice = { $key } figure deux fois ; chaque élément de la règle ne peut figurer qu’une fois
rule-part-empty = { $key } n’a pas de valeur
rule-freq-unsupported = FREQ={ $value } n’est pas prise en charge : utilisez DAILY, WEEKLY, MONTHLY ou YEARLY
rule-freq-missing = la règle n’a pas de FREQ
rule-part-not-with-freq = { $key } ne peut pas être employé avec FREQ={ $freq } (RFC 5545 §3.3.10)
rule-count-invalid = COUNT={ $value } : le nombre d’occurrences doit être un nombre entier d’au moins 1
rule-count-too-many = COUNT={ $value } : la règle donne plus de { $max } occurrences ; scindez la série
rule-interval-invalid = INTERVAL={ $value } : l’intervalle doit être un nombre entier d’au moins 1 (RFC 5545 §3.3.10)
rule-wkst-invalid = WKST={ $value } n’est pas un jour de la semaine (MO, TU, WE, TH, FR, SA, SU)
rule-part-unknown = « { $key } » n’est pas un élément de règle de la RFC 5545
rule-bysetpos-alone = BYSETPOS exige un autre élément BYxxx dans lequel choisir (RFC 5545 §3.3.10)
rule-count-and-until = COUNT et UNTIL ne peuvent pas figurer ensemble (RFC 5545 §3.3.10) : gardez l’un des deux
rule-unbounded = la règle doit avoir une fin : ajoutez COUNT ou UNTIL (tandem enregistre chaque occurrence)
rule-empty = règle vide : laissez « rrule » à null pour une manifestation unique
rule-part-malformed = « { $part } » n’est pas un élément CLÉ=VALEUR d’une RRULE
rule-too-many-occurrences = la règle donne plus de { $max } occurrences ; scindez la série
rule-unreadable = la règle { $rule } est illisible
rule-unexpandable = la règle { $rule } ne peut pas être développée en occurrences
# La raison est celle de la bibliothèque de récurrence, en anglais.
rule-invalid = règle invalide : { $reason }
rule-until-invalid = UNTIL={ $value } n’est ni une date (AAAAMMJJ) ni une date et heure UTC (AAAAMMJJTHHMMSSZ)
rule-until-before-start = UNTIL ({ $until }) précède le début ({ $start }) : la série n’aurait aucune occurrence
rule-until-out-of-bounds = UNTIL : { $reason }
rule-start-not-occurrence = { $start } ({ $day }) n’est pas une occurrence de la règle { $rule } : faites commencer la série à sa première occurrence ({ $first })
rule-start-not-occurrence-none = { $start } ({ $day }) n’est pas une occurrence de la règle { $rule } : faites commencer la série à sa première occurrence

## Ce qui ne va pas dans un lieu ou une salle

venue-country-invalid = pays invalide « { $value } » : un code ISO 3166-1 alpha-2 est attendu, comme CM
venue-room-capacity = doit être compris entre 1 et { $max }
venue-latitude = la latitude doit être comprise entre -90 et 90
venue-longitude = la longitude doit être comprise entre -180 et 180
venue-no-working-day = un lieu doit avoir au moins un jour ouvrable
venue-too-many-rooms = { $max } salles au plus
venue-room-twice = la salle « { $room } » figure deux fois

## Ce qui ne va pas dans une manifestation

event-room-without-venue = une salle exige son venue_id
# $expected énumère les valeurs admises, telles que l’API les écrit.
event-unknown-value = valeur inconnue « { $value } » : valeurs attendues : { $expected }
event-text-control = ne doit pas contenir de caractères de contrôle
event-participant-id-invalid = identifiant de participant invalide « { $value } » : utilisez de 1 à 100 caractères parmi A-Z a-z 0-9 . _ @ -
event-series-too-late = la dernière occurrence de la série (qui commence le { $start }) se termine après la dernière date acceptée par tandem : { $reason }

## Régions, jours de la semaine, adresses électroniques, dates et heures locales

region-unknown = région inconnue « { $value } » : valeurs attendues : AFR, AMS, ARB, ASP, CIS, EUR
weekday-unknown = jour inconnu « { $value } » : valeurs attendues : mon, tue, wed, thu, fri, sat, sun
weekday-twice = le jour « { $value } » figure deux fois
email-empty = adresse électronique invalide : elle est vide
email-too-long = adresse électronique invalide : elle dépasse 254 octets
email-no-at = adresse électronique invalide : elle ne contient pas de « @ »
email-local-part = adresse électronique invalide : la partie avant « @ » peut contenir des lettres, des chiffres, des points (ni au début, ni à la fin, ni deux de suite) et !#$%&'*+/=?^_`{"{"}|{"}"}~-
email-domain = adresse électronique invalide : la partie après « @ » doit être un nom de domaine, comme example.org
localtime-format = date et heure locales invalides « { $value } » : AAAA-MM-JJTHH:MM attendu
localtime-calendar-date = date et heure locales invalides « { $value } » : AAAA-MM-JJTHH:MM attendu, avec une date qui existe dans le calendrier
localtime-offset = date et heure locales invalides « { $value } » : une heure locale ne porte pas de décalage ; indiquez le fuseau dans le champ « tz »
localtime-seconds = date et heure locales invalides « { $value } » : les secondes doivent être :00
localtime-time-of-day = date et heure locales invalides « { $value } » : une heure entre 00:00 et 24:00 est attendue

## Ce qui ne va pas dans une demande de recherche de créneaux

search-hours-end-before-start = doit suivre le début ({ $start }) ; utilisez 24:00 pour minuit
search-limit = doit être compris entre 1 et { $max }
search-invalid-request = demande invalide
search-participant-twice = le participant « { $participant } » figure deux fois
search-venue-tz-required = est obligatoire : le participant « { $participant } » est présent sur place et ses heures se jugent dans le fuseau du lieu
search-weight-invalid = doit être un nombre fini positif ou nul
search-busy-end-before-start = ne doit pas précéder le début

## Ce qui ne va pas dans la fenêtre d’une demande de saison

season-days-beyond-window = { $days } jours dépassent sa fenêtre { $window }
season-days-outside-range = { $days } jours ne tiennent pas là où sa fenêtre { $window } croise la période { $range }
