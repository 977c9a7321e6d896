-- The read journal's events-by-tag query (dev.actorshop.conf.H2ReadJournalDao) seeks a tag's events
-- after an offset here, so a poll reads only the new events, however long the journal.
CREATE INDEX IF NOT EXISTS "event_tag_tag_idx" ON "event_tag" ("tag", "event_id");
