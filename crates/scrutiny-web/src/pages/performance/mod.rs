//! Performance monitoring: the dashboard, an indicator's page, departments' quarterly returns
//! (the form and its checks, shared with the API), the quarters' states, and the budget statements.

pub mod dashboard;
pub mod finance;
pub mod framework;
pub mod indicator;
pub mod quarters;
pub mod returnform;
pub mod returns;
