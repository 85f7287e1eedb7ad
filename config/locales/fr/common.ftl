# Textes communs : liaison des dates et des heures, noms des termes de référence.

# Une date et une heure déjà mises en forme par le CLDR.
date-time = { $date }, { $time }
time-span-day = { $start } – { $end } { $zone }
time-span = { $start } – { $end } { $zone }
time-with-zone = { $time } ({ $zone })
utc = UTC
region-AFR = Afrique
region-AMS = Amériques
region-ARB = États arabes
region-ASP = Asie-Pacifique
region-CIS = CEI
region-EUR = Europe
kind-meeting = réunion
kind-workshop = atelier
kind-conference = conférence
kind-session = séance
mode-in_person = en présentiel
mode-virtual = virtuelle
mode-hybrid = hybride
status-proposed = proposée
status-confirmed = confirmée
status-cancelled = annulée
severity-hard = bloquant
severity-soft = mineur
clash-room_overlap = salle réservée deux fois
clash-group_overlap = groupe régional réuni deux fois en même temps
clash-participant_overlap = participant attendu à deux endroits
clash-region_overlap = deux manifestations simultanées dans la région
clash-venue_closed = lieu fermé
clash-remote_hours = hors des heures des participants à distance
clash-detail-room_overlap = les deux manifestations occupent la même salle au même moment
clash-detail-group_overlap = le groupe { $group } a deux manifestations au même moment
clash-detail-participant_overlap = le participant { $participant } est attendu aux deux manifestations
clash-detail-calendar_busy = { $participant } est occupé à ce moment selon son propre agenda
clash-detail-region_overlap = deux manifestations de la région { $region } se chevauchent dans des lieux différents et se disputent les mêmes délégués
clash-detail-venue_closed = le { $date } est un jour de week-end ou un jour férié sur le lieu de réunion
clash-detail-remote_hours = le participant à distance { $participant } se connecterait { $span } ({ $zone }), hors des heures acceptables, de { $from } à { $to } du lundi au vendredi
clash-detail-remote_hours-unknown-zone = le participant à distance { $participant } se connecterait hors des heures acceptables, de { $from } à { $to } heure locale du lundi au vendredi
role-admin = administrateur
role-organiser = organisateur
role-viewer = lecteur
term-regional-group = groupe régional
term-study-group = commission d’études
seats = { $count ->
    [one] { $count } place
   *[other] { $count } places
}

## Pourquoi rien n’a été trouvé ni placé (phrases des planificateurs)

list-separator = {" ; "}
why-no-window-range = aucun créneau : la période est plus courte que la durée
why-no-window-participant = aucun créneau : { $participant } n’est pas disponible pour { $blocked } % des créneaux envisagés (hors des heures acceptables pour { $outside } %, occupé pour { $busy } %) ; ensemble, les participants obligatoires excluent tous les créneaux
why-no-window = aucun créneau n’a été trouvé
why-no-dates = aucune date possible : aucune suite de jours ouvrables à { $venue } ({ $zone } ; jours fériés du calendrier { $calendar }) ne tient dans les { $gap } jours ouvrables autour de la réunion de référence
why-no-room-that-large = aucune salle de { $venue } n’accueille { $seats } personnes (la plus grande : { $largest })
why-no-free-room = pour chacune des { $dates } dates possibles, aucune salle libre de { $venue } n’accueille { $seats } personnes
why-season-no-room = aucun jour ouvrable de ses lieux entre le { $from } et le { $to } n’offre de salle pour { $seats } personnes (la plus grande en accueille { $largest })
why-season-no-run = ses lieux n’offrent pas { $days } jours ouvrables consécutifs entre le { $from } et le { $to }
why-season-taken = chaque jour ouvrable de ses lieux entre le { $from } et le { $to } avec une salle pour { $seats } personnes est pris par des manifestations existantes : { $causes }
why-season-costs-more = { $free } de ses { $positions } placements possibles sont libres, mais la placer coûterait plus que les { $weight } de son absence
why-season-blocked = chacun de ses { $positions } placements possibles entre en conflit avec une manifestation placée (salle, groupe, ou participant obligatoire ou présent sur place) : { $events }
why-cause-group = le groupe { $group } se réunit à « { $event } »
why-cause-required = le participant obligatoire { $participant } est requis à « { $event } »
why-cause-in-person = le participant { $participant } est présent à « { $event } » dans un autre lieu
why-cause-rooms-booked = toutes les salles de { $venue } pour { $seats } personnes sont réservées
why-cause-count = { $cause } ({ $count } sur { $total })
why-placed-count = « { $event } » ({ $count })

## Ce qui ne va pas dans un champ (validation)

invalid-date = « { $value } » n’est pas une date comme 2027-04-04 (AAAA-MM-JJ)
invalid-date-bounds = { $value } est en dehors des dates acceptées par tandem, du { $first } au { $last }
invalid-minutes-positive = doit être un nombre positif de minutes
invalid-minutes-max = ne doit pas dépasser { $max } minutes
invalid-range-empty = la période est vide : la fin doit suivre le début
invalid-range-shorter = la période est plus courte que la durée
invalid-too-many-candidates = la demande compte { $count } créneaux possibles, plus que les { $max } autorisés : raccourcissez la période ou allongez le pas
invalid-participants-none = il faut au moins un participant
invalid-participants-max = { $max } participants au plus
invalid-zone-missing = un fuseau horaire est obligatoire
invalid-zone = fuseau horaire inconnu « { $value } » : un nom IANA est attendu, comme Africa/Douala
invalid-time-of-day = heure invalide « { $value } » : HH:MM attendu, entre 00:00 et 24:00
invalid-instant = « { $value } » n’est pas un instant RFC 3339 comme 2027-03-01T00:00:00Z
invalid-text-empty = ne doit pas être vide
invalid-text-too-long = ne doit pas dépasser { $max } caractères
invalid-dst-gap = { $value } n’existe pas dans le fuseau { $zone } : les horloges sautent cette heure au changement d’heure
invalid-end-before-start = doit suivre le début
invalid-event-too-long = une manifestation dure au plus { $max } jours ; utilisez « rrule » pour une série

## Ce qui ne va pas dans une demande de saison (validation)

season-invalid-date = « { $value } » n’est pas une date comme 2027-03-08 (AAAA-MM-JJ)
season-invalid-date-bounds = { $value } est en dehors des dates acceptées, du 1990-01-01 au 2099-12-31
season-invalid-weight = { $value } n’est pas un poids : les poids sont des nombres positifs ou nuls jusqu’à 1e9
season-invalid-range-empty = la période est vide : { $last } précède { $first }
season-invalid-range-long = une période couvre au plus { $max } jours
season-invalid-gap = doit être un nombre entier de jours ouvrables de 0 à { $max }
season-invalid-time-limit = { $value } n’est pas permis : la limite est supérieure à 0 et d’au plus { $max } secondes
season-unknown-event = manifestation inconnue « { $id } »
season-fixed-cancelled = la manifestation « { $id } » est annulée : une manifestation fixe doit être maintenue
season-event-twice = la manifestation « { $id } » figure deux fois
season-fixed-venue = la manifestation « { $id } » a lieu à « { $venue } », qui n’est pas parmi les lieux
season-fixed-room = la manifestation « { $id } » est dans la salle « { $room } », que son lieu n’a pas
season-too-many-events = { $max } manifestations au plus par demande
season-id-twice = l’identifiant « { $id } » est utilisé par deux manifestations
season-id-existing = l’identifiant « { $id } » est déjà celui d’une manifestation existante
season-unknown-group = groupe inconnu « { $group } »
season-invalid-days = doit être un nombre entier de jours de 1 à { $max }
season-invalid-daily-end = doit suivre le début ({ $start }) : les séances se terminent le jour où elles commencent
season-no-venue = il faut au moins un lieu
season-unknown-venue = lieu inconnu « { $venue } »
season-venue-twice = le lieu « { $venue } » figure deux fois
season-latest-before-earliest = { $latest } précède la date au plus tôt ({ $earliest })
season-too-many-participants = { $max } participants au plus par manifestation
season-participant-twice = le participant « { $participant } » figure deux fois
season-virtual-in-person = une manifestation virtuelle n’a pas de participants sur place
season-invalid-seats = doit être un nombre entier de places de 0 à { $max }
season-alongside-itself = la manifestation « { $event } » ne peut pas se tenir à côté d’elle-même
season-alongside-not-fixed = la manifestation « { $event } » ne figure pas dans « fixed » : seules les manifestations fixes peuvent servir de référence
season-alongside-cancelled = la manifestation « { $event } » est annulée
season-alongside-unknown = « { $name } » n’est ni un groupe, ni une manifestation fixe, ni une manifestation de cette demande
season-alongside-twice = « { $name } » figure deux fois
