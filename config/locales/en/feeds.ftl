# feeds: the texts tandem writes into iCalendar feeds (DESIGN §16): the calendar's NAME
# and DESCRIPTION, the LOCATION line; category names are the kind-* terms of common.ftl.
# Event titles and descriptions are the organiser's and are never translated.

feed-all-name = ITU regional meetings
feed-all-description = Every meeting, workshop, conference and session coordinated in tandem
# $region: the region's name (region-*); $code: its code (AFR).
feed-region-name = ITU { $region } region meetings
feed-region-description = Meetings of the ITU { $region } region ({ $code })
# $group: the group's code (SG3RG-AFR); $title: its title as the reference data has it.
feed-group-name = { $group } meetings
feed-group-description = Meetings of { $group }: { $title }
# $venue, $city: as the venue's organiser wrote them.
feed-venue-name = { $venue } ({ $city })
# $name: the venue's name as feed-venue-name gives it.
feed-venue-description = Meetings at { $name }
# $participant: the participant's id.
feed-participant-name = My ITU meetings ({ $participant })
feed-participant-description = The meetings { $participant } takes part in
feed-freebusy-name = Free/busy of { $participant }
feed-freebusy-description = When { $participant } is busy
# The LOCATION line: $room, $venue, $city as written, $country the ISO code (CM).
feed-location = { $venue }, { $city }, { $country }
feed-location-room = { $room }, { $venue }, { $city }, { $country }
