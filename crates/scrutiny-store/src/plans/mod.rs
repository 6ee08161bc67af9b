//! Decisions on proposed target revisions.

pub(crate) mod decide;
