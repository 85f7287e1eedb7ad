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
