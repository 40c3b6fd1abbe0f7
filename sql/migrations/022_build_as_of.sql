-- The as-of date a build's data ends on (`db reset --as-of`, default the build day): status and
-- the tools report it, and one seed, scale and as-of date always give the same database.
ALTER TABLE zava_meta.build ADD COLUMN IF NOT EXISTS as_of date;
