//! The Children Act 1989 representations procedure as a state machine with one door: every change
//! to a complaint goes through [`apply`], which refuses an illegal step, computes deadlines in
//! working days, and returns the transition to be recorded (who, when, why).
//!
//! Stages and time limits (working days): Stage 1 local resolution, 10 (20 if extended as
//! complex); Stage 2 independent investigation, 25 (65 if extended); Stage 3 review panel held
//! within 30 of the request. The complainant may go to the Ombudsman at any stage.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::calendar::{BankHolidays, CalendarError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Received, not yet started at Stage 1.
    Received,
    Stage1,
    /// Stage 1 responded; the complainant may ask for Stage 2.
    Stage1Responded,
    Stage2,
    /// Stage 2 adjudicated; the complainant may ask for a review panel.
    Stage2Adjudicated,
    Stage3,
    Ombudsman,
    Closed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Finding {
    Upheld,
    PartiallyUpheld,
    NotUpheld,
    NoFinding,
}

/// What happened, as a person records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    StartStage1,
    /// Extends Stage 1 to 20 working days as complex; needs the complainant's agreement and a reason.
    ExtendStage1 {
        reason: String,
    },
    RespondStage1 {
        outcome: Finding,
    },
    RequestStage2,
    /// Stage 2 cannot start without an investigator and an independent person.
    StartStage2 {
        investigator: String,
        independent_person: String,
    },
    ExtendStage2 {
        reason: String,
    },
    /// Adjudication by a senior manager, with a finding for each element of the complaint.
    AdjudicateStage2 {
        adjudicator: String,
        findings: Vec<Finding>,
    },
    RequestStage3,
    HoldPanel {
        panel: [String; 3],
    },
    /// The complainant may approach the Ombudsman at any stage.
    ReferToOmbudsman,
    /// An escalation the council declines, or the complainant withdraws: closes with a reason.
    Withdraw {
        reason: String,
    },
    Close,
}

/// A complaint's procedural state: what stage it is in, and the deadline in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Procedure {
    pub stage: Stage,
    /// When the current stage started (or the Stage 3 request was made).
    pub stage_started: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub extended: bool,
    pub investigator: Option<String>,
    pub independent_person: Option<String>,
}

impl Procedure {
    pub fn received() -> Self {
        Procedure {
            stage: Stage::Received,
            stage_started: None,
            due: None,
            extended: false,
            investigator: None,
            independent_person: None,
        }
    }
}

/// One applied step: the state before and after, and who, when and why, for the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transition {
    pub from: Stage,
    pub to: Stage,
    pub event: Event,
    pub actor: String,
    pub on: NaiveDate,
    pub due: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ProcedureError {
    #[error("{event} is not possible at {stage:?}")]
    NotAllowed { stage: Stage, event: &'static str },
    #[error("{0} needs a reason")]
    NeedsReason(&'static str),
    #[error("{0}")]
    MissingRecord(&'static str),
    #[error(transparent)]
    Calendar(#[from] CalendarError),
}

pub const STAGE1_DAYS: u32 = 10;
pub const STAGE1_EXTENDED_DAYS: u32 = 20;
pub const STAGE2_DAYS: u32 = 25;
pub const STAGE2_EXTENDED_DAYS: u32 = 65;
pub const STAGE3_DAYS: u32 = 30;

fn name(e: &Event) -> &'static str {
    match e {
        Event::StartStage1 => "starting Stage 1",
        Event::ExtendStage1 { .. } => "extending Stage 1",
        Event::RespondStage1 { .. } => "the Stage 1 response",
        Event::RequestStage2 => "a request for Stage 2",
        Event::StartStage2 { .. } => "starting Stage 2",
        Event::ExtendStage2 { .. } => "extending Stage 2",
        Event::AdjudicateStage2 { .. } => "the Stage 2 adjudication",
        Event::RequestStage3 => "a request for a review panel",
        Event::HoldPanel { .. } => "holding the review panel",
        Event::ReferToOmbudsman => "referral to the Ombudsman",
        Event::Withdraw { .. } => "withdrawal",
        Event::Close => "closing",
    }
}

fn reason_given(r: &str, what: &'static str) -> Result<(), ProcedureError> {
    if r.trim().is_empty() {
        Err(ProcedureError::NeedsReason(what))
    } else {
        Ok(())
    }
}

/// The one door: applies `event` on `on` by `actor`, or refuses it.
pub fn apply(
    p: &Procedure,
    event: Event,
    actor: &str,
    on: NaiveDate,
    calendar: &BankHolidays,
) -> Result<(Procedure, Transition), ProcedureError> {
    use Stage::*;
    let refuse = |e: &Event| ProcedureError::NotAllowed {
        stage: p.stage,
        event: name(e),
    };
    let mut next = p.clone();
    let start = |next: &mut Procedure, stage: Stage, days: u32| -> Result<(), ProcedureError> {
        next.stage = stage;
        next.stage_started = Some(on);
        next.extended = false;
        next.due = Some(calendar.add_working_days(on, days)?);
        Ok(())
    };
    match (&p.stage, &event) {
        (Received, Event::StartStage1) => start(&mut next, Stage1, STAGE1_DAYS)?,
        (Stage1, Event::ExtendStage1 { reason }) if !p.extended => {
            reason_given(reason, "extending Stage 1")?;
            let began = p
                .stage_started
                .ok_or(ProcedureError::MissingRecord("Stage 1 has no start date"))?;
            next.due = Some(calendar.add_working_days(began, STAGE1_EXTENDED_DAYS)?);
            next.extended = true;
        }
        (Stage1, Event::RespondStage1 { .. }) => {
            next.stage = Stage1Responded;
            next.due = None;
        }
        (Stage1Responded, Event::RequestStage2) => {
            next.stage = Stage2;
            next.stage_started = Some(on);
            next.due = None;
            next.extended = false;
        }
        (
            Stage2,
            Event::StartStage2 {
                investigator,
                independent_person,
            },
        ) if p.investigator.is_none() => {
            if investigator.trim().is_empty() || independent_person.trim().is_empty() {
                return Err(ProcedureError::MissingRecord(
                    "Stage 2 needs an investigator and an independent person",
                ));
            }
            next.investigator = Some(investigator.clone());
            next.independent_person = Some(independent_person.clone());
            let requested = p.stage_started.unwrap_or(on);
            next.due = Some(calendar.add_working_days(requested, STAGE2_DAYS)?);
        }
        (Stage2, Event::ExtendStage2 { reason }) if !p.extended && p.investigator.is_some() => {
            reason_given(reason, "extending Stage 2")?;
            let requested = p
                .stage_started
                .ok_or(ProcedureError::MissingRecord("Stage 2 has no request date"))?;
            next.due = Some(calendar.add_working_days(requested, STAGE2_EXTENDED_DAYS)?);
            next.extended = true;
        }
        (
            Stage2,
            Event::AdjudicateStage2 {
                adjudicator,
                findings,
            },
        ) => {
            if p.investigator.is_none() {
                return Err(ProcedureError::MissingRecord(
                    "Stage 2 cannot be adjudicated before it is investigated",
                ));
            }
            if adjudicator.trim().is_empty() || findings.is_empty() {
                return Err(ProcedureError::MissingRecord(
                    "an adjudication needs an adjudicator and a finding per element",
                ));
            }
            next.stage = Stage2Adjudicated;
            next.due = None;
        }
        (Stage2Adjudicated, Event::RequestStage3) => start(&mut next, Stage3, STAGE3_DAYS)?,
        (Stage3, Event::HoldPanel { panel }) => {
            if panel.iter().any(|m| m.trim().is_empty()) {
                return Err(ProcedureError::MissingRecord(
                    "a review panel has three independent people",
                ));
            }
            next.stage = Closed;
            next.due = None;
        }
        (Closed, Event::ReferToOmbudsman) | (Ombudsman, Event::ReferToOmbudsman) => {
            return Err(refuse(&event));
        }
        (_, Event::ReferToOmbudsman) => {
            next.stage = Ombudsman;
            next.due = None;
        }
        (Closed, Event::Withdraw { .. }) => return Err(refuse(&event)),
        (_, Event::Withdraw { reason }) => {
            reason_given(reason, "withdrawal")?;
            next.stage = Closed;
            next.due = None;
        }
        (Stage1Responded | Stage2Adjudicated | Ombudsman, Event::Close) => {
            next.stage = Closed;
            next.due = None;
        }
        _ => return Err(refuse(&event)),
    }
    let t = Transition {
        from: p.stage,
        to: next.stage,
        event,
        actor: actor.to_string(),
        on,
        due: next.due,
    };
    Ok((next, t))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        crate::period::parse_date(s).expect("date")
    }

    fn cal() -> BankHolidays {
        BankHolidays::england_and_wales().expect("calendar")
    }

    fn step(p: &Procedure, e: Event, on: &str) -> Result<Procedure, ProcedureError> {
        apply(p, e, "complaints manager", d(on), &cal()).map(|(p, _)| p)
    }

    #[test]
    fn the_whole_procedure_with_its_deadlines() {
        let p = Procedure::received();
        // Received Thursday 1 April 2021, over Easter: Stage 1 due in 10 working days.
        let p = step(&p, Event::StartStage1, "2021-04-01").expect("start");
        assert_eq!(p.due, Some(d("2021-04-19")));
        let p = step(
            &p,
            Event::ExtendStage1 {
                reason: "complex; agreed with the complainant".into(),
            },
            "2021-04-06",
        )
        .expect("extend");
        assert_eq!(
            p.due,
            Some(d("2021-05-04")),
            "20 working days from the start, past the May Day holiday"
        );
        let p = step(
            &p,
            Event::RespondStage1 {
                outcome: Finding::NotUpheld,
            },
            "2021-04-28",
        )
        .expect("respond");
        let p = step(&p, Event::RequestStage2, "2021-05-10").expect("request");
        let p = step(
            &p,
            Event::StartStage2 {
                investigator: "Investigating officer".into(),
                independent_person: "IP".into(),
            },
            "2021-05-12",
        )
        .expect("start 2");
        assert_eq!(
            p.due,
            Some(d("2021-06-15")),
            "25 working days from the request, past the Spring bank holiday"
        );
        let p = step(
            &p,
            Event::AdjudicateStage2 {
                adjudicator: "Operational Director".into(),
                findings: vec![Finding::Upheld, Finding::NotUpheld],
            },
            "2021-06-10",
        )
        .expect("adjudicate");
        let p = step(&p, Event::RequestStage3, "2021-06-14").expect("stage 3");
        assert_eq!(p.due, Some(d("2021-07-26")));
        let p = step(
            &p,
            Event::HoldPanel {
                panel: ["A".into(), "B".into(), "C".into()],
            },
            "2021-07-20",
        )
        .expect("panel");
        assert_eq!(p.stage, Stage::Closed);
    }

    #[test]
    fn illegal_steps_are_refused() {
        let p = Procedure::received();
        assert!(matches!(
            step(&p, Event::RequestStage2, "2021-04-01"),
            Err(ProcedureError::NotAllowed { .. })
        ));
        let s1 = step(&p, Event::StartStage1, "2021-04-01").expect("start");
        assert!(matches!(
            step(
                &s1,
                Event::ExtendStage1 { reason: " ".into() },
                "2021-04-02"
            ),
            Err(ProcedureError::NeedsReason(_))
        ));
        let ext = step(
            &s1,
            Event::ExtendStage1 {
                reason: "complex".into(),
            },
            "2021-04-02",
        )
        .expect("extend");
        assert!(
            step(
                &ext,
                Event::ExtendStage1 {
                    reason: "again".into()
                },
                "2021-04-03"
            )
            .is_err(),
            "extended once only"
        );
        let responded = step(
            &s1,
            Event::RespondStage1 {
                outcome: Finding::Upheld,
            },
            "2021-04-09",
        )
        .expect("respond");
        let s2 = step(&responded, Event::RequestStage2, "2021-04-12").expect("request");
        let adjudicate = Event::AdjudicateStage2 {
            adjudicator: "OD".into(),
            findings: vec![Finding::Upheld],
        };
        assert!(
            matches!(
                step(&s2, adjudicate, "2021-04-13"),
                Err(ProcedureError::MissingRecord(_))
            ),
            "not before investigation"
        );
        let closed = step(&responded, Event::Close, "2021-05-01").expect("close");
        assert!(step(&closed, Event::ReferToOmbudsman, "2021-05-02").is_err());
    }

    #[test]
    fn the_ombudsman_at_any_open_stage() {
        let s1 = step(&Procedure::received(), Event::StartStage1, "2021-04-01").expect("start");
        assert_eq!(
            step(&s1, Event::ReferToOmbudsman, "2021-04-02")
                .expect("ombudsman")
                .stage,
            Stage::Ombudsman
        );
    }

    fn any_event() -> impl Strategy<Value = Event> {
        prop_oneof![
            Just(Event::StartStage1),
            Just(Event::ExtendStage1 {
                reason: "complex".into()
            }),
            Just(Event::RespondStage1 {
                outcome: Finding::PartiallyUpheld
            }),
            Just(Event::RequestStage2),
            Just(Event::StartStage2 {
                investigator: "I".into(),
                independent_person: "P".into()
            }),
            Just(Event::ExtendStage2 {
                reason: "complex".into()
            }),
            Just(Event::AdjudicateStage2 {
                adjudicator: "A".into(),
                findings: vec![Finding::Upheld]
            }),
            Just(Event::RequestStage3),
            Just(Event::HoldPanel {
                panel: ["A".into(), "B".into(), "C".into()]
            }),
            Just(Event::ReferToOmbudsman),
            Just(Event::Close),
        ]
    }

    proptest! {
        /// Whatever is attempted, the stages reached never skip a stage's required records, and
        /// every deadline is a working day.
        #[test]
        fn sequences_never_skip_a_stage(events in proptest::collection::vec(any_event(), 1..25), start in 0i64..3000) {
            let c = cal();
            let mut p = Procedure::received();
            let mut day = d("2012-01-02") + chrono::Duration::days(start);
            let mut seen = vec![Stage::Received];
            for e in events {
                day += chrono::Duration::days(1);
                if let Ok((next, t)) = apply(&p, e, "x", day, &c) {
                    prop_assert_eq!(t.from, p.stage);
                    if let Some(due) = next.due {
                        prop_assert!(c.is_working_day(due).expect("covered"));
                    }
                    if next.stage == Stage::Stage2Adjudicated {
                        prop_assert!(next.investigator.is_some() && seen.contains(&Stage::Stage1Responded));
                    }
                    if next.stage == Stage::Stage3 {
                        prop_assert!(seen.contains(&Stage::Stage2Adjudicated));
                    }
                    if next.stage == Stage::Stage2 {
                        prop_assert!(seen.contains(&Stage::Stage1Responded));
                    }
                    seen.push(next.stage);
                    p = next;
                }
            }
        }
    }
}
