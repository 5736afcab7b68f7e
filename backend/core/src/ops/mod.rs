//! Rules of the operations duties (domain.md §9): the security patrol.
pub mod patrol;
