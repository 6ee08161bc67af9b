//! Quarters and departments' returns.

pub(crate) mod returns;
