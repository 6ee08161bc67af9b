//! The record-level lists the front-door measures are computed from, as councils hold them
//! (Ofsted's Annex A lists 1, 3 and 4; the CIN census's referrals and assessments), reduced to
//! the fields a measure needs. The child is named only by the council's own identifier.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A period of whole days, both ends included (a financial year, a quarter, a month).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateRange {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl DateRange {
    pub fn new(start: NaiveDate, end: NaiveDate) -> Option<DateRange> {
        (start <= end).then_some(DateRange { start, end })
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }
}

/// A contact about a child (Annex A list 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub child: String,
    pub date: NaiveDate,
    pub source: Option<String>,
}

/// A referral to children's social care (Annex A list 3; CIN census `CINreferralDate`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Referral {
    pub child: String,
    pub date: NaiveDate,
    pub source: Option<String>,
    /// Ended in no further action.
    pub nfa: bool,
}

/// Which assessment regime a record belongs to: the single assessment (45 working days, from
/// 2013) or the initial (10) and core (35) assessments before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AssessmentKind {
    Single,
    Initial,
    Core,
}

impl AssessmentKind {
    /// The working days allowed from start to authorisation.
    pub fn limit(self) -> u32 {
        match self {
            AssessmentKind::Single => 45,
            AssessmentKind::Initial => 10,
            AssessmentKind::Core => 35,
        }
    }
}

/// An assessment (Annex A list 4; CIN census `Assessments`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub child: String,
    pub kind: AssessmentKind,
    pub start: NaiveDate,
    /// Completed and authorised; open when none.
    pub authorised: Option<NaiveDate>,
}

/// A section 47 enquiry (Annex A list 5; CIN census `Section47`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section47 {
    pub child: String,
    /// The strategy discussion that started the enquiry.
    pub start: NaiveDate,
    /// The initial child protection conference, if one was held.
    pub conference: Option<NaiveDate>,
    /// A conference was judged unnecessary.
    pub no_conference_needed: bool,
}

/// A child protection plan (Annex A list 7; CIN census `ChildProtectionPlans`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProtectionPlan {
    pub child: String,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    /// Plans the child had before this one, as recorded (the history may not be held).
    pub previous_plans: Option<u32>,
}

/// The front-door records of one return (an Annex A workbook, say).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontDoor {
    pub contacts: Vec<Contact>,
    pub referrals: Vec<Referral>,
    pub assessments: Vec<Assessment>,
    pub enquiries: Vec<Section47>,
    pub plans: Vec<ProtectionPlan>,
    /// Lists present but not read by this version (early help, section 47, …), by name.
    pub not_read: Vec<String>,
}
