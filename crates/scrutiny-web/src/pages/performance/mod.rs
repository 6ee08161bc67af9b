//! Performance monitoring: the dashboard, an indicator's page, departments' quarterly returns
//! (the form and its checks, shared with the API), the quarters' states, the budget statements, and
//! the framework edited record by record.

pub mod dashboard;
pub mod finance;
pub mod framework;
pub mod indicator;
pub mod quarters;
pub mod returnform;
pub mod returns;
