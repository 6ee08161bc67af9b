//! Children's social care case records turned into the statutory measures: the front door
//! (contacts, referrals, re-referrals, assessments), child protection, and children in care
//! from the SSDA903 return (`care.rs` and the modules after it). Each measure is one pure function
//! over records already read and checked, with its written definition in `docs/measures/` and a
//! version, so a figure can say which definition made it.
//!
//! "Case" here means a child's social care case (complaints have their own folder).

pub mod activity;
pub mod adoption;
pub mod care;
pub mod declared;
pub mod front_door;
pub mod leavers;
pub mod measure;
pub mod missing;
pub mod names;
pub mod periods;
pub mod placements;
pub mod population;
pub mod protection;
pub mod records;
pub mod return_interviews;
pub mod synth;
pub mod validation;
pub mod why;

pub use care::CareRecords;
pub use measure::{IndicatorMeasure, Measure, Prepared, ValueSource};
pub use records::{
    Assessment, AssessmentKind, ChildId, CinEpisode, Contact, DateRange, FrontDoor,
    LookedAfterChild, Names, PlanReview, ProtectionPlan, Referral, Section47, Wording,
};
