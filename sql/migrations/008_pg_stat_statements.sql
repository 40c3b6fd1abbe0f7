-- zava:requires pg_stat_statements
-- Statement statistics for the Performance page and `npm run bench` (the embedded server
-- preloads the library; on an external server without it the view is simply unavailable).
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
