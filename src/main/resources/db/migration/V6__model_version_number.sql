-- The model version that decided a queued comment is a number, as model_version.version is.
ALTER TABLE flagged_item ADD COLUMN model_version_number INTEGER;
UPDATE flagged_item SET model_version_number = CAST(model_version AS INTEGER) WHERE model_version IS NOT NULL;
ALTER TABLE flagged_item DROP COLUMN model_version;
ALTER TABLE flagged_item RENAME COLUMN model_version_number TO model_version;
