DROP TABLE spot_check_items;
DROP TABLE spot_checks;
