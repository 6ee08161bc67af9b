//! The record-level lists the front-door measures are computed from, as councils hold them
//! (Ofsted's Annex A lists 1 and 3 to 8; the CIN census's referrals, assessments, enquiries
//! and plans), reduced to
//! the fields a measure needs. The child is named only by the council's own identifier, held
//! once per return ([`FrontDoor::children`]) and carried by each record as a number.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::cases::names::Renumbering;
pub use crate::cases::names::{ChildId, Names, Wording};

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
    pub source: Option<Wording>,
}

/// A referral to children's social care (Annex A list 3; CIN census `CINreferralDate`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Referral {
    pub child: ChildId,
    pub date: NaiveDate,
    pub source: Option<Wording>,
    /// The reason as the council records it (a need code, or its own list: "Family
    /// dysfunction").
    pub reason: Option<Wording>,
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

/// An episode of being a child in need (Annex A list 6; CIN census `CINdetails`): open from its
/// start until its closure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CinEpisode {
    pub child: ChildId,
    pub start: NaiveDate,
    pub closed: Option<NaiveDate>,
    /// The team and the social worker the case is allocated to, as the list words them.
    pub team: Option<Wording>,
    pub worker: Option<Wording>,
}

impl CinEpisode {
    /// Open at the end of `date`: started by then and not closed by then.
    pub fn open_on(&self, date: NaiveDate) -> bool {
        self.start <= date && self.closed.is_none_or(|c| c > date)
    }
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

impl ProtectionPlan {
    /// Open at the end of `date`: started by then and not ended by then (ended on the day is
    /// ended), as an episode of need is.
    pub fn open_on(&self, date: NaiveDate) -> bool {
        self.start <= date && self.end.is_none_or(|e| e > date)
    }
}

/// A review conference of a child protection plan (Annex A list 7's latest review; every
/// `CPPreviewDate` of the CIN census), known by the plan's child and start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanReview {
    pub child: ChildId,
    pub plan_start: NaiveDate,
    pub date: NaiveDate,
    /// The only review known of the plan, its latest (Annex A list 7): earlier ones were held
    /// but are not listed.
    pub latest_only: bool,
}

/// A child looked after in the return's twelve months (Annex A list 8), with what the list
/// says of their missing episodes and of the return interview after the last one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LookedAfterChild {
    pub child: ChildId,
    /// Started to be looked after; ceased to be, if they have.
    pub started: Option<NaiveDate>,
    pub ceased: Option<NaiveDate>,
    /// Episodes missing from placement in the last twelve months, as recorded.
    pub missing_episodes: Option<u32>,
    /// Offered, and accepted, a return interview after the last missing episode.
    pub interview_offered: Option<bool>,
    pub interview_accepted: Option<bool>,
}

impl LookedAfterChild {
    /// The last day of the period the child was looked after, if any: the day they ceased to
    /// be looked after is their first day out of care, as in the 903. A child with no start
    /// recorded is taken as looked after from before the period; one who ceased on the day they
    /// started was never looked after overnight and is in no period.
    pub fn last_day_in(&self, period: DateRange) -> Option<NaiveDate> {
        let last = match self.ceased {
            None => period.end,
            Some(c) if c > period.start => c.pred_opt()?.min(period.end),
            Some(_) => return None,
        };
        self.started.is_none_or(|s| s <= last).then_some(last)
    }
}

/// The front-door records of one return (an Annex A workbook, say).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontDoor {
    /// The children's identifiers, numbered as first met; records carry the numbers.
    pub children: Names,
    /// Labels (sources, reasons) as worded in the return.
    pub wordings: Names,
    pub contacts: Vec<Contact>,
    pub referrals: Vec<Referral>,
    pub assessments: Vec<Assessment>,
    pub enquiries: Vec<Section47>,
    pub plans: Vec<ProtectionPlan>,
    pub plan_reviews: Vec<PlanReview>,
    pub episodes: Vec<CinEpisode>,
    pub looked_after: Vec<LookedAfterChild>,
    /// Lists present but not read by this version (early help, care leavers, …), by name.
    pub not_read: Vec<String>,
}

impl FrontDoor {
    /// The child with this identifier in this return, numbered now if first met.
    pub fn child(&mut self, id: &str) -> ChildId {
        ChildId(self.children.id(id))
    }

    /// The label with this wording in this return.
    pub fn wording(&mut self, text: &str) -> Wording {
        Wording::of(self.wordings.id(text))
    }

    /// The council's identifier of a child of this return.
    pub fn child_name(&self, child: ChildId) -> &str {
        self.children.name(child.0)
    }

    /// A label's wording in this return.
    pub fn wording_text(&self, wording: Wording) -> &str {
        self.wordings.name(wording.index())
    }

    /// Takes in another return's records (read from another file at the same time, say): its
    /// children and sources are renumbered as this return's, its lists follow this one's.
    pub fn append(&mut self, other: FrontDoor) {
        // Nothing here yet (every record names a child of this return): the other return's
        // numbering is kept as it is, without numbering its millions of children again.
        if self.children.is_empty() && self.wordings.is_empty() {
            let not_read = std::mem::take(&mut self.not_read);
            *self = other;
            self.not_read.splice(0..0, not_read);
            return;
        }
        *self = FrontDoor::joined(vec![std::mem::take(self), other]);
    }

    /// Every record's child and labels given the whole return's numbers.
    fn renumber(&mut self, children: &Renumbering, wordings: &Renumbering) {
        let child = |c: &mut ChildId| c.0 = children.get(c.0);
        let label = |s: &mut Option<Wording>| {
            if let Some(w) = s {
                *w = Wording::of(wordings.get(w.index()));
            }
        };
        for c in &mut self.contacts {
            child(&mut c.child);
            label(&mut c.source);
        }
        for r in &mut self.referrals {
            child(&mut r.child);
            label(&mut r.source);
            label(&mut r.reason);
        }
        for a in &mut self.assessments {
            child(&mut a.child);
        }
        for e in &mut self.enquiries {
            child(&mut e.child);
        }
        for p in &mut self.plans {
            child(&mut p.child);
        }
        for r in &mut self.plan_reviews {
            child(&mut r.child);
        }
        for e in &mut self.episodes {
            child(&mut e.child);
            label(&mut e.team);
            label(&mut e.worker);
        }
        for l in &mut self.looked_after {
            child(&mut l.child);
        }
    }

    /// Lets go of spare room in the lists (a part of a large return waiting to be joined).
    pub fn shrink_to_fit(&mut self) {
        self.contacts.shrink_to_fit();
        self.referrals.shrink_to_fit();
        self.assessments.shrink_to_fit();
        self.enquiries.shrink_to_fit();
        self.plans.shrink_to_fit();
        self.plan_reviews.shrink_to_fit();
        self.episodes.shrink_to_fit();
        self.looked_after.shrink_to_fit();
    }

    /// Parts of a return (its lists, or pieces of one list, read at once) as one return, each
    /// part's lists following the one's before, numbered as if read one after another.
    pub fn joined(mut parts: Vec<FrontDoor>) -> FrontDoor {
        let mut names = |names: fn(&mut FrontDoor) -> &mut Names| {
            Names::merged(parts.iter_mut().map(|p| std::mem::take(names(p))).collect())
        };
        let (children, child_numbers) = names(|p| &mut p.children);
        let (wordings, wording_numbers) = names(|p| &mut p.wordings);
        // Each part renumbered in place, on every core; then the lists joined in order.
        {
            use rayon::prelude::*;
            parts
                .par_iter_mut()
                .zip(&child_numbers)
                .zip(&wording_numbers)
                .for_each(|((part, children), wordings)| part.renumber(children, wordings));
        }
        let mut out = FrontDoor {
            children,
            wordings,
            ..FrontDoor::default()
        };
        let total = |list: fn(&FrontDoor) -> usize| parts.iter().map(list).sum::<usize>();
        out.contacts.reserve_exact(total(|p| p.contacts.len()));
        out.referrals.reserve_exact(total(|p| p.referrals.len()));
        out.assessments
            .reserve_exact(total(|p| p.assessments.len()));
        for mut part in parts {
            out.contacts.append(&mut part.contacts);
            out.referrals.append(&mut part.referrals);
            out.assessments.append(&mut part.assessments);
            out.enquiries.append(&mut part.enquiries);
            out.plans.append(&mut part.plans);
            out.plan_reviews.append(&mut part.plan_reviews);
            out.episodes.append(&mut part.episodes);
            out.looked_after.append(&mut part.looked_after);
            out.not_read.append(&mut part.not_read);
        }
        out
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
        let schools = first.wording("Schools");
        first.contacts.push(Contact {
            child: a,
            date: day,
            source: Some(schools),
        });
        let mut second = FrontDoor::default();
        let (b, a_again) = (second.child("B"), second.child("A"));
        let police = second.wording("Police");
        for child in [b, a_again] {
            second.referrals.push(Referral {
                child,
                date: day,
                source: Some(police),
                reason: Some(police),
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
                    first.wording_text(r.source.unwrap()),
                )
            })
            .collect();
        assert_eq!(named, [("B", "Police"), ("A", "Police")]);
        // Reasons are renumbered as sources are: one list of wordings.
        assert!(first.referrals.iter().all(|r| r.reason == r.source));
        assert_eq!(first.referrals[1].child, a);
        assert_eq!(first.children.len(), 2);
    }
}
