DROP TABLE supplements;
