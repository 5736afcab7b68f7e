DROP TABLE season_archives;
DROP TABLE archived_registrations;
