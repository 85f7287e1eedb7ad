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
role-admin = administrateur
role-organiser = organisateur
role-viewer = lecteur
term-regional-group = groupe régional
term-study-group = commission d’études
seats = { $count ->
    [one] { $count } place
   *[other] { $count } places
}
