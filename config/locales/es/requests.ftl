# Field errors of the application and the store: imported calendars, windows from files and
# URLs, references to venues, rooms and calendars (DESIGN §16).

## Documentos iCalendar ilegibles (el motivo es el del analizador)

calendar-unreadable-line = calendario ilegible, línea { $line }: { $reason }
calendar-unreadable = calendario ilegible: { $reason }

## Calendarios de una búsqueda de horarios

windows-unknown-calendar = no hay ningún calendario importado con el identificador «{ $id }»
windows-file-unreadable = archivo { $path }: { $reason }
windows-file-cannot-read = no se puede leer { $path }: { $reason }
windows-read-failed = la lectura de este calendario falló de forma inesperada

## El evento de referencia de un evento paralelo

colocation-unknown-anchor = no hay ningún evento con el identificador «{ $id }»
colocation-anchor-no-venue = el evento de referencia no tiene sede donde celebrar un evento paralelo

## Una sesión de un plan de temporada

season-session-invalid = la sesión del { $date } en { $venue }: { $reason }

## Importación de un calendario desde una URL

import-url-not-url = URL no válida ({ $reason })
import-url-no-host = la URL no indica ningún host
import-url-scheme = el esquema «{ $scheme }» no se admite: use https, http o webcal
import-redirect-no-location = una redirección sin encabezado Location
import-redirect-invalid = una redirección a una URL no válida ({ $reason })
import-redirect-scheme = una redirección al esquema «{ $scheme }», que no se admite
import-too-large = el calendario supera el tamaño máximo de { $limit } bytes
import-too-many-redirects = más de { $max } redirecciones
import-refused-resolves = rechazado: { $host } se resuelve en { $address }, que no es una dirección pública ({ $range }); los calendarios solo se obtienen de direcciones públicas (añada el host a import.allow_hosts para permitirlo)
import-refused-address = rechazado: { $host } no es una dirección pública ({ $range }); los calendarios solo se obtienen de direcciones públicas (añada el host a import.allow_hosts para permitirlo)
import-refused-scheme = rechazado: { $host }: el esquema «{ $scheme }» no se admite: use https, http o webcal
import-refused-no-host = rechazado: { $host }: la URL no indica ningún host
import-refused-no-address = rechazado: el nombre { $host } no se resuelve en ninguna dirección

## Referencias que comprueba la base de datos

reference-no-venue = no hay ninguna sede con el identificador { $id }
reference-no-room = la sede { $venue } no tiene la sala { $room }
reference-room-without-venue = una sala requiere el venue_id de su sede
reference-no-alongside = no hay ningún otro evento con el identificador { $id }
reference-no-occurrence = el evento no se celebra ninguna vez
reference-rule = no se puede aplicar la regla de recurrencia: { $reason }
