-- An external server is rebuilt in place: what the migrations made goes first.
DROP SCHEMA IF EXISTS retail, rls, zava_meta CASCADE
