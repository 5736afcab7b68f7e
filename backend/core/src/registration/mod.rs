//! Pure domain rules of candidate registration (domain.md §2–§5): the
//! registration form and its validation, the health-tech two-year rolling
//! pass, fee quotes, required proof materials and the physician-exam 中专
//! classification.
//!
//! Everything here is pure: no I/O and no clock (callers pass `today`).
//! Every rule that a province may change (fees, material conditions, the 中专
//! policy) is data passed in by the caller; the `default_*` functions only
//! provide sensible starting points.

pub mod class_list;
pub mod fees;
pub mod form;
pub mod history;
pub mod materials;
pub mod rolling;
pub mod secondary;
pub mod supplement;
mod validate;
pub mod withdrawal;

#[cfg(test)]
mod complete_tests;
#[cfg(test)]
mod validate_fixtures;
#[cfg(test)]
mod validate_tests;

pub use fees::{quote, FeeError, FeeLine, FeeQuote, FeeRule, FeeUnit};
pub use form::{
    is_fresh_graduate, is_manual_unit, validate_complete, validate_partial, EducationSection,
    ExamChoiceSection, ExamKind, FieldErrors, Form, IdentitySection, NurseSection,
    PhysicianSection, WorkSection,
};
pub use materials::{
    default_rules, facts_of, required_materials, Condition, Facts, MaterialRule, MATERIAL_KINDS,
};
pub use rolling::{check_subject_choice, rolling_state, PassRecord, RollingState};
pub use secondary::{classify, default_policy, SecondaryClass, SecondaryInput, SecondaryPolicy};
