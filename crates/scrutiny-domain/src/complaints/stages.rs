//! Each stage of a statutory complaint as an event of its own: counted in the year it *started*
//! (not the year the complaint was first received), and timed over those *finished* in the year,
//! so an old year's figures do not move as later escalations arrive, and a Stage 2 started in
//! April counts in the year it started. Escalation rates compare stages started in the same year.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::calendar::{BankHolidays, CalendarError};
use crate::complaints::procedure::{
    LocalStage, STAGE1_DAYS, STAGE1_EXTENDED_DAYS, STAGE2_DAYS, STAGE2_EXTENDED_DAYS, STAGE3_DAYS,
};
use crate::complaints::records::Complaint;
use crate::period::FinancialYear;

/// A stage of the procedure, as counted in the annual report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The council's own stage before Stage 1 (informal resolution), where it has one.
    Local,
    Stage1,
    Stage2,
    Stage3,
    Ombudsman,
}

impl Step {
    /// The stages a council counts: its local stage first, if it has one.
    pub fn counted(local: Option<&LocalStage>) -> Vec<Step> {
        let mut steps = vec![Step::Stage1, Step::Stage2, Step::Stage3, Step::Ombudsman];
        if local.is_some() {
            steps.insert(0, Step::Local);
        }
        steps
    }

    pub fn label(self, local: Option<&LocalStage>) -> String {
        match self {
            Step::Local => local.map_or_else(|| "Local stage".into(), |l| l.label.clone()),
            Step::Stage1 => "Stage 1 (local resolution)".into(),
            Step::Stage2 => "Stage 2 (investigation)".into(),
            Step::Stage3 => "Stage 3 (review panel)".into(),
            Step::Ombudsman => "Local Government and Social Care Ombudsman".into(),
        }
    }

    /// The day the case entered this stage, if it did. A council with a local stage starts every
    /// case there on receipt; Stage 1 then starts when the case is taken to it, and never for a
    /// case resolved locally.
    pub fn started(self, c: &Complaint, local: Option<&LocalStage>) -> Option<NaiveDate> {
        match self {
            Step::Local => local.and(c.received),
            Step::Stage1 if c.local_resolved.is_some() => None,
            Step::Stage1 if local.is_some() => c.stage1_started.or_else(|| {
                // A history imported without the local stage: Stage 1 on receipt.
                c.stage1_responded.and(c.received)
            }),
            Step::Stage1 => c.stage1_started.or(c.received),
            Step::Stage2 => c.stage2_started,
            Step::Stage3 => c.stage3_requested,
            Step::Ombudsman => c.ombudsman_referred,
        }
    }

    /// The day the stage ended with its answer: the response, the adjudication, the panel, the
    /// Ombudsman's decision; a local stage ends when resolved or taken to Stage 1.
    pub fn finished(self, c: &Complaint) -> Option<NaiveDate> {
        match self {
            Step::Local => c.local_resolved.or(c.stage1_started),
            Step::Stage1 => c.stage1_responded,
            Step::Stage2 => c.stage2_adjudicated,
            Step::Stage3 => c.stage3_panel_held,
            Step::Ombudsman => c.ombudsman_decided,
        }
    }

    /// The working days the stage is allowed for this case (extended where it was), if any.
    pub fn limit(self, c: &Complaint, local: Option<&LocalStage>) -> Option<u32> {
        match self {
            Step::Local => local.map(|l| l.days),
            Step::Stage1 if c.stage1_extended => Some(STAGE1_EXTENDED_DAYS),
            Step::Stage1 => Some(STAGE1_DAYS),
            Step::Stage2 if c.stage2_extended => Some(STAGE2_EXTENDED_DAYS),
            Step::Stage2 => Some(STAGE2_DAYS),
            Step::Stage3 => Some(STAGE3_DAYS),
            Step::Ombudsman => None,
        }
    }
}

fn in_year(date: Option<NaiveDate>, year: FinancialYear) -> bool {
    date.is_some_and(|d| d >= year.start() && d <= year.end())
}

/// How many cases started `step` in `year`.
pub fn started_in(
    cases: &[&Complaint],
    step: Step,
    year: FinancialYear,
    local: Option<&LocalStage>,
) -> u64 {
    cases
        .iter()
        .filter(|c| in_year(step.started(c, local), year))
        .count() as u64
}

/// The stages finished in a year and how long they took, in working days from the stage's start
/// to its end.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StageTimes {
    /// Finished in the year, with both dates known.
    pub finished: u64,
    /// Of those, finished within the stage's limit (the extended limit where extended).
    pub in_time: u64,
    /// Mean and median working days, to one decimal place (half up).
    pub mean: Option<Decimal>,
    pub median: Option<Decimal>,
}

/// How long `step` took for the cases that finished it in `year`.
pub fn times(
    cases: &[&Complaint],
    step: Step,
    year: FinancialYear,
    local: Option<&LocalStage>,
    calendar: &BankHolidays,
) -> Result<StageTimes, CalendarError> {
    let mut days = Vec::new();
    let mut in_time = 0;
    for c in cases {
        let (Some(from), Some(to)) = (step.started(c, local), step.finished(c)) else {
            continue;
        };
        if !in_year(Some(to), year) {
            continue;
        }
        let taken = calendar.working_days_between(from, to)?;
        if step
            .limit(c, local)
            .is_some_and(|limit| taken <= i64::from(limit))
        {
            in_time += 1;
        }
        days.push(taken);
    }
    days.sort_unstable();
    let n = days.len();
    let one_place = |d: Decimal| crate::format::round_half_up(d, 1);
    let mean =
        (n > 0).then(|| one_place(Decimal::from(days.iter().sum::<i64>()) / Decimal::from(n)));
    let median = (n > 0).then(|| {
        let mid = n / 2;
        one_place(if n % 2 == 1 {
            Decimal::from(days[mid])
        } else {
            Decimal::from(days[mid - 1] + days[mid]) / Decimal::TWO
        })
    });
    Ok(StageTimes {
        finished: n as u64,
        in_time,
        mean,
        median,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::period::parse_date(s).unwrap()
    }

    fn case(received: &str) -> Complaint {
        Complaint {
            reference: received.into(),
            kind: "statutory".into(),
            received: Some(d(received)),
            ..Default::default()
        }
    }

    #[test]
    fn a_stage_counts_in_the_year_it_started_not_the_year_of_receipt() {
        // Received in March 2017 (2016/17); Stage 2 started in May 2017 (2017/18).
        let mut c = case("2017-03-20");
        c.stage1_responded = Some(d("2017-03-30"));
        c.stage2_requested = Some(d("2017-04-20"));
        c.stage2_started = Some(d("2017-05-02"));
        let cases = [&c];
        let y = |n| FinancialYear(n);
        assert_eq!(started_in(&cases, Step::Stage1, y(2016), None), 1);
        assert_eq!(started_in(&cases, Step::Stage2, y(2016), None), 0);
        assert_eq!(started_in(&cases, Step::Stage2, y(2017), None), 1);
    }

    #[test]
    fn a_local_stage_is_counted_apart_from_stage_1() {
        let local = LocalStage {
            label: "Informal resolution".into(),
            days: 5,
        };
        let mut resolved = case("2017-06-01");
        resolved.local_resolved = Some(d("2017-06-05"));
        let mut escalated = case("2017-06-01");
        escalated.stage1_started = Some(d("2017-06-09"));
        escalated.stage1_responded = Some(d("2017-06-20"));
        let cases = [&resolved, &escalated];
        let y = FinancialYear(2017);
        assert_eq!(started_in(&cases, Step::Local, y, Some(&local)), 2);
        assert_eq!(started_in(&cases, Step::Stage1, y, Some(&local)), 1);
        let cal = BankHolidays::england_and_wales().unwrap();
        let t = times(&cases, Step::Local, y, Some(&local), &cal).unwrap();
        // 2 and 6 working days against a limit of 5.
        assert_eq!((t.finished, t.in_time), (2, 1));
        assert_eq!(t.mean, Some(Decimal::from(4)));
        // Stage 1 runs from when it started, not from receipt: 7 working days, in time.
        let t = times(&cases, Step::Stage1, y, Some(&local), &cal).unwrap();
        assert_eq!((t.finished, t.in_time), (1, 1));
        assert_eq!(t.median, Some(Decimal::from(7)));
    }

    #[test]
    fn times_are_over_stages_finished_in_the_year_against_the_limit_in_force() {
        let cal = BankHolidays::england_and_wales().unwrap();
        // Monday 3 July 2017: 10 working days is 17 July, 20 is 31 July.
        let mut a = case("2017-07-03");
        a.stage1_responded = Some(d("2017-07-17"));
        let mut b = case("2017-07-03");
        b.stage1_responded = Some(d("2017-07-18"));
        let mut extended = case("2017-07-03");
        extended.stage1_extended = true;
        extended.stage1_responded = Some(d("2017-07-31"));
        // Answered the next year: not in this year's times.
        let mut late = case("2018-03-29");
        late.stage1_responded = Some(d("2018-04-03"));
        let cases = [&a, &b, &extended, &late];
        let t = times(&cases, Step::Stage1, FinancialYear(2017), None, &cal).unwrap();
        assert_eq!(t.finished, 3);
        assert_eq!(
            t.in_time, 2,
            "11 days misses 10; 20 days meets the extended 20"
        );
        assert_eq!(
            t.mean,
            Some(Decimal::new(137, 1)),
            "(10 + 11 + 20) / 3 = 13.7"
        );
        assert_eq!(t.median, Some(Decimal::from(11)));
    }
}
