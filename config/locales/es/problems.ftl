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
problem-detail-event-not-rewritable = la reunión ya no puede reescribirse
problem-detail-stored-event-not-rewritable = la reunión almacenada ya no puede reescribirse
problem-detail-send-json = envíe el cuerpo en JSON con 'Content-Type: application/json'
problem-detail-no-event = no hay ninguna reunión con el id { $id }
problem-detail-no-venue = no hay ningún lugar con el id { $id }
problem-detail-no-calendar = no hay ningún calendario con el id { $id }
problem-detail-no-clash = no hay ningún conflicto con el id { $id }
problem-detail-no-feed-token = no hay ningún token de calendario con el id { $id }
problem-detail-no-token = no hay ningún token con el id { $id }
problem-detail-no-open-clash = no hay ningún conflicto abierto con el id { $id } (puede que ya se haya resuelto: consúltelo con GET para ver su historial)
problem-detail-no-group = no existe el grupo { $code }
problem-detail-no-region = no existe la región { $code }: se esperaba AFR, AMS, ARB, ASP, CIS o EUR
problem-detail-no-feed-file = no existe el calendario { $file }: los nombres de calendario terminan en .ics
problem-detail-suggestion-stale = la sugerencia { $suggestion } ya no se aplica al conflicto { $id }; consulte el conflicto con GET para ver las sugerencias actuales
problem-detail-stale-version = If-Match indicaba la versión { $expected }, pero la reunión está en la versión { $current }: vuelva a leerla e inténtelo de nuevo
problem-detail-room-held = la sala está ocupada a esa hora por { $events }
problem-detail-rate-limited = este cliente envió más de { $burst } solicitudes a la vez o más de { $rate } por segundo; vuelva a intentarlo dentro de { $seconds } s
problem-invalid-request-detail =
    { $count ->
        [one] este campo no es válido: { $fields }
       *[other] estos campos no son válidos: { $fields }
    }
