-- Whether a build finished in this database (reset records it last).
SELECT EXISTS (SELECT 1 FROM zava_meta.build) AS found
