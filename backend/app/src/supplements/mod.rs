//! Supplementary materials of nurse fresh graduates (材料补充填报): opened when the registration is paid, the
//! candidate uploads the diploma within the session's supplement window and submits, the exam region accepts,
//! returns (the candidate uploads again before the deadline) or rejects; the worker reminds before the deadline
//! and expires what is still owed after it. Listed apart from the main review.
pub mod candidate;
pub mod review;
pub mod service;
