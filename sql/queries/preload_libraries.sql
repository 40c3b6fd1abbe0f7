SELECT current_setting('shared_preload_libraries') AS setting
