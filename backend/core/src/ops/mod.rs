//! Rules of the operations duties (domain.md §9): the security patrol and the pre-season inspection.
pub mod dbinspect;
pub mod inspect;
pub mod patrol;
pub mod retention;
