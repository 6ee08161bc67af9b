//! Which front-door measure an indicator's figures come from (`indicator_measures`), and the
//! figure each measure gives for a period: a count, or a share as a percentage to one place.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::DomainError;
use crate::calendar::{BankHolidays, CalendarError};
use crate::cases::front_door::{self, ReferralDays, Share, Verdict};
use crate::cases::protection;
use crate::cases::records::{AssessmentKind, DateRange, FrontDoor};
use crate::figure::Figure;
use crate::format::{Rounding, percentage_by};

/// A measure an indicator can declare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Measure {
    Contacts,
    Referrals,
    ContactsReferred,
    ReReferrals,
    NoFurtherAction,
    AssessmentsInTime,
    ConferencesInTime,
    PlansStarted,
    SecondOrSubsequentPlans,
    PlansLastingTwoYears,
}

impl Measure {
    pub const ALL: [Measure; 10] = [
        Measure::Contacts,
        Measure::Referrals,
        Measure::ContactsReferred,
        Measure::ReReferrals,
        Measure::NoFurtherAction,
        Measure::AssessmentsInTime,
        Measure::ConferencesInTime,
        Measure::PlansStarted,
        Measure::SecondOrSubsequentPlans,
        Measure::PlansLastingTwoYears,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Measure::Contacts => "contacts",
            Measure::Referrals => "referrals",
            Measure::ContactsReferred => "contacts_referred",
            Measure::ReReferrals => "re_referrals",
            Measure::NoFurtherAction => "no_further_action",
            Measure::AssessmentsInTime => "assessments_in_time",
            Measure::ConferencesInTime => "conferences_in_time",
            Measure::PlansStarted => "plans_started",
            Measure::SecondOrSubsequentPlans => "second_or_subsequent_plans",
            Measure::PlansLastingTwoYears => "plans_lasting_two_years",
        }
    }

    pub fn parse(text: &str) -> Result<Measure, DomainError> {
        let t = text.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        Measure::ALL.into_iter().find(|m| m.code() == t).ok_or_else(|| {
            DomainError::NotOneOf(
                text.into(),
                "contacts, referrals, contacts_referred, re_referrals, no_further_action, assessments_in_time, conferences_in_time, plans_started, second_or_subsequent_plans, plans_lasting_two_years",
            )
        })
    }

    /// The measure's name as printed, e.g. "Re-referrals within 12 months".
    pub fn label(self, contact_window: u64) -> String {
        match self {
            Measure::Contacts => "Contacts".into(),
            Measure::Referrals => "Referrals".into(),
            Measure::ContactsReferred => {
                format!("Contacts referred within {contact_window} day(s)")
            }
            Measure::ReReferrals => "Re-referrals within 12 months".into(),
            Measure::NoFurtherAction => "Referrals ending in no further action".into(),
            Measure::AssessmentsInTime => "Assessments authorised within 45 working days".into(),
            Measure::ConferencesInTime => "Initial conferences within 15 working days".into(),
            Measure::PlansStarted => "Child protection plans started".into(),
            Measure::SecondOrSubsequentPlans => "Plans that are a second or subsequent plan".into(),
            Measure::PlansLastingTwoYears => "Plans ended that lasted two years or more".into(),
        }
    }

    /// Whether the measure is a count (every record it reads is counted) rather than a share.
    pub fn is_count(self) -> bool {
        matches!(
            self,
            Measure::Contacts | Measure::Referrals | Measure::PlansStarted
        )
    }

    /// The verdict on each record the measure reads for the period, given to `each`: the one
    /// definition both the figure and "why this number" come from.
    pub fn verdicts(
        self,
        prepared: &Prepared,
        period: DateRange,
        calendar: &BankHolidays,
        contact_window: u64,
        each: &mut dyn FnMut(Verdict),
    ) -> Result<(), CalendarError> {
        let records = prepared.records;
        match self {
            Measure::Contacts => front_door::contacts_each(&records.contacts, period, each),
            Measure::Referrals => {
                front_door::referrals_each(prepared.referral_days(), period, each);
            }
            Measure::ContactsReferred => front_door::contacts_referred_each(
                &records.contacts,
                prepared.referral_days(),
                period,
                contact_window,
                each,
            ),
            Measure::ReReferrals => {
                front_door::re_referrals_each(prepared.referral_days(), period, each);
            }
            Measure::NoFurtherAction => {
                front_door::no_further_action_each(prepared.referral_days(), period, each);
            }
            Measure::AssessmentsInTime => front_door::assessments_in_time_each(
                &records.assessments,
                AssessmentKind::Single,
                period,
                calendar,
                each,
            )?,
            Measure::ConferencesInTime => {
                protection::conferences_in_time_each(&records.enquiries, period, calendar, each)?;
            }
            Measure::PlansStarted => protection::plans_started_each(&records.plans, period, each),
            Measure::SecondOrSubsequentPlans => {
                protection::second_or_subsequent_each(&records.plans, period, each);
            }
            Measure::PlansLastingTwoYears => {
                protection::lasted_two_years_each(&records.plans, period, each);
            }
        }
        Ok(())
    }

    /// The measure's figure for the period: a count, or a share's percentage (one place,
    /// halves up), with the share's parts. `None` for a share of nothing.
    pub fn figure(
        self,
        prepared: &Prepared,
        period: DateRange,
        calendar: &BankHolidays,
        contact_window: u64,
    ) -> Result<Option<Computed>, CalendarError> {
        let s =
            Share::tally(|each| self.verdicts(prepared, period, calendar, contact_window, each))?;
        if self.is_count() {
            return Ok(Some(Computed {
                figure: Figure::number(Decimal::from(s.of)),
                parts: None,
            }));
        }
        Ok(percentage_by(
            Decimal::from(s.count),
            Decimal::from(s.of),
            1,
            Rounding::HalfUp,
        )
        .map(|p| Computed {
            figure: Figure::number(p),
            parts: Some((s.count, s.of)),
        }))
    }
}

/// A return's records with what several measures share worked out once, on first need: every
/// referral measure reads the children's referral days in order.
pub struct Prepared<'a> {
    pub records: &'a FrontDoor,
    referral_days: std::cell::OnceCell<ReferralDays>,
}

impl<'a> Prepared<'a> {
    pub fn new(records: &'a FrontDoor) -> Prepared<'a> {
        Prepared {
            records,
            referral_days: std::cell::OnceCell::new(),
        }
    }

    pub fn referral_days(&self) -> &ReferralDays {
        self.referral_days
            .get_or_init(|| ReferralDays::new(&self.records.referrals))
    }
}

/// A measure's figure for a period, and for a share its count and total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Computed {
    pub figure: Figure,
    pub parts: Option<(u64, u64)>,
}

/// An indicator whose figures are computed from case records by a measure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorMeasure {
    pub indicator: String,
    pub measure: Measure,
}

/// Where a period's figure came from when it was computed rather than typed: the records, the
/// definitions' version and when. Printed with the figure in every report and on the
/// indicator's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueSource {
    pub indicator: String,
    pub year: crate::FinancialYear,
    /// `None` for the year's outturn.
    pub quarter: Option<crate::Quarter>,
    /// E.g. "Annex A return annex-a.xlsx, measure re_referrals (definitions front-door 1.0)".
    pub source: String,
    pub computed_on: chrono::NaiveDate,
}
