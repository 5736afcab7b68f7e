//! Persistence for weikao: the diesel schema, the connection pool, embedded migrations and the
//! queries of each business capability. Handlers never build SQL; services call these functions
//! inside one unit of work (`web::block` + one transaction).

pub mod accounts;
pub mod archive;
pub mod audit;
pub mod catalog;
pub mod catalog_import;
pub mod class_lists;
pub mod comparison;
pub mod db;
pub mod dbstats;
pub mod exchange;
pub mod fee_table;
pub mod findings;
pub mod help;
pub mod jobs;
pub mod libraries;
pub mod materials;
pub mod orgs;
pub mod outbox;
pub mod patrol;
pub mod payments;
pub mod probation;
pub mod reasons;
pub mod registrations;
pub mod retention;
pub mod review_abnormal;
pub mod review_stats;
pub mod schedule;
pub mod schema;
pub mod spot_checks;
pub mod staff_admin;
pub mod supplements;
pub mod talent;
pub mod testing;

pub use db::{DbConn, DbPool};
