//! Quarters and departments' returns.

pub(crate) mod framework;
pub(crate) mod returns;
