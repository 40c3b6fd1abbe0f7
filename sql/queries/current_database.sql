SELECT current_database() AS db
