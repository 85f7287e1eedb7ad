# Field errors of the application and the store: imported calendars, windows from files and
# URLs, references to venues, rooms and calendars (DESIGN §16).

## Documents iCalendar illisibles (la raison est celle de l’analyseur)

calendar-unreadable-line = calendrier illisible, ligne { $line } : { $reason }
calendar-unreadable = calendrier illisible : { $reason }

## Calendriers d’une recherche de créneaux

windows-unknown-calendar = aucun calendrier importé n’a l’identifiant « { $id } »
windows-file-unreadable = fichier { $path } : { $reason }
windows-file-cannot-read = impossible de lire { $path } : { $reason }
windows-read-failed = la lecture de ce calendrier a échoué de façon inattendue

## La manifestation de référence d’une tenue conjointe

colocation-unknown-anchor = aucune manifestation n’a l’identifiant « { $id } »
colocation-anchor-no-venue = la manifestation de référence n’a pas de lieu où organiser une manifestation en parallèle

## Une séance d’un plan de saison

season-session-invalid = la séance du { $date } à { $venue } : { $reason }

## Importation d’un calendrier depuis une URL

import-url-not-url = URL non valide ({ $reason })
import-url-no-host = l’URL n’indique aucun hôte
import-url-scheme = le schéma « { $scheme } » n’est pas pris en charge : utilisez https, http ou webcal
import-redirect-no-location = une redirection sans en-tête Location
import-redirect-invalid = une redirection vers une URL non valide ({ $reason })
import-redirect-scheme = une redirection vers le schéma « { $scheme } », qui n’est pas pris en charge
import-too-large = le calendrier dépasse la taille maximale de { $limit } octets
import-too-many-redirects = plus de { $max } redirections
import-refused-resolves = refusé : { $host } correspond à l’adresse { $address }, qui n’est pas une adresse publique ({ $range }) ; les calendriers ne sont récupérés qu’à des adresses publiques (ajoutez l’hôte à import.allow_hosts pour l’autoriser)
import-refused-address = refusé : { $host } n’est pas une adresse publique ({ $range }) ; les calendriers ne sont récupérés qu’à des adresses publiques (ajoutez l’hôte à import.allow_hosts pour l’autoriser)
import-refused-scheme = refusé : { $host } : le schéma « { $scheme } » n’est pas pris en charge : utilisez https, http ou webcal
import-refused-no-host = refusé : { $host } : l’URL n’indique aucun hôte
import-refused-no-address = refusé : le nom { $host } ne correspond à aucune adresse

## Références que vérifie la base

reference-no-venue = aucun lieu n’a l’identifiant { $id }
reference-no-room = le lieu { $venue } n’a pas de salle { $room }
reference-room-without-venue = une salle exige le venue_id de son lieu
reference-no-alongside = aucune autre manifestation n’a l’identifiant { $id }
reference-no-occurrence = la manifestation n’a lieu à aucune date
reference-rule = règle de récurrence inutilisable : { $reason }
