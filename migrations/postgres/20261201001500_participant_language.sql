-- The language a participant reads (DESIGN §16): their invitations' plain-text part is
-- written in it; NULL is English. One of ITU's six languages, by its BCP 47 tag. The outbox
-- keeps it with the rest of the participant a message addresses.
ALTER TABLE event_participants ADD COLUMN language TEXT
    CHECK (language IN ('ar', 'en', 'es', 'fr', 'ru', 'zh'));
ALTER TABLE outbox ADD COLUMN participant_language TEXT
    CHECK (participant_language IN ('ar', 'en', 'es', 'fr', 'ru', 'zh'));
