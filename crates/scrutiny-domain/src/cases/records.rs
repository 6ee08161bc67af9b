//! The record-level lists the front-door measures are computed from, as councils hold them
//! (Ofsted's Annex A lists 1, 3 and 4; the CIN census's referrals and assessments), reduced to
//! the fields a measure needs. The child is named only by the council's own identifier, held
//! once per return ([`FrontDoor::children`]) and carried by each record as a number.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use crate::cases::names::{ChildId, Names, SourceId};

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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contact {
    pub child: ChildId,
    pub date: NaiveDate,
    pub source: Option<SourceId>,
}

/// A referral to children's social care (Annex A list 3; CIN census `CINreferralDate`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Referral {
    pub child: ChildId,
    pub date: NaiveDate,
    pub source: Option<SourceId>,
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assessment {
    pub child: ChildId,
    pub kind: AssessmentKind,
    pub start: NaiveDate,
    /// Completed and authorised; open when none.
    pub authorised: Option<NaiveDate>,
}

/// A section 47 enquiry (Annex A list 5; CIN census `Section47`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section47 {
    pub child: ChildId,
    /// The strategy discussion that started the enquiry.
    pub start: NaiveDate,
    /// The initial child protection conference, if one was held.
    pub conference: Option<NaiveDate>,
    /// A conference was judged unnecessary.
    pub no_conference_needed: bool,
}

/// A child protection plan (Annex A list 7; CIN census `ChildProtectionPlans`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProtectionPlan {
    pub child: ChildId,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    /// Plans the child had before this one, as recorded (the history may not be held).
    pub previous_plans: Option<u32>,
}

/// The front-door records of one return (an Annex A workbook, say).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontDoor {
    /// The children's identifiers, numbered as first met; records carry the numbers.
    pub children: Names,
    /// Contact and referral sources as worded in the return.
    pub sources: Names,
    pub contacts: Vec<Contact>,
    pub referrals: Vec<Referral>,
    pub assessments: Vec<Assessment>,
    pub enquiries: Vec<Section47>,
    pub plans: Vec<ProtectionPlan>,
    /// Lists present but not read by this version (early help, section 47, …), by name.
    pub not_read: Vec<String>,
}

impl FrontDoor {
    /// The child with this identifier in this return, numbered now if first met.
    pub fn child(&mut self, id: &str) -> ChildId {
        ChildId(self.children.id(id))
    }

    /// The source with this wording in this return.
    pub fn source(&mut self, wording: &str) -> SourceId {
        SourceId(self.sources.id(wording))
    }

    /// The council's identifier of a child of this return.
    pub fn child_name(&self, child: ChildId) -> &str {
        self.children.name(child.0)
    }

    /// A source's wording in this return.
    pub fn source_name(&self, source: SourceId) -> &str {
        self.sources.name(source.0)
    }

    /// Takes in another return's records (read from another file at the same time, say): its
    /// children and sources are renumbered as this return's, its lists follow this one's.
    pub fn append(&mut self, other: FrontDoor) {
        let children: Vec<ChildId> = (0..other.children.len())
            .map(|i| self.child(other.children.name(i as u32)))
            .collect();
        let sources: Vec<SourceId> = (0..other.sources.len())
            .map(|i| self.source(other.sources.name(i as u32)))
            .collect();
        let child = |c: ChildId| children[c.0 as usize];
        let source = |s: Option<SourceId>| s.map(|s| sources[s.0 as usize]);
        self.contacts
            .extend(other.contacts.into_iter().map(|c| Contact {
                child: child(c.child),
                source: source(c.source),
                ..c
            }));
        self.referrals
            .extend(other.referrals.into_iter().map(|r| Referral {
                child: child(r.child),
                source: source(r.source),
                ..r
            }));
        self.assessments
            .extend(other.assessments.into_iter().map(|a| Assessment {
                child: child(a.child),
                ..a
            }));
        self.enquiries
            .extend(other.enquiries.into_iter().map(|e| Section47 {
                child: child(e.child),
                ..e
            }));
        self.plans
            .extend(other.plans.into_iter().map(|p| ProtectionPlan {
                child: child(p.child),
                ..p
            }));
        self.not_read.extend(other.not_read);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn appending_renumbers_the_other_returns_children_and_sources() {
        let day = NaiveDate::from_ymd_opt(2024, 4, 2).unwrap();
        let mut first = FrontDoor::default();
        let a = first.child("A");
        first.contacts.push(Contact {
            child: a,
            date: day,
            source: None,
        });
        let mut second = FrontDoor::default();
        let (b, a_again) = (second.child("B"), second.child("A"));
        let police = second.source("Police");
        for child in [b, a_again] {
            second.referrals.push(Referral {
                child,
                date: day,
                source: Some(police),
                nfa: false,
            });
        }
        first.append(second);
        let named: Vec<(&str, &str)> = first
            .referrals
            .iter()
            .map(|r| {
                (
                    first.child_name(r.child),
                    first.source_name(r.source.unwrap()),
                )
            })
            .collect();
        assert_eq!(named, [("B", "Police"), ("A", "Police")]);
        assert_eq!(first.referrals[1].child, a);
        assert_eq!(first.children.len(), 2);
    }
}
