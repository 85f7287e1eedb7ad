# Textos comunes: unión de fechas y horas, nombres de los términos de referencia.

# Una fecha y una hora ya formateadas por CLDR.
date-time = { $date }, { $time }
time-span-day = { $start } – { $end } { $zone }
time-span = { $start } – { $end } { $zone }
time-with-zone = { $time } ({ $zone })
utc = UTC
region-AFR = África
region-AMS = Américas
region-ARB = Estados Árabes
region-ASP = Asia-Pacífico
region-CIS = CEI
region-EUR = Europa
kind-meeting = reunión
kind-workshop = taller
kind-conference = conferencia
kind-session = sesión
mode-in_person = presencial
mode-virtual = virtual
mode-hybrid = híbrida
status-proposed = propuesta
status-confirmed = confirmada
status-cancelled = cancelada
severity-hard = grave
severity-soft = leve
clash-room_overlap = sala reservada dos veces
clash-group_overlap = el Grupo Regional se reúne dos veces a la vez
clash-participant_overlap = participante convocado dos veces
clash-region_overlap = dos eventos a la vez en la región
clash-venue_closed = sede cerrada
clash-remote_hours = fuera del horario de los participantes a distancia
clash-detail-room_overlap = ambos eventos ocupan la misma sala a la misma hora
clash-detail-group_overlap = el grupo { $group } tiene dos eventos a la misma hora
clash-detail-participant_overlap = se espera al participante { $participant } en ambos eventos
clash-detail-calendar_busy = { $participant } está ocupado a esa hora según su propio calendario
clash-detail-region_overlap = dos eventos de la región { $region } en sedes distintas se solapan y compiten por los mismos delegados
clash-detail-venue_closed = el { $date } es fin de semana o día festivo en la sede
clash-detail-remote_hours = el participante a distancia { $participant } se conectaría { $span } ({ $zone }), fuera del horario aceptable de { $from } a { $to }, de lunes a viernes
clash-detail-remote_hours-unknown-zone = el participante a distancia { $participant } se conectaría fuera del horario aceptable de { $from } a { $to }, hora local, de lunes a viernes
role-admin = administrador
role-organiser = organizador
role-viewer = lector
term-regional-group = Grupo Regional
term-study-group = Comisión de Estudio
seats = { $count ->
    [one] { $count } plaza
   *[other] { $count } plazas
}

## Por qué no se encontró ni se colocó nada (frases de los planificadores)

list-separator = {"; "}
why-no-window-range = ningún horario: el periodo es más corto que la duración
why-no-window-participant = ningún horario: { $participant } no está disponible en el { $blocked } % de los candidatos (fuera del horario aceptable en el { $outside } %, ocupado en el { $busy } %); en conjunto, los participantes obligatorios descartan todos los candidatos
why-no-window = no se encontró ningún horario
why-no-dates = ninguna fecha posible: ninguna serie de días laborables en { $venue } ({ $zone }; festivos del calendario { $calendar }) cabe en los { $gap } días laborables en torno a la reunión de referencia
why-no-room-that-large = ninguna sala de { $venue } tiene { $seats } plazas (la mayor: { $largest })
why-no-free-room = en cada una de las { $dates } fechas posibles no hay sala libre con { $seats } plazas en { $venue }
why-season-no-room = ningún día laborable de sus sedes entre el { $from } y el { $to } tiene sala para { $seats } personas (la mayor tiene { $largest } plazas)
why-season-no-run = sus sedes no tienen { $days } días laborables consecutivos entre el { $from } y el { $to }
why-season-taken = cada día laborable de sus sedes entre el { $from } y el { $to } con sala para { $seats } personas está ocupado por eventos existentes: { $causes }
why-season-costs-more = { $free } de sus { $positions } ubicaciones posibles están libres, pero colocarlo costaría más que los { $weight } de dejarlo fuera
why-season-blocked = cada una de sus { $positions } ubicaciones posibles choca con un evento colocado (sala, grupo o un participante obligatorio o presencial allí): { $events }
why-cause-group = el grupo { $group } se reúne en «{ $event }»
why-cause-required = el participante obligatorio { $participant } es obligatorio en «{ $event }»
why-cause-in-person = el participante { $participant } asiste en persona a «{ $event }» en otra sede
why-cause-rooms-booked = todas las salas de { $venue } con { $seats } plazas están reservadas
why-cause-count = { $cause } ({ $count } de { $total })
why-placed-count = «{ $event }» ({ $count })

## Qué está mal en un campo (validación)

invalid-date = «{ $value }» no es una fecha como 2027-04-04 (AAAA-MM-DD)
invalid-date-bounds = { $value } está fuera de las fechas que acepta tandem, del { $first } al { $last }
invalid-minutes-positive = debe ser un número positivo de minutos
invalid-minutes-max = debe ser como máximo { $max } minutos
invalid-range-empty = el periodo está vacío: el final debe ser posterior al inicio
invalid-range-shorter = el periodo es más corto que la duración
invalid-too-many-candidates = la solicitud tiene { $count } horarios candidatos, más de los { $max } permitidos: acorte el periodo o alargue el paso
invalid-participants-none = se necesita al menos un participante
invalid-participants-max = como máximo { $max } participantes
invalid-zone-missing = se requiere una zona horaria
invalid-zone = zona horaria desconocida «{ $value }»: se espera un nombre IANA como Africa/Douala
invalid-time-of-day = hora no válida «{ $value }»: se espera HH:MM entre 00:00 y 24:00
invalid-instant = «{ $value }» no es un instante RFC 3339 como 2027-03-01T00:00:00Z
invalid-text-empty = no debe estar vacío
invalid-text-too-long = debe tener como máximo { $max } caracteres
invalid-dst-gap = { $value } no existe en { $zone }: los relojes se saltan esa hora por el cambio de horario
invalid-end-before-start = debe ser posterior al inicio
invalid-event-too-long = un evento dura como máximo { $max } días; use «rrule» para una serie

## Qué está mal en una solicitud de temporada (validación)

season-invalid-date = «{ $value }» no es una fecha como 2027-03-08 (AAAA-MM-DD)
season-invalid-date-bounds = { $value } está fuera de las fechas aceptadas, del 1990-01-01 al 2099-12-31
season-invalid-weight = { $value } no es un peso: los pesos son números no negativos hasta 1e9
season-invalid-range-empty = el periodo está vacío: { $last } es anterior a { $first }
season-invalid-range-long = un periodo abarca como máximo { $max } días
season-invalid-gap = debe ser un número entero de días laborables de 0 a { $max }
season-invalid-time-limit = { $value } no está permitido: el límite es mayor que 0 y de como máximo { $max } segundos
season-unknown-event = evento desconocido «{ $id }»
season-fixed-cancelled = el evento «{ $id }» está cancelado: un evento fijo debe mantenerse
season-event-twice = el evento «{ $id }» figura dos veces
season-fixed-venue = el evento «{ $id }» está en la sede «{ $venue }», que no está entre las sedes
season-fixed-room = el evento «{ $id }» está en la sala «{ $room }», que su sede no tiene
season-too-many-events = como máximo { $max } eventos por solicitud
season-id-twice = el id «{ $id }» lo usan dos eventos
season-id-existing = el id «{ $id }» ya es el de un evento existente
season-unknown-group = grupo desconocido «{ $group }»
season-invalid-days = debe ser un número entero de días de 1 a { $max }
season-invalid-daily-end = debe ser posterior al inicio ({ $start }); las sesiones terminan el día en que empiezan
season-no-venue = se necesita al menos una sede
season-unknown-venue = sede desconocida «{ $venue }»
season-venue-twice = la sede «{ $venue }» figura dos veces
season-latest-before-earliest = { $latest } es anterior a la fecha más temprana ({ $earliest })
season-too-many-participants = como máximo { $max } participantes por evento
season-participant-twice = el participante «{ $participant }» figura dos veces
season-virtual-in-person = un evento virtual no tiene participantes presenciales
season-invalid-seats = debe ser un número entero de plazas de 0 a { $max }
season-alongside-itself = el evento «{ $event }» no puede celebrarse junto a sí mismo
season-alongside-not-fixed = el evento «{ $event }» no figura en «fixed»: solo los eventos fijos pueden servir de ancla
season-alongside-cancelled = el evento «{ $event }» está cancelado
season-alongside-unknown = «{ $name }» no es un grupo, ni un evento fijo, ni un evento de esta solicitud
season-alongside-twice = «{ $name }» figura dos veces
