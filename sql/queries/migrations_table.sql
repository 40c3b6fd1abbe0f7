-- Where the migrations record themselves (before the first migration runs).
CREATE SCHEMA IF NOT EXISTS zava_meta;
CREATE TABLE IF NOT EXISTS zava_meta.migrations (
  version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
