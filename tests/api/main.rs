//! One test binary for every black-box API suite (link time matters on two cores).
mod accounts_candidate;
mod accounts_staff;
mod audit_chain;
mod authz_matrix;
mod binary;
mod catalog;
mod contract;
mod errors;
mod materials;
mod messaging;
mod ops;
mod registration;
mod registration_exams;
mod review_decisions;
mod scope;
mod storage;
mod web;
