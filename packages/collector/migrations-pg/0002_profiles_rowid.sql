-- Mirrors migrations/0002_profiles_rowid.sql, a SQLite-only storage layout change (a rowid profiles table with
-- the small columns first). PostgreSQL's 0001 creates profiles in that final shape already: nothing to do.
SELECT 1;
