# Páginas web de tandem.

## Todas las páginas

page-title = { $title } · tandem
skip-to-content = Ir al contenido
nav-main = Menú principal
nav-events = Reuniones
nav-planner = Planificador
nav-colocation = Eventos paralelos
nav-season = Temporadas
nav-clashes = Conflictos
nav-api = API
language-switcher = Idioma
language-self = Español

## Errores

not-found-title = No encontrado
not-found-text = Esa página o esa reunión no existe.
not-found-back = Todas las reuniones
busy-title = Servicio ocupado
busy-heading = tandem está ocupado
busy-text = La base de datos está ocupada o no responde; vuelva a intentarlo dentro de un momento.
error-title = Error
error-heading = Se ha producido un error
error-text = El error quedó registrado; vuelva a intentarlo.
refused-title = No realizado
refused-heading = No se ha realizado
refused-changed-meanwhile = la reunión cambió entretanto: vuelva a cargar la página e inténtelo de nuevo
form-expired-title = Formulario caducado
form-expired-heading = Este formulario ha caducado
form-expired-text = Vuelva a cargar la página y envíe el formulario de nuevo.

## Horas

## Suscripciones

subscribe = Suscribirse
subscribe-label = Suscribirse a { $feed } en su aplicación de calendario
subscribe-https = canal https
subscribe-https-label = Canal https de { $feed }
feed-all = todas las reuniones
feed-region = la región { $code }
feed-group = el grupo { $code }
feed-event = esta reunión
feed-the-region = la región
feed-the-group = el grupo

## Términos de referencia


## Inicio

home-title = Próximas reuniones
home-intro = Las horas son las de la sede de cada reunión. Suscríbase a una región o a un grupo para ver cada cambio en su propia aplicación de calendario.
home-plan-link = Planificar una llamada entre husos horarios
home-empty = No hay reuniones próximas.
home-region = { $name } ({ $code })
home-other-events = Otros eventos de la región
home-all-events = Todas las reuniones:

## Página de una reunión

event-when = Fecha y hora
event-venue-zone = ({ $zone }, huso horario de la sede)
event-repeats = Se repite: { $rule }
event-room = { $room } ({ $seats })
event-remote = Participación a distancia:
event-cities = En las principales ciudades de { $region }
event-city = Ciudad
event-local-time = Hora local
event-alongside = Eventos paralelos
event-no-alongside = Ningún evento paralelo.
event-clashes = Conflictos
event-no-clash = Ningún conflicto.
event-other = el otro evento
event-subscribe = Suscribirse
event-this-event = Esta reunión:
event-download = Descargar .ics

## Planificador

planner-title = Planificador
planner-heading = Planificar una llamada entre husos horarios
planner-places = Lugares, uno por línea: una ciudad (Ginebra, Yaundé, Bangkok…) o un huso horario (Asia/Kathmandu), seguido opcionalmente de los identificadores de calendarios importados
planner-from = Desde (fecha UTC)
planner-to = Hasta (fecha UTC, inclusive)
planner-duration = Duración (minutos)
planner-submit = Buscar franjas
planner-correction = Hay que corregir el formulario:
planner-best = Mejores franjas
planner-no-window = Ninguna franja es posible.
planner-legend-working = horario laboral
planner-legend-acceptable = horario aceptable
planner-legend-night = noche / fuera de servicio
planner-legend-windows = mejores franjas
planner-considered = { $count ->
    [one] Se ha examinado { $count } franja posible.
   *[other] Se han examinado { $count } franjas posibles.
}
planner-rank = N.º
planner-local-times = Horas locales
planner-outside-hours = Fuera del horario laboral
planner-minutes = { $minutes } min
planner-strips-title = Franjas de 24 horas del { $day } (UTC), una por lugar
planner-strips-caption = { $day } (horas UTC arriba; horas locales en cada franja)
planner-window = Franja { $rank }: { $start } – { $end }
planner-utc-hour = { $hour }Z
planner-error-calendars-first = línea { $line }: los calendarios deben ir después de un lugar
planner-error-unknown-place = línea { $line }: «{ $place }» no es una ciudad de los datos de referencia ni un huso horario IANA
planner-error-no-place = indique al menos un lugar
planner-error-duration = «{ $value }» no es un número de minutos
field-places = Lugares
field-from = Desde
field-to = Hasta
field-duration = Duración

## Eventos paralelos

coloc-title = Eventos paralelos
coloc-heading = Celebrar un evento paralelamente a otro
coloc-intro = Resolución 21: talleres paralelos a las reuniones de los Grupos Regionales, y viceversa. Las propuestas usan la sede de la reunión de referencia, sus días laborables y sus salas libres.
coloc-anchor = Reunión de referencia
coloc-event-title = Título
coloc-kind = Tipo
coloc-default-title = Taller regional
coloc-days = Días laborables
coloc-gap = Separación máxima (días laborables)
coloc-seats = Plazas necesarias
coloc-placement = Posición
placement-before = antes
placement-after = después
placement-during = durante (sala paralela)
coloc-submit = Buscar fechas
coloc-candidates = Propuestas
coloc-no-candidate = Ninguna propuesta es posible.
coloc-room = Sala { $room } ({ $seats })
coloc-gap-days = { $days ->
    [one] separación de { $days } día laborable
   *[other] separación de { $days } días laborables
}
coloc-no-clash = sin conflictos
coloc-create = Crear esta
coloc-signin = Inicie sesión para crearla
coloc-not-created-title = No creado
coloc-not-created-heading = El evento no se ha creado
coloc-back = Volver a eventos paralelos

## Conflictos

clashes-title = Conflictos
signout = Cerrar sesión
clashes-signed-in-label = Sesión iniciada con el token «{ $label }» ({ $role }).
clashes-signed-in = Sesión iniciada con un token ({ $role }).
clashes-resolved = Conflicto { $id } resuelto.
clashes-empty = No hay conflictos en sus regiones.
clashes-no-fix = Sin sugerencias: modifique los eventos manualmente.
fix-move = trasladar
fix-switch_room = cambiar de sala
clashes-fix = { $action }: { $start } – { $end } ({ $zone })
clashes-leaves = { $count ->
    [one] deja { $count } conflicto
   *[other] deja { $count } conflictos
}
clashes-apply = Aplicar
clashes-not-applied-title = No aplicada
clashes-not-applied-heading = La sugerencia no se ha aplicado
clashes-back = Volver a los conflictos

## Inicio de sesión

signin-title = Iniciar sesión
signin-heading = Inicio de sesión de organizadores
signin-token = Token de la API (creado con { $command })
signin-submit = Iniciar sesión
signin-note = El token se comprueba una sola vez y nunca se guarda en su navegador; solo se guarda una cookie de sesión.
signin-unknown = Ese token es desconocido o ha sido revocado.

## Season planning (/seasons)
season-title = Planificación de la temporada
season-heading = Planificar una temporada
season-intro = Colocar de una vez toda una temporada de reuniones, talleres y foros, cada uno paralelamente a las reuniones a las que corresponde (Resolución 21). Los lugares y los eventos fijos se indican por su identificador en esta base de datos.
season-document = Documento de temporada (JSON)
season-submit = Planificar la temporada
season-demo-loaded = La temporada de demostración ya está rellenada: talleres y foros que se celebrarán paralelamente a la reunión del SG3RG-AFR en Yaundé y a la del SG5RG-ARB en El Cairo.
season-plan = El plan
season-cost = Costo
season-status-optimal = óptimo demostrado
season-status-feasible = factible, sin óptimo demostrado
season-bound = Cota inferior demostrada
season-placed = Eventos colocados
season-colocations = Celebraciones paralelas deseadas
season-trips = Viajes
season-trips-apart = Viajes si se celebraran por separado
season-soft-clashes = Conflictos leves
season-chart = El plan por lugar y día: cada barra es un evento; los grupos celebrados paralelamente aparecen recuadrados y numerados.
season-legend-placed = Evento colocado
season-legend-fixed = Reunión fija
season-legend-closed = Fin de semana o día festivo
season-legend-cluster = Grupo celebrado paralelamente
season-table = Colocaciones
season-col-event = Evento
season-col-venue = Lugar
season-col-room = Sala
season-col-days = Días
season-col-alongside = Paralelamente a
season-col-cluster = Grupo
season-fixed = fijo
season-unplaced = Sin colocar
season-none-unplaced = Todos los eventos están colocados.
season-apply = Aplicar: crear estos eventos como propuestos
season-apply-signin = Inicie sesión como organizador para aplicar este plan
season-applied-title = Temporada aplicada
season-applied-heading = El plan se ha aplicado
season-applied-intro = Se crearon estos eventos propuestos, cada uno vinculado al evento paralelamente al cual se celebra.
season-not-applied-title = No aplicado
season-not-applied-heading = El plan no se ha aplicado
season-back = Volver a la planificación de la temporada

## Referencia de la API (/api/docs)

apidocs-title = Referencia de la API
apidocs-intro = Todas las operaciones de la API HTTP de tandem, tomadas de su documento OpenAPI ({ $document }). Las descripciones son las del documento, en inglés. Para probar las operaciones en el navegador, abra la { $console }.
apidocs-console = consola interactiva (Swagger UI)
apidocs-auth = La lectura está abierta donde el servidor lo permite; la escritura requiere un token de API, enviado como { $header }.
apidocs-contents = Contenido
apidocs-schemas = Esquemas
apidocs-parameters = Parámetros
apidocs-name = Nombre
apidocs-in = Ubicación
apidocs-in-query = cadena de consulta
apidocs-in-path = ruta
apidocs-in-header = encabezado
apidocs-in-cookie = cookie
apidocs-type = Tipo
apidocs-required = Obligatorio
apidocs-description = Descripción
apidocs-yes = sí
apidocs-no = no
apidocs-body = Cuerpo de la solicitud:
apidocs-body-required = obligatorio
apidocs-responses = Respuestas
apidocs-status = Estado
apidocs-values = Valores:
apidocs-fields = Campos de { $schema }
