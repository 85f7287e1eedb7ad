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
role-admin = administrador
role-organiser = organizador
role-viewer = lector
term-regional-group = Grupo Regional
term-study-group = Comisión de Estudio
seats = { $count ->
    [one] { $count } plaza
   *[other] { $count } plazas
}
