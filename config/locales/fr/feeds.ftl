# Flux : les textes que tandem écrit dans les flux iCalendar (DESIGN §16) : NAME et
# DESCRIPTION du calendrier, ligne LOCATION ; les catégories reprennent les termes kind-*.

feed-all-name = Réunions régionales de l'UIT
feed-all-description = Toutes les réunions, tous les ateliers, conférences et séances coordonnés dans tandem
feed-region-name = Réunions de l'UIT dans la région { $region }
feed-region-description = Réunions de l'UIT dans la région { $region } ({ $code })
feed-group-name = Réunions du groupe { $group }
feed-group-description = Réunions du groupe { $group } : { $title }
feed-venue-name = { $venue } ({ $city })
feed-venue-description = Réunions prévues dans ce lieu : { $name }
feed-participant-name = Mes réunions de l'UIT ({ $participant })
feed-participant-description = Les réunions auxquelles participe { $participant }
feed-freebusy-name = Disponibilités de { $participant }
feed-freebusy-description = Créneaux où { $participant } n'est pas disponible
feed-location = { $venue }, { $city }, { $country }
feed-location-room = { $room }, { $venue }, { $city }, { $country }
