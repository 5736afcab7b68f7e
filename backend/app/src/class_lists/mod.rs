//! Group registration (集体报名) of nurse fresh graduates: a school's registration point uploads its graduating
//! class list for an exam session (all or nothing, every bad row reported); each listed student still registers
//! and submits on their own — quick-fill offers the school's data and routes the registration to the school's
//! point — and the school follows every student's status.
pub mod api;
pub mod service;
