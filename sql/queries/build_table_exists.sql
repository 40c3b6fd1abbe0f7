-- Whether this database has the build record table (a built data set has it).
SELECT to_regclass('zava_meta.build') IS NOT NULL AS ok
