//! Reports computed from case records (a child's social care case): the contact, referral and
//! assessment analysis.

pub mod adoption_scorecard;
pub mod analysis;
pub mod front_door_report;
pub mod missing_report;
