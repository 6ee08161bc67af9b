//! Performance monitoring: the framework's records ([`model`]: boards, priorities, objectives,
//! milestones, indicators, targets, values and the [`model::Dataset`] they are imported as),
//! progress (RAG) in [`rag`], direction of travel in [`direction`] on the basis declared in [`comparison`], summary counts and "by
//! exception" in [`summary`], revenue budget statements in [`finance`], the quarterly return's
//! states in [`returns`], and how each of its tables is imported and stored in [`tables`].

pub mod comparison;
pub mod direction;
pub mod finance;
pub mod formula;
pub mod frequency;
pub mod layout;
pub mod model;
pub mod rag;
pub mod returns;
pub mod summary;
pub mod tables;
