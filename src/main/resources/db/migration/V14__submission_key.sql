-- Every flagged item carries a key of its own from the moment it is submitted (until now only
-- items that waited in the spool had one). A write whose commit answer was lost may have committed
-- all the same; the retry looks the keys up and skips the rows already there, so an acknowledged
-- comment is never queued twice.
ALTER TABLE flagged_item RENAME COLUMN spool_key TO submission_key;
