//! Rules of the data exchange with third parties (domain.md §7): probation certificates filed by institutions,
//! and the national–provincial comparison.
pub mod comparison;
pub mod probation;
