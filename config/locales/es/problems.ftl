# Documentos de problema (RFC 9457).

problem-invalid-request = Solicitud no válida
problem-not-found = No encontrado
problem-unauthorized = Se requiere autenticación
problem-forbidden = Prohibido
problem-clash = La sala ya está reservada
problem-conflict = Conflicto
problem-stale-version = El recurso ha cambiado
problem-source-unreachable = No se pudo obtener el calendario
problem-too-large = Cuerpo de la solicitud demasiado grande
problem-unsupported-media-type = Tipo de medio no admitido
problem-rate-limited = Demasiadas solicitudes
problem-unavailable = Servicio no disponible
problem-internal = Error interno
problem-unavailable-detail = la base de datos está ocupada o no responde; vuelva a intentarlo en breve
problem-internal-detail = se produjo un error inesperado; ha quedado registrado
problem-too-large-detail = el cuerpo de la solicitud supera el tamaño que tandem acepta

# Los detalles que tandem escribe con valores de la solicitud.
problem-detail-bearer-expected = se esperaba 'Authorization: Bearer <token>'
problem-detail-token-needed = se necesita un token: envíe 'Authorization: Bearer <token>'
problem-detail-token-unknown = el token es desconocido o ha sido revocado
problem-detail-viewer-read-only = un token de consulta no puede modificar nada
problem-detail-viewer-feed-tokens = un token de consulta no puede gestionar tokens de calendario
problem-detail-feed-token-own = un token de calendario solo gestiona los tokens de su propio participante
problem-detail-region-outside = este token de organizador abarca { $regions }; la región { $region } queda fuera
problem-detail-no-such-feed = no existe ese calendario
problem-detail-token-revoked = este token fue revocado; cree uno nuevo
problem-detail-send-json = envíe el cuerpo en JSON con 'Content-Type: application/json'
problem-detail-no-event = no hay ninguna reunión con el id «{ $id }»
problem-detail-no-venue = no hay ningún lugar con el id «{ $id }»
problem-detail-no-calendar = no hay ningún calendario con el id «{ $id }»
problem-detail-no-clash = no hay ningún conflicto con el id «{ $id }»
problem-detail-no-feed-token = no hay ningún token de calendario con el id «{ $id }»
problem-detail-no-token = no hay ningún token con el id «{ $id }»
problem-detail-no-open-clash = no hay ningún conflicto abierto con el id «{ $id }» (puede que ya se haya resuelto: consúltelo con GET para ver su historial)
problem-detail-no-group = no existe el grupo «{ $code }»
problem-detail-no-region = no existe la región «{ $code }»: se esperaba AFR, AMS, ARB, ASP, CIS o EUR
problem-detail-no-feed-file = no existe el calendario «{ $file }»: los nombres de calendario terminan en .ics
problem-detail-suggestion-stale = la sugerencia «{ $suggestion }» ya no se aplica al conflicto «{ $id }»; consulte el conflicto con GET para ver las sugerencias actuales
problem-detail-stale-version = If-Match indicaba la versión { $expected }, pero la reunión está en la versión { $current }: vuelva a leerla e inténtelo de nuevo
problem-detail-room-held = la sala está ocupada a esa hora por { $events }
problem-detail-rate-limited = este cliente envió más de { $burst } solicitudes a la vez o más de { $rate } por segundo; vuelva a intentarlo dentro de { $seconds } s
problem-invalid-request-detail =
    { $count ->
        [one] este campo no es válido: { $fields }
       *[other] estos campos no son válidos: { $fields }
    }

problem-method-not-allowed = Método no permitido
problem-method-not-allowed-detail = este recurso no admite ese método; la cabecera Allow indica los que admite
problem-timeout = La solicitud tardó demasiado
problem-timeout-detail = la solicitud superó el tiempo que tandem permite; vuelva a intentarlo en breve
problem-detail-no-route = no existe ese recurso; la API se describe en /api/v1/openapi.json
problem-detail-feed-token-reads-only = un token de suscripción solo lee las reuniones de su participante; para esto se necesita un token de API
problem-detail-region-none = este token de organizador no abarca ninguna región; la región { $region } queda fuera
problem-detail-no-record = no hay ningún registro con el id «{ $id }»
problem-detail-fetch-failed = no se pudo obtener el calendario: { $reason }
problem-detail-calendar-not-refreshable = este calendario se cargó directamente y no tiene una fuente desde la que actualizarlo
problem-detail-calendar-busy = ya se está actualizando este calendario
problem-detail-plan-event-appeared = la reunión «{ $title }» ({ $id }) apareció después de elaborarse el plan
problem-detail-plan-event-changed = la reunión «{ $title }» ({ $id }) cambió después de elaborarse el plan (versión { $was }, ahora { $now })
problem-detail-plan-event-gone = la reunión { $id } se canceló o se trasladó después de elaborarse el plan

# Errores de campo de las comprobaciones propias de la API HTTP.
api-after = debe ser posterior a { $other }
api-at-most = debe ser como máximo { $max }
api-between = debe estar entre { $min } y { $max }
api-bad-cursor = no es un cursor devuelto por esta API
api-bad-if-match = se esperaba el ETag de la reunión, por ejemplo "3"
api-bad-query = parámetro de consulta no válido: { $reason }
api-body-unreadable = no se pudo leer el cuerpo de la solicitud: { $reason }
api-not-json = el cuerpo no es JSON válido: { $reason }
api-missing-field = este campo es obligatorio
api-unreadable-value = no se puede leer este valor: { $reason }
api-calendar-no-source = indique 'url' (https, http o webcal) o 'ics' (el texto del calendario)
api-calendar-url-and-ics = indique 'url' (se obtiene y se actualiza) o 'ics' (se carga una vez), no ambos
api-calendar-two-owners = un calendario pertenece a un participante ('owner') o a una sede ('venue_id'), no a ambos
api-days-or-minutes = indique exactamente uno de days y duration_minutes
api-longer-than-day = supera el horario del día
api-listed-twice = figura dos veces
api-placement-none = indique al menos una ubicación
api-group-unknown = grupo desconocido «{ $code }»
api-group-unknown-see-list = grupo desconocido «{ $code }»: consulte GET /api/v1/groups para ver los códigos
api-unknown-value = valor desconocido «{ $value }»: se esperaba { $expected }
api-not-an-event-id = «{ $value }» no es un id de reunión
api-not-a-venue-id = «{ $value }» no es un id de sede
api-not-a-room-id = «{ $value }» no es un id de sala
api-not-http-url = «{ $value }» no es una URL http(s)
api-room-needs-venue = una sala requiere su venue_id
api-no-holiday-calendar = no hay ningún calendario de festivos incluido con el código «{ $code }»: los códigos conocidos son { $known }
api-invalid-event = no se pudo leer la reunión
api-invalid-venue = no se pudo leer la sede
