//! The quarter's board reports: the Priority Based Report ([`pbr`]) and the Quarterly Monitoring
//! Report ([`qmr`]), over shared sections and each period's lookups and judgements.

pub(crate) mod context;
pub(crate) mod formula;
pub(crate) mod outline;
pub mod pbr;
pub mod qmr;
pub(crate) mod sections;
pub(crate) mod sources;
pub mod view;
