-- A participant's e-mail address (DESIGN §15), for invitations; private: only organisers of
-- the event's region and the participant's own feed token read it.
ALTER TABLE event_participants ADD COLUMN email TEXT;
