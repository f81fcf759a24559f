-- Items acknowledged while the database was unreachable wait in a local spool file and are
-- inserted when it returns. Each carries the key it was spooled under, so an insert repeated
-- after a crash between commit and spool clean-up is recognised and skipped.
ALTER TABLE flagged_item ADD COLUMN spool_key VARCHAR(36);
CREATE UNIQUE INDEX flagged_item_spool_key ON flagged_item (spool_key);
