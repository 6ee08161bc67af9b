//! Which measure an indicator's figures come from (`indicator_measures`), and the figure each
//! measure gives for a period: a count, a rate, an average in days, or a share as a percentage
//! to one place. Front-door measures read an Annex A or CIN return; children-in-care measures a
//! 903 return ([`Prepared::with_care`]); a care measure asked of no 903 return is an error
//! ([`MeasureError::NoCareRecords`]), never a zero.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::DomainError;
use crate::calendar::{BankHolidays, CalendarError};
use crate::cases::adoption::{self, Scorecard};
use crate::cases::care::{Away, CareRecords, Episode};
use crate::cases::front_door::{self, ReferralDays, Share, Verdict};
use crate::cases::leavers::LeaverMeasure;
use crate::cases::protection;
use crate::cases::records::{AssessmentKind, DateRange, FrontDoor};
use crate::cases::{activity, leavers, missing, placements, return_interviews};
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
    ChildrenOnPlans,
    ChildrenOnPlansRate,
    PlansReviewedInTime,
    OpenCases,
    CaseloadPerWorker,
    ReturnInterviewsOffered,
    ReturnInterviewsAccepted,
    LookedAfter,
    LookedAfterRate,
    ThreeOrMorePlacements,
    LongTermStability,
    LeaversInTouch,
    LeaversSuitableAccommodation,
    LeaversInEducationEmploymentTraining,
    AdoptionA1,
    AdoptionA2,
    AdoptionA10,
    MissingEpisodes,
    ChildrenMissing,
    ReturnInterviewsInTime,
}

/// Why a measure gave no figure.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MeasureError {
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    #[error(
        "{0} is a children-in-care measure: give an SSDA903 return (a folder of its CSV tables)"
    )]
    NoCareRecords(&'static str),
    #[error("{0} is a rate per 10,000 children: give the council's population aged 0 to 17")]
    NoPopulation(&'static str),
}

impl Measure {
    pub const ALL: [Measure; 30] = [
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
        Measure::ChildrenOnPlans,
        Measure::ChildrenOnPlansRate,
        Measure::PlansReviewedInTime,
        Measure::OpenCases,
        Measure::CaseloadPerWorker,
        Measure::ReturnInterviewsOffered,
        Measure::ReturnInterviewsAccepted,
        Measure::LookedAfter,
        Measure::LookedAfterRate,
        Measure::ThreeOrMorePlacements,
        Measure::LongTermStability,
        Measure::LeaversInTouch,
        Measure::LeaversSuitableAccommodation,
        Measure::LeaversInEducationEmploymentTraining,
        Measure::AdoptionA1,
        Measure::AdoptionA2,
        Measure::AdoptionA10,
        Measure::MissingEpisodes,
        Measure::ChildrenMissing,
        Measure::ReturnInterviewsInTime,
    ];

    /// Every code, as error messages and the `indicator_measures` table's help list them.
    pub const CODES: &'static str = "contacts, referrals, contacts_referred, re_referrals, no_further_action, assessments_in_time, conferences_in_time, plans_started, second_or_subsequent_plans, plans_lasting_two_years, children_on_plans, children_on_plans_rate, plans_reviewed_in_time, open_cases, caseload_per_worker, return_interviews_offered, return_interviews_accepted, looked_after, looked_after_rate, three_or_more_placements, long_term_stability, leavers_in_touch, leavers_suitable_accommodation, leavers_in_education_employment_training, adoption_a1, adoption_a2, adoption_a10, missing_episodes, children_missing, return_interviews_in_time";

    /// Read from a 903 return (children in care), not the front door's.
    pub fn is_care(self) -> bool {
        !matches!(
            self,
            Measure::Contacts
                | Measure::Referrals
                | Measure::ContactsReferred
                | Measure::ReReferrals
                | Measure::NoFurtherAction
                | Measure::AssessmentsInTime
                | Measure::ConferencesInTime
                | Measure::PlansStarted
                | Measure::SecondOrSubsequentPlans
                | Measure::PlansLastingTwoYears
                | Measure::ChildrenOnPlans
                | Measure::ChildrenOnPlansRate
                | Measure::PlansReviewedInTime
                | Measure::OpenCases
                | Measure::CaseloadPerWorker
                | Measure::ReturnInterviewsOffered
                | Measure::ReturnInterviewsAccepted
        )
    }

    /// The version of the definitions the measure's figure comes from.
    pub fn version(self) -> &'static str {
        if self.is_care() {
            crate::cases::care::VERSION
        } else {
            front_door::VERSION
        }
    }

    /// The adoption scorecard measure an average is, if it is one.
    pub fn scorecard(self) -> Option<Scorecard> {
        match self {
            Measure::AdoptionA1 => Some(Scorecard::A1),
            Measure::AdoptionA2 => Some(Scorecard::A2),
            Measure::AdoptionA10 => Some(Scorecard::A10),
            _ => None,
        }
    }

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
            Measure::ChildrenOnPlans => "children_on_plans",
            Measure::ChildrenOnPlansRate => "children_on_plans_rate",
            Measure::PlansReviewedInTime => "plans_reviewed_in_time",
            Measure::OpenCases => "open_cases",
            Measure::CaseloadPerWorker => "caseload_per_worker",
            Measure::ReturnInterviewsOffered => "return_interviews_offered",
            Measure::ReturnInterviewsAccepted => "return_interviews_accepted",
            Measure::LookedAfter => "looked_after",
            Measure::LookedAfterRate => "looked_after_rate",
            Measure::ThreeOrMorePlacements => "three_or_more_placements",
            Measure::LongTermStability => "long_term_stability",
            Measure::LeaversInTouch => "leavers_in_touch",
            Measure::LeaversSuitableAccommodation => "leavers_suitable_accommodation",
            Measure::LeaversInEducationEmploymentTraining => {
                "leavers_in_education_employment_training"
            }
            Measure::AdoptionA1 => "adoption_a1",
            Measure::AdoptionA2 => "adoption_a2",
            Measure::AdoptionA10 => "adoption_a10",
            Measure::MissingEpisodes => "missing_episodes",
            Measure::ChildrenMissing => "children_missing",
            Measure::ReturnInterviewsInTime => "return_interviews_in_time",
        }
    }

    pub fn parse(text: &str) -> Result<Measure, DomainError> {
        let t = text.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        Measure::ALL
            .into_iter()
            .find(|m| m.code() == t)
            .ok_or_else(|| DomainError::NotOneOf(text.into(), Measure::CODES))
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
            Measure::ChildrenOnPlans => "Children on a protection plan at the end".into(),
            Measure::ChildrenOnPlansRate => "Children on a protection plan per 10,000".into(),
            Measure::PlansReviewedInTime => "Plans whose review is not overdue at the end".into(),
            Measure::OpenCases => "Children in need open at the period's end".into(),
            Measure::CaseloadPerWorker => "Allocated cases per social worker at the end".into(),
            Measure::ReturnInterviewsOffered => {
                "Missing from care: offered a return interview".into()
            }
            Measure::ReturnInterviewsAccepted => {
                "Missing from care: return interview accepted".into()
            }
            Measure::LookedAfter => "Children looked after at the period's end".into(),
            Measure::LookedAfterRate => "Children looked after per 10,000 children".into(),
            Measure::ThreeOrMorePlacements => {
                "NI 62: three or more placements in the period".into()
            }
            Measure::LongTermStability => "NI 63: long-term placement stability".into(),
            Measure::LeaversInTouch => "Care leavers in touch".into(),
            Measure::LeaversSuitableAccommodation => {
                "Care leavers in suitable accommodation".into()
            }
            Measure::LeaversInEducationEmploymentTraining => {
                "Care leavers in education, employment or training".into()
            }
            Measure::AdoptionA1 => "A1: days from care to the adoptive family (3 years)".into(),
            Measure::AdoptionA2 => "A2: days from placement order to match (3 years)".into(),
            Measure::AdoptionA10 => "A10: A1 with foster-carer adoptions' clock (3 years)".into(),
            Measure::MissingEpisodes => "Missing episodes started".into(),
            Measure::ChildrenMissing => "Children who went missing".into(),
            Measure::ReturnInterviewsInTime => {
                "Return interviews within 72 hours of the child's return".into()
            }
        }
    }

    /// Whether the measure is a count (every record it reads is counted) rather than a share,
    /// a rate or an average.
    pub fn is_count(self) -> bool {
        matches!(
            self,
            Measure::Contacts
                | Measure::Referrals
                | Measure::PlansStarted
                | Measure::ChildrenOnPlans
                | Measure::OpenCases
                | Measure::LookedAfter
                | Measure::MissingEpisodes
                | Measure::ChildrenMissing
        )
    }

    /// The verdict on each record the measure reads for the period, given to `each`: the one
    /// definition both the figure and "why this number" come from. The children-in-care
    /// measures give none yet (their figures come from `care_figure`).
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
            // A rate's records are its count's: the children on a plan at the end.
            Measure::ChildrenOnPlans | Measure::ChildrenOnPlansRate => {
                protection::children_on_plans_each(&records.plans, period.end, each);
            }
            Measure::PlansReviewedInTime => protection::reviewed_in_time_each(
                &records.plans,
                &records.plan_reviews,
                period.end,
                each,
            ),
            Measure::OpenCases => activity::open_cases_each(&records.episodes, period.end, each),
            Measure::CaseloadPerWorker => {
                activity::caseload_each(&records.episodes, period.end, each);
            }
            Measure::ReturnInterviewsOffered => {
                return_interviews::offered_each(&records.looked_after, period, each);
            }
            Measure::ReturnInterviewsAccepted => {
                return_interviews::accepted_each(&records.looked_after, period, each);
            }
            _ => self.care_verdicts(prepared, period, each),
        }
        Ok(())
    }

    /// The verdicts of the care measures that count children or episodes (a rate's are its
    /// count's); the adoption averages give none (their parts are days, not records), nor does a care
    /// measure with no 903 return.
    fn care_verdicts(self, prepared: &Prepared, period: DateRange, each: &mut dyn FnMut(Verdict)) {
        let Some(care) = prepared.care else {
            return;
        };
        let sorted = prepared.sorted_episodes();
        match self {
            // A rate's records are its count's: the children looked after at the end.
            Measure::LookedAfter | Measure::LookedAfterRate => {
                placements::looked_after_each(sorted, period.end, each);
            }
            Measure::ThreeOrMorePlacements => {
                placements::three_or_more_placements_each(sorted, period, each);
            }
            Measure::LongTermStability => {
                placements::long_term_stability_each(sorted, &care.header, period.end, each);
            }
            Measure::MissingEpisodes => {
                missing::episodes_each(&care.missing, Away::Missing, period, each);
            }
            Measure::ChildrenMissing => {
                missing::children_each(&care.missing, Away::Missing, period, each);
            }
            Measure::ReturnInterviewsInTime => {
                missing::interviews_in_time_each(&care.missing, period, each);
            }
            Measure::LeaversInTouch => {
                leavers::each(&care.leavers, LeaverMeasure::InTouch, period.end, each);
            }
            Measure::LeaversSuitableAccommodation => leavers::each(
                &care.leavers,
                LeaverMeasure::SuitableAccommodation,
                period.end,
                each,
            ),
            Measure::LeaversInEducationEmploymentTraining => leavers::each(
                &care.leavers,
                LeaverMeasure::EducationEmploymentTraining,
                period.end,
                each,
            ),
            _ => {}
        }
    }

    /// The measure's figure for the period: a count, a rate (one place), an average in whole
    /// days, or a share's percentage (one place, halves up) with the share's parts. `None` for a
    /// share or an average of nothing. A care measure with no 903 return given, or a rate with no
    /// population, is an error saying what to give.
    pub fn figure(
        self,
        prepared: &Prepared,
        period: DateRange,
        calendar: &BankHolidays,
        contact_window: u64,
    ) -> Result<Option<Computed>, MeasureError> {
        if self.is_care() {
            return self.care_figure(prepared, period);
        }
        if self == Measure::CaseloadPerWorker {
            return Ok(
                activity::caseload_per_worker(&prepared.records.episodes, period.end).map(|d| {
                    Computed {
                        figure: Figure::number(d),
                        parts: None,
                    }
                }),
            );
        }
        let s =
            Share::tally(|each| self.verdicts(prepared, period, calendar, contact_window, each))?;
        if self == Measure::ChildrenOnPlansRate {
            return self.rate(prepared, s.of);
        }
        if self.is_count() {
            return Ok(Some(Computed::count(s.of)));
        }
        Ok(Computed::share(s))
    }

    /// A count per 10,000 of the population given; an error saying to give it when none was.
    fn rate(self, prepared: &Prepared, count: u64) -> Result<Option<Computed>, MeasureError> {
        let population = prepared
            .population
            .ok_or(MeasureError::NoPopulation(self.code()))?;
        Ok(
            placements::rate_per_10000(count, population).map(|rate| Computed {
                figure: Figure::number(rate),
                parts: None,
            }),
        )
    }

    fn care_figure(
        self,
        prepared: &Prepared,
        period: DateRange,
    ) -> Result<Option<Computed>, MeasureError> {
        let care = prepared
            .care
            .ok_or(MeasureError::NoCareRecords(self.code()))?;
        let sorted = prepared.sorted_episodes();
        let number = |d: Decimal| {
            Some(Computed {
                figure: Figure::number(d),
                parts: None,
            })
        };
        let count = |n: u64| Some(Computed::count(n));
        let share = Computed::share;
        let average = |m: Scorecard| {
            adoption::average(care, sorted, m, period)
                .mean()
                .and_then(|days| number(Decimal::from(days)))
        };
        Ok(match self {
            Measure::LookedAfter => count(placements::looked_after_on(sorted, period.end)),
            Measure::LookedAfterRate => {
                return self.rate(prepared, placements::looked_after_on(sorted, period.end));
            }
            Measure::ThreeOrMorePlacements => {
                share(placements::three_or_more_placements(sorted, period))
            }
            Measure::LongTermStability => share(placements::long_term_stability(
                sorted,
                &care.header,
                period.end,
            )),
            Measure::LeaversInTouch => share(leavers::in_touch(&care.leavers)),
            Measure::LeaversSuitableAccommodation => {
                share(leavers::suitable_accommodation(&care.leavers))
            }
            Measure::LeaversInEducationEmploymentTraining => {
                share(leavers::in_education_employment_training(&care.leavers))
            }
            Measure::AdoptionA1 => average(Scorecard::A1),
            Measure::AdoptionA2 => average(Scorecard::A2),
            Measure::AdoptionA10 => average(Scorecard::A10),
            Measure::MissingEpisodes => {
                count(missing::episodes(&care.missing, Away::Missing, period))
            }
            Measure::ChildrenMissing => {
                count(missing::children(&care.missing, Away::Missing, period))
            }
            Measure::ReturnInterviewsInTime => {
                share(missing::interviews_in_time(&care.missing, period))
            }
            // Front-door measures are answered by `figure`.
            _ => None,
        })
    }
}

/// A return's records with what several measures share worked out once, on first need: every
/// referral measure reads the children's referral days in order, every care measure the
/// episodes in order of child.
pub struct Prepared<'a> {
    pub records: &'a FrontDoor,
    /// A 903 return, for the children-in-care measures.
    pub care: Option<&'a CareRecords>,
    /// The council's population aged 0 to 17 (the ONS mid-year estimate), for rates.
    pub population: Option<u64>,
    referral_days: std::sync::OnceLock<ReferralDays>,
    sorted_episodes: std::sync::OnceLock<Vec<Episode>>,
}

impl<'a> Prepared<'a> {
    pub fn new(records: &'a FrontDoor) -> Prepared<'a> {
        Prepared {
            records,
            care: None,
            population: None,
            referral_days: std::sync::OnceLock::new(),
            sorted_episodes: std::sync::OnceLock::new(),
        }
    }

    /// With a 903 return for the care measures.
    pub fn with_care(mut self, care: &'a CareRecords) -> Prepared<'a> {
        self.care = Some(care);
        self
    }

    /// With the population aged 0 to 17 for the rates.
    pub fn with_population(mut self, population: Option<u64>) -> Prepared<'a> {
        self.population = population;
        self
    }

    /// The 903 return's episodes in order of child and start (none without one).
    pub fn sorted_episodes(&self) -> &[Episode] {
        self.sorted_episodes.get_or_init(|| {
            self.care
                .map(CareRecords::sorted_episodes)
                .unwrap_or_default()
        })
    }

    pub fn referral_days(&self) -> &ReferralDays {
        self.referral_days
            .get_or_init(|| ReferralDays::new(&self.records.referrals))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn codes_parse_and_list_every_measure() {
        let listed: Vec<&str> = Measure::CODES.split(", ").collect();
        let ours: Vec<&str> = Measure::ALL.iter().map(|m| m.code()).collect();
        assert_eq!(listed, ours);
        for m in Measure::ALL {
            assert_eq!(Measure::parse(m.code()).unwrap(), m);
        }
        assert_eq!(
            Measure::parse("Adoption A10").unwrap(),
            Measure::AdoptionA10
        );
        // The import format's page lists them for the `indicator_measures` table.
        let page = include_str!("../../../../docs/import-format.md");
        assert!(
            page.contains(Measure::CODES),
            "docs/import-format.md lists old codes"
        );
    }

    #[test]
    fn a_care_measure_without_a_903_return_says_so() {
        let front = FrontDoor::default();
        let cal = BankHolidays::england_and_wales().unwrap();
        let year = DateRange::new(
            chrono::NaiveDate::from_ymd_opt(2023, 4, 1).unwrap(),
            chrono::NaiveDate::from_ymd_opt(2024, 3, 31).unwrap(),
        )
        .unwrap();
        let none = Prepared::new(&front);
        let err = Measure::LookedAfter
            .figure(&none, year, &cal, 1)
            .unwrap_err();
        assert_eq!(err, MeasureError::NoCareRecords("looked_after"));
        let care = CareRecords::default();
        let with = Prepared::new(&front).with_care(&care);
        assert_eq!(
            Measure::LookedAfterRate.figure(&with, year, &cal, 1),
            Err(MeasureError::NoPopulation("looked_after_rate"))
        );
        let computed = Measure::LookedAfter.figure(&with, year, &cal, 1).unwrap();
        assert_eq!(computed.unwrap().figure.to_entry(), "0");
    }
}

/// A measure's figure for a period, and for a share its count and total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Computed {
    pub figure: Figure,
    pub parts: Option<(u64, u64)>,
}

impl Computed {
    pub fn count(n: u64) -> Computed {
        Computed {
            figure: Figure::number(Decimal::from(n)),
            parts: None,
        }
    }

    /// A share as a percentage to one place, halves up, with its parts; none of nothing.
    pub fn share(s: Share) -> Option<Computed> {
        percentage_by(
            Decimal::from(s.count),
            Decimal::from(s.of),
            1,
            Rounding::HalfUp,
        )
        .map(|p| Computed {
            figure: Figure::number(p),
            parts: Some((s.count, s.of)),
        })
    }
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
    /// E.g. "Annex A return annex-a.xlsx, measure re_referrals (definitions front-door 1.1)".
    pub source: String,
    pub computed_on: chrono::NaiveDate,
}
