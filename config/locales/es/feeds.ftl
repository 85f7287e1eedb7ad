# Calendarios: los textos que tandem escribe en los calendarios iCalendar (DESIGN §16):
# NAME y DESCRIPTION del calendario, la línea LOCATION; las categorías son los términos kind-*.

feed-all-name = Reuniones regionales de la UIT
feed-all-description = Todas las reuniones, talleres, conferencias y sesiones coordinados en tandem
feed-region-name = Reuniones de la UIT en la región { $region }
feed-region-description = Reuniones de la UIT en la región { $region } ({ $code })
feed-group-name = Reuniones del grupo { $group }
feed-group-description = Reuniones del grupo { $group }: { $title }
feed-venue-name = { $venue } ({ $city })
feed-venue-description = Reuniones previstas en este lugar: { $name }
feed-participant-name = Mis reuniones de la UIT ({ $participant })
feed-participant-description = Las reuniones en las que participa { $participant }
feed-freebusy-name = Disponibilidad de { $participant }
feed-freebusy-description = Períodos en los que { $participant } no está disponible
feed-location = { $venue }, { $city }, { $country }
feed-location-room = { $room }, { $venue }, { $city }, { $country }
