//! Children's case data in the browser: the pseudonymised records behind a figure computed from
//! case records ("why this number"), for the performance officer and the department's manager
//! only, every look audited; a case return uploaded and its figures stored, followed on its own
//! page.

pub mod records;
pub mod upload;
