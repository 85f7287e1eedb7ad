# Календари: тексты, которые tandem пишет в календари iCalendar (DESIGN §16): NAME и
# DESCRIPTION календаря, строка LOCATION; категории берутся из терминов kind-*.

feed-all-name = Региональные собрания МСЭ
feed-all-description = Все собрания, семинары-практикумы, конференции и заседания, координируемые в tandem
feed-region-name = Собрания МСЭ, регион «{ $region }»
feed-region-description = Собрания МСЭ в регионе «{ $region }» ({ $code })
feed-group-name = Собрания группы { $group }
feed-group-description = Собрания группы { $group }: { $title }
feed-venue-name = { $venue } ({ $city })
feed-venue-description = Собрания в месте проведения: { $name }
feed-participant-name = Мои собрания МСЭ ({ $participant })
feed-participant-description = Собрания, в которых участвует { $participant }
feed-freebusy-name = Занятость участника { $participant }
feed-freebusy-description = Время, когда участник { $participant } занят
feed-location = { $venue }, { $city }, { $country }
feed-location-room = { $room }, { $venue }, { $city }, { $country }
