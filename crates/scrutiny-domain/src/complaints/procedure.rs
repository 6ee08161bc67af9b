//! The Children Act 1989 representations procedure as a state machine with one door: every change
//! to a case's procedure goes through [`record`], which refuses an illegal step, checks that the
//! step's required records are given, and returns the changed case and the transition to audit
//! (who, when, why). A case's stage is never stored: [`stage_of`] reads it from the dates recorded,
//! so an imported history and one recorded step by step are the same thing.
//!
//! Time limits (working days): an optional local stage the council configures (for example an
//! informal pre-complaint stage); Stage 1 local resolution, 10 from its start (20 if extended as
//! complex); Stage 2 independent investigation, 25 from its start (65 if extended); Stage 3 review
//! panel held within 30 of the request. The complainant may go to the Ombudsman at any stage.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::calendar::{BankHolidays, CalendarError};
use crate::complaints::records::{Complaint, Element};

pub const STAGE1_DAYS: u32 = 10;
pub const STAGE1_EXTENDED_DAYS: u32 = 20;
pub const STAGE2_DAYS: u32 = 25;
pub const STAGE2_EXTENDED_DAYS: u32 = 65;
pub const STAGE3_DAYS: u32 = 30;

/// A stage the council adds before Stage 1, such as informal resolution: its name and time limit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalStage {
    pub label: String,
    pub days: u32,
}

/// Where a case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// In the council's own stage before Stage 1.
    Local,
    Stage1,
    /// Stage 1 responded; the complainant may ask for Stage 2.
    Stage1Responded,
    /// Stage 2 asked for; the council starts the investigation or declines it.
    Stage2Requested,
    Stage2,
    /// Stage 2 adjudicated; the complainant may ask for a review panel.
    Stage2Adjudicated,
    Stage3,
    Stage3Held,
    /// Not a statutory complaint (customer care, MP enquiry…): open until closed.
    Open,
    Closed,
    Withdrawn,
}

impl Stage {
    pub fn words(self) -> &'static str {
        match self {
            Stage::Local => "Local stage",
            Stage::Stage1 => "Stage 1",
            Stage::Stage1Responded => "Stage 1 responded",
            Stage::Stage2Requested => "Stage 2 asked for",
            Stage::Stage2 => "Stage 2 investigation",
            Stage::Stage2Adjudicated => "Stage 2 adjudicated",
            Stage::Stage3 => "Stage 3 review panel to be held",
            Stage::Stage3Held => "Stage 3 panel held",
            Stage::Open => "Open",
            Stage::Closed => "Closed",
            Stage::Withdrawn => "Withdrawn",
        }
    }
}

/// What happened, as the complaints manager records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    /// The local stage did not resolve it: Stage 1 starts.
    EscalateToStage1,
    /// Resolved at the local stage: the case closes.
    ResolveLocally,
    /// Stage 1 extended to 20 working days as complex, with the reason.
    ExtendStage1 {
        reason: String,
    },
    RespondStage1 {
        outcome: String,
    },
    /// Asking for Stage 2 reopens a case closed at Stage 1.
    RequestStage2,
    DeclineStage2 {
        reason: String,
    },
    /// Stage 2 cannot start without an investigator and an independent person.
    StartStage2 {
        investigator: String,
        independent_person: String,
    },
    ExtendStage2 {
        reason: String,
    },
    /// Adjudication by a senior manager, once every element has its finding.
    AdjudicateStage2 {
        adjudicator: String,
    },
    /// Asking for a review panel reopens a case closed after adjudication.
    RequestStage3,
    HoldPanel {
        panel: [String; 3],
    },
    ReferToOmbudsman,
    /// The Ombudsman's decision on a referred case.
    #[serde(rename = "ombudsman_decision")]
    RecordOmbudsmanDecision {
        outcome: String,
    },
    Withdraw {
        reason: String,
    },
    Close {
        category_closure: Option<String>,
    },
}

impl Event {
    /// The step's name, for the page and the audit trail.
    pub fn name(&self) -> &'static str {
        match self {
            Event::EscalateToStage1 => "start Stage 1",
            Event::ResolveLocally => "resolve at the local stage",
            Event::ExtendStage1 { .. } => "extend Stage 1",
            Event::RespondStage1 { .. } => "record the Stage 1 response",
            Event::RequestStage2 => "record a request for Stage 2",
            Event::DeclineStage2 { .. } => "decline Stage 2",
            Event::StartStage2 { .. } => "start the Stage 2 investigation",
            Event::ExtendStage2 { .. } => "extend Stage 2",
            Event::AdjudicateStage2 { .. } => "record the Stage 2 adjudication",
            Event::RequestStage3 => "record a request for a review panel",
            Event::HoldPanel { .. } => "record the review panel",
            Event::ReferToOmbudsman => "record the Ombudsman's involvement",
            Event::RecordOmbudsmanDecision { .. } => "record the Ombudsman's decision",
            Event::Withdraw { .. } => "record a withdrawal",
            Event::Close { .. } => "close the case",
        }
    }
}

/// One recorded step, for the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transition {
    pub from: Stage,
    pub to: Stage,
    pub event: Event,
    pub on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ProcedureError {
    /// The step is not possible where the case stands; says why in words for the page.
    #[error("you cannot {event} now: {why}")]
    NotAllowed { event: &'static str, why: String },
    /// A record the step needs is missing: the field, and what to give.
    #[error("{message}")]
    Missing {
        field: &'static str,
        message: String,
    },
    #[error("the date {on} is before {what} ({date}); steps are recorded in order")]
    OutOfOrder {
        on: NaiveDate,
        what: &'static str,
        date: NaiveDate,
    },
    #[error(transparent)]
    Calendar(#[from] CalendarError),
}

/// The stage a case is in, read from what has been recorded.
pub fn stage_of(case: &Complaint, local: Option<&LocalStage>) -> Stage {
    if case.withdrawn.is_some() {
        Stage::Withdrawn
    } else if case.closed.is_some() {
        Stage::Closed
    } else if case.kind != "statutory" {
        Stage::Open
    } else if case.stage3_panel_held.is_some() {
        Stage::Stage3Held
    } else if case.stage3_requested.is_some() {
        Stage::Stage3
    } else if case.stage2_adjudicated.is_some() {
        Stage::Stage2Adjudicated
    } else if case.stage2_started.is_some() {
        Stage::Stage2
    } else if case.stage2_requested.is_some() {
        Stage::Stage2Requested
    } else if case.stage1_responded.is_some() {
        Stage::Stage1Responded
    } else if local.is_some() && case.stage1_started.is_none() {
        Stage::Local
    } else {
        Stage::Stage1
    }
}

/// Where an open case stands against its time limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    pub stage: String,
    pub due: NaiveDate,
    pub extended: bool,
}

/// The time limit a case waits on: the stage's name, the day its working days count from, how
/// many, and whether they were extended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeLimit {
    pub stage: String,
    pub from: NaiveDate,
    pub days: u32,
    pub extended: bool,
}

/// The time limit in force, if the case waits on a stage with one.
pub fn time_limit(case: &Complaint, local: Option<&LocalStage>) -> Option<TimeLimit> {
    let limit = |stage: &str, from: NaiveDate, days, extended| TimeLimit {
        stage: stage.to_string(),
        from,
        days,
        extended,
    };
    let extended = |yes: bool, normal, longer| if yes { longer } else { normal };
    match stage_of(case, local) {
        Stage::Local => {
            let l = local?;
            Some(limit(&l.label, case.received?, l.days, false))
        }
        Stage::Stage1 => Some(limit(
            "Stage 1 response",
            case.stage1_started.or(case.received)?,
            extended(case.stage1_extended, STAGE1_DAYS, STAGE1_EXTENDED_DAYS),
            case.stage1_extended,
        )),
        Stage::Stage2 => Some(limit(
            "Stage 2 investigation",
            case.stage2_started?,
            extended(case.stage2_extended, STAGE2_DAYS, STAGE2_EXTENDED_DAYS),
            case.stage2_extended,
        )),
        Stage::Stage3 => Some(limit(
            "Stage 3 review panel",
            case.stage3_requested?,
            STAGE3_DAYS,
            false,
        )),
        _ => None,
    }
}

/// The working-day deadline in force, if the case waits on a stage with a time limit.
pub fn deadline(
    case: &Complaint,
    local: Option<&LocalStage>,
    calendar: &BankHolidays,
) -> Result<Option<Deadline>, CalendarError> {
    time_limit(case, local)
        .map(|l| {
            Ok(Deadline {
                due: calendar.add_working_days(l.from, l.days)?,
                stage: l.stage,
                extended: l.extended,
            })
        })
        .transpose()
}

/// Working days left at or below which an open case is "at risk".
pub const AT_RISK_DAYS: i64 = 2;

/// How an open case stands against its due date on a given day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    /// More than [`AT_RISK_DAYS`] working days left.
    OnTime { days_left: i64 },
    /// Due within [`AT_RISK_DAYS`] working days (0: due today).
    AtRisk { days_left: i64 },
    /// The due date has passed; `days_left` is minus the working days since (0 when only a
    /// weekend or holiday has passed).
    Overdue { days_left: i64 },
    /// The due date or today lies outside the bank holiday table, so the working days cannot be
    /// counted: the bank holidays need updating.
    BeyondCalendar(CalendarError),
}

impl Standing {
    /// How a case due on `due` stands on `today`.
    pub fn on(due: NaiveDate, today: NaiveDate, calendar: &BankHolidays) -> Standing {
        match calendar.working_days_between(today, due) {
            Err(e) => Standing::BeyondCalendar(e),
            Ok(days_left) if today > due => Standing::Overdue { days_left },
            Ok(days_left) if days_left <= AT_RISK_DAYS => Standing::AtRisk { days_left },
            Ok(days_left) => Standing::OnTime { days_left },
        }
    }

    /// Working days left (negative when overdue), when they can be counted.
    pub fn days_left(&self) -> Option<i64> {
        match self {
            Standing::OnTime { days_left }
            | Standing::AtRisk { days_left }
            | Standing::Overdue { days_left } => Some(*days_left),
            Standing::BeyondCalendar(_) => None,
        }
    }

    pub fn words(&self) -> &'static str {
        match self {
            Standing::OnTime { .. } => "On time",
            Standing::AtRisk { .. } => "At risk",
            Standing::Overdue { .. } => "Overdue",
            Standing::BeyondCalendar(_) => "Beyond the holiday calendar",
        }
    }
}

/// An open case as the worklist shows it: the stage it waits on, its due date (unless it falls
/// beyond the bank holiday table) and how it stands today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenCase {
    pub stage: String,
    pub extended: bool,
    pub due: Option<NaiveDate>,
    pub standing: Standing,
}

/// How a case stands on `today`, if it waits on a stage with a time limit.
pub fn open_case(
    case: &Complaint,
    local: Option<&LocalStage>,
    calendar: &BankHolidays,
    today: NaiveDate,
) -> Option<OpenCase> {
    let limit = time_limit(case, local)?;
    let (due, standing) = match calendar.add_working_days(limit.from, limit.days) {
        Ok(due) => (Some(due), Standing::on(due, today, calendar)),
        Err(e) => (None, Standing::BeyondCalendar(e)),
    };
    Some(OpenCase {
        stage: limit.stage,
        extended: limit.extended,
        due,
        standing,
    })
}

/// The steps that can be recorded on a case now (with blank details), for the case page.
pub fn steps_open(
    case: &Complaint,
    elements: &[Element],
    local: Option<&LocalStage>,
) -> Vec<Event> {
    every_step()
        .into_iter()
        .filter(|e| allowed(case, elements, e, local).is_ok())
        .collect()
}

/// One of every step, with blank details, in the procedure's order.
pub fn every_step() -> Vec<Event> {
    let s = String::new;
    vec![
        Event::EscalateToStage1,
        Event::ResolveLocally,
        Event::ExtendStage1 { reason: s() },
        Event::RespondStage1 { outcome: s() },
        Event::RequestStage2,
        Event::DeclineStage2 { reason: s() },
        Event::StartStage2 {
            investigator: s(),
            independent_person: s(),
        },
        Event::ExtendStage2 { reason: s() },
        Event::AdjudicateStage2 { adjudicator: s() },
        Event::RequestStage3,
        Event::HoldPanel {
            panel: [s(), s(), s()],
        },
        Event::ReferToOmbudsman,
        Event::RecordOmbudsmanDecision { outcome: s() },
        Event::Withdraw { reason: s() },
        Event::Close {
            category_closure: None,
        },
    ]
}

fn not_allowed(event: &Event, why: impl Into<String>) -> ProcedureError {
    ProcedureError::NotAllowed {
        event: event.name(),
        why: why.into(),
    }
}

/// Whether `event` fits where the case stands (ignoring its details and date).
fn allowed(
    case: &Complaint,
    elements: &[Element],
    event: &Event,
    local: Option<&LocalStage>,
) -> Result<(), ProcedureError> {
    use Stage::*;
    let stage = stage_of(case, local);
    let no = |why: &str| Err(not_allowed(event, why));
    if stage == Withdrawn {
        return no("the case was withdrawn");
    }
    match event {
        Event::EscalateToStage1 | Event::ResolveLocally if stage != Local => {
            no("the case is not at the local stage")
        }
        Event::ExtendStage1 { .. } if stage != Stage1 => no("the case is not at Stage 1"),
        Event::ExtendStage1 { .. } if case.stage1_extended => no("Stage 1 is already extended"),
        Event::RespondStage1 { .. } if stage != Stage1 => no("the case is not at Stage 1"),
        Event::RequestStage2 => match stage {
            Stage1Responded => Ok(()),
            Closed if case.stage1_responded.is_some() && case.stage2_requested.is_none() => Ok(()),
            _ if case.stage2_requested.is_some() => no("Stage 2 has already been asked for"),
            _ => no("Stage 2 can be asked for only after the Stage 1 response"),
        },
        Event::DeclineStage2 { .. } | Event::StartStage2 { .. } if stage != Stage2Requested => {
            no("Stage 2 has not been asked for, or has already started or been declined")
        }
        Event::ExtendStage2 { .. } if stage != Stage2 => {
            no("no Stage 2 investigation is under way")
        }
        Event::ExtendStage2 { .. } if case.stage2_extended => no("Stage 2 is already extended"),
        Event::AdjudicateStage2 { .. } if stage != Stage2 => {
            no("no Stage 2 investigation is under way")
        }
        Event::AdjudicateStage2 { .. } => {
            let mine: Vec<&Element> = elements
                .iter()
                .filter(|e| e.reference == case.reference)
                .collect();
            if mine.is_empty() {
                no("record the elements of the complaint first")
            } else if mine.iter().any(|e| e.finding.is_none()) {
                no("every element needs its finding first")
            } else {
                Ok(())
            }
        }
        Event::RequestStage3 => match stage {
            Stage2Adjudicated => Ok(()),
            Closed if case.stage2_adjudicated.is_some() && case.stage3_requested.is_none() => {
                Ok(())
            }
            _ => no("a review panel can be asked for only after the Stage 2 adjudication"),
        },
        Event::HoldPanel { .. } if stage != Stage3 => no("no review panel has been asked for"),
        Event::ReferToOmbudsman if case.ombudsman_referred.is_some() => {
            no("the Ombudsman's involvement is already recorded")
        }
        Event::RecordOmbudsmanDecision { .. } if case.ombudsman_referred.is_none() => {
            no("the Ombudsman's involvement is not recorded")
        }
        Event::RecordOmbudsmanDecision { .. } if case.ombudsman_decided.is_some() => {
            no("the Ombudsman's decision is already recorded")
        }
        Event::Withdraw { .. } if stage == Closed => no("the case is closed"),
        Event::Close { .. } => match stage {
            Stage1Responded | Stage2Adjudicated | Stage3Held | Open => Ok(()),
            Closed => no("the case is already closed"),
            Stage2Requested => no("start or decline Stage 2 first"),
            Local => no("resolve it locally or start Stage 1 instead"),
            _ => no("record the stage's response, adjudication or panel (or the withdrawal) first"),
        },
        _ => Ok(()),
    }
}

fn given(value: &str, field: &'static str, what: &str) -> Result<String, ProcedureError> {
    let v = value.trim();
    if v.is_empty() {
        Err(ProcedureError::Missing {
            field,
            message: format!("Enter {what}"),
        })
    } else {
        Ok(v.to_string())
    }
}

/// The latest date already recorded on the case: a step cannot be dated before it.
fn latest_date(case: &Complaint) -> Option<(&'static str, NaiveDate)> {
    stage_dates(case)
        .into_iter()
        .map(|(_, words, d)| (words, d))
        .chain([("the closure", case.closed)])
        .filter_map(|(w, d)| d.map(|d| (w, d)))
        .max_by_key(|(_, d)| *d)
}

/// The dates of the procedure's steps in their order: column, words for a message, date.
fn stage_dates(case: &Complaint) -> [(&'static str, &'static str, Option<NaiveDate>); 8] {
    [
        ("received", "the date received", case.received),
        (
            "stage1_started",
            "the start of Stage 1",
            case.stage1_started,
        ),
        (
            "stage1_responded",
            "the Stage 1 response",
            case.stage1_responded,
        ),
        (
            "stage2_requested",
            "the request for Stage 2",
            case.stage2_requested,
        ),
        (
            "stage2_started",
            "the start of Stage 2",
            case.stage2_started,
        ),
        (
            "stage2_adjudicated",
            "the adjudication",
            case.stage2_adjudicated,
        ),
        (
            "stage3_requested",
            "the request for a review panel",
            case.stage3_requested,
        ),
        (
            "stage3_panel_held",
            "the review panel",
            case.stage3_panel_held,
        ),
    ]
}

/// The one door: records `event` on `on`, or says why not.
pub fn record(
    case: &Complaint,
    elements: &[Element],
    event: Event,
    on: NaiveDate,
    local: Option<&LocalStage>,
) -> Result<(Complaint, Transition), ProcedureError> {
    allowed(case, elements, &event, local)?;
    // The Ombudsman runs beside the council's stages: only its own referral orders its decision.
    let before = match event {
        Event::RecordOmbudsmanDecision { .. } => case
            .ombudsman_referred
            .map(|d| ("the referral to the Ombudsman", d)),
        _ => latest_date(case),
    };
    if let Some((what, date)) = before
        && on < date
    {
        return Err(ProcedureError::OutOfOrder { on, what, date });
    }
    let from = stage_of(case, local);
    let mut next = case.clone();
    let day = Some(on);
    match &event {
        Event::EscalateToStage1 => next.stage1_started = day,
        Event::ResolveLocally => {
            next.local_resolved = day;
            next.closed = day;
        }
        Event::ExtendStage1 { reason } => {
            next.stage1_extension_reason =
                Some(given(reason, "reason", "why Stage 1 is extended")?);
            next.stage1_extended = true;
        }
        Event::RespondStage1 { outcome } => {
            next.stage1_outcome = Some(given(outcome, "outcome", "the outcome of Stage 1")?);
            next.stage1_responded = day;
        }
        Event::RequestStage2 => {
            next.stage2_requested = day;
            next.closed = None;
        }
        Event::DeclineStage2 { reason } => {
            next.stage2_declined_reason = Some(given(reason, "reason", "why Stage 2 is declined")?);
            next.closed = day;
        }
        Event::StartStage2 {
            investigator,
            independent_person,
        } => {
            next.investigator = Some(given(
                investigator,
                "investigator",
                "the investigating officer",
            )?);
            next.independent_person = Some(given(
                independent_person,
                "independent_person",
                "the independent person",
            )?);
            next.stage2_started = day;
        }
        Event::ExtendStage2 { reason } => {
            next.stage2_extension_reason =
                Some(given(reason, "reason", "why Stage 2 is extended")?);
            next.stage2_extended = true;
        }
        Event::AdjudicateStage2 { adjudicator } => {
            next.adjudicator = Some(given(
                adjudicator,
                "adjudicator",
                "the adjudicating manager",
            )?);
            next.stage2_adjudicated = day;
        }
        Event::RequestStage3 => {
            next.stage3_requested = day;
            next.closed = None;
        }
        Event::HoldPanel { panel } => {
            let names: Vec<String> = panel
                .iter()
                .map(|m| given(m, "panel", "the three members of the review panel"))
                .collect::<Result<_, _>>()?;
            next.stage3_panel = Some(names.join("; "));
            next.stage3_panel_held = day;
        }
        Event::ReferToOmbudsman => next.ombudsman_referred = day,
        Event::RecordOmbudsmanDecision { outcome } => {
            next.ombudsman_outcome = Some(given(outcome, "outcome", "the Ombudsman's finding")?);
            next.ombudsman_decided = day;
        }
        Event::Withdraw { reason } => {
            next.withdrawn_reason = Some(given(reason, "reason", "why the case was withdrawn")?);
            next.withdrawn = day;
            next.closed = day;
        }
        Event::Close { category_closure } => {
            if let Some(c) = category_closure.as_ref().filter(|c| !c.trim().is_empty()) {
                next.category_closure = Some(c.trim().to_string());
            }
            next.closed = day;
        }
    }
    let to = stage_of(&next, local);
    Ok((
        next,
        Transition {
            from,
            to,
            event,
            on,
        },
    ))
}

/// What an import should point out about a case without refusing it: a receipt on a day that
/// is not a working day (a weekend or bank holiday: possible by e-mail, more often a slip).
pub fn notices(case: &Complaint, calendar: &BankHolidays) -> Vec<String> {
    let Some(received) = case.received else {
        return Vec::new();
    };
    match calendar.is_working_day(received) {
        Ok(false) => vec![format!(
            "{} was received on {} {}, which is not a working day: check the date, as its working \
             days are counted from it",
            case.reference,
            received.format("%A"),
            crate::period::long_date(received)
        )],
        _ => Vec::new(),
    }
}

/// What is wrong with a case's recorded history (for an import): a stage recorded without the one
/// before it, or its dates out of order. Each problem names the column to correct.
pub fn history_problems(case: &Complaint) -> Vec<(&'static str, String)> {
    let chain = stage_dates(case).map(|(column, _, date)| (column, date));
    let mut problems = Vec::new();
    // Each step from Stage 2 on needs the one before it.
    for pair in chain[2..].windows(2) {
        let [(before, b), (column, c)] = pair else {
            continue;
        };
        if c.is_some() && b.is_none() {
            problems.push((*column, format!("{column} is given without {before}")));
        }
    }
    match (case.ombudsman_referred, case.ombudsman_decided) {
        (None, Some(_)) => problems.push((
            "ombudsman_decided",
            "ombudsman_decided is given without ombudsman_referred".to_string(),
        )),
        (Some(r), Some(d)) if d < r => problems.push((
            "ombudsman_decided",
            format!("ombudsman_decided ({d}) is before ombudsman_referred ({r})"),
        )),
        _ => {}
    }
    if case.stage2_declined_reason.is_some() && case.stage2_requested.is_none() {
        problems.push((
            "stage2_declined_reason",
            "Stage 2 is declined without stage2_requested".to_string(),
        ));
    }
    // Steps that cannot both have happened.
    if case.stage2_declined_reason.is_some() && case.stage2_started.is_some() {
        problems.push((
            "stage2_started",
            "Stage 2 is both declined (stage2_declined_reason) and started (stage2_started): \
             give one"
                .to_string(),
        ));
    }
    if case.local_resolved.is_some() && case.stage1_started.is_some() {
        problems.push((
            "stage1_started",
            "the case is both resolved at the local stage (local_resolved) and taken to Stage 1 \
             (stage1_started): give one"
                .to_string(),
        ));
    }
    // Nothing happens to a case before it is received.
    if let Some(received) = case.received {
        for (column, date) in [
            ("local_resolved", case.local_resolved),
            ("ombudsman_referred", case.ombudsman_referred),
            ("ombudsman_decided", case.ombudsman_decided),
            ("withdrawn", case.withdrawn),
            ("closed", case.closed),
        ] {
            if let Some(d) = date.filter(|d| *d < received) {
                problems.push((
                    column,
                    format!("{column} ({d}) is before received ({received})"),
                ));
            }
        }
    }
    let dated: Vec<(&str, NaiveDate)> = chain
        .iter()
        .filter_map(|(c, d)| d.map(|d| (*c, d)))
        .collect();
    for pair in dated.windows(2) {
        let [(before, b), (column, c)] = pair else {
            continue;
        };
        if c < b {
            problems.push((*column, format!("{column} ({c}) is before {before} ({b})")));
        }
    }
    problems
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        crate::period::parse_date(s).expect("date")
    }

    fn cal() -> BankHolidays {
        BankHolidays::england_and_wales().expect("calendar")
    }

    fn case(received: &str) -> Complaint {
        Complaint {
            reference: "C1".into(),
            kind: "statutory".into(),
            received: Some(d(received)),
            ..Default::default()
        }
    }

    fn element(finding: Option<&str>) -> Element {
        Element {
            reference: "C1".into(),
            element: 1,
            summary: "Not kept informed".into(),
            finding: finding.map(str::to_string),
            recommendation: None,
            category: None,
        }
    }

    fn step(c: &Complaint, e: Event, on: &str) -> Result<Complaint, ProcedureError> {
        record(c, &[element(Some("upheld"))], e, d(on), None).map(|(c, _)| c)
    }

    fn due(c: &Complaint) -> Option<NaiveDate> {
        deadline(c, None, &cal()).unwrap().map(|d| d.due)
    }

    #[test]
    fn the_whole_procedure_with_its_deadlines() {
        // Received Thursday 1 April 2021, over Easter: Stage 1 due in 10 working days.
        let c = case("2021-04-01");
        assert_eq!(due(&c), Some(d("2021-04-19")));
        let c = step(
            &c,
            Event::ExtendStage1 {
                reason: "complex; agreed".into(),
            },
            "2021-04-06",
        )
        .unwrap();
        assert_eq!(
            due(&c),
            Some(d("2021-05-04")),
            "20 working days, past the May Day holiday"
        );
        let c = step(
            &c,
            Event::RespondStage1 {
                outcome: "not_upheld".into(),
            },
            "2021-04-28",
        )
        .unwrap();
        assert_eq!(due(&c), None);
        let c = step(
            &c,
            Event::Close {
                category_closure: Some("service".into()),
            },
            "2021-04-28",
        )
        .unwrap();
        let c = step(&c, Event::RequestStage2, "2021-05-10").unwrap();
        assert_eq!(c.closed, None, "asking for Stage 2 reopens the case");
        let c = step(
            &c,
            Event::StartStage2 {
                investigator: "Investigating officer".into(),
                independent_person: "IP".into(),
            },
            "2021-05-12",
        )
        .unwrap();
        assert_eq!(
            due(&c),
            Some(d("2021-06-17")),
            "25 working days, past the Spring bank holiday"
        );
        let c = step(
            &c,
            Event::AdjudicateStage2 {
                adjudicator: "Operational Director".into(),
            },
            "2021-06-10",
        )
        .unwrap();
        let c = step(&c, Event::RequestStage3, "2021-06-14").unwrap();
        assert_eq!(due(&c), Some(d("2021-07-26")));
        let c = step(
            &c,
            Event::HoldPanel {
                panel: ["A".into(), "B".into(), "C".into()],
            },
            "2021-07-20",
        )
        .unwrap();
        assert_eq!(c.stage3_panel.as_deref(), Some("A; B; C"));
        let c = step(
            &c,
            Event::Close {
                category_closure: None,
            },
            "2021-07-30",
        )
        .unwrap();
        assert_eq!(stage_of(&c, None), Stage::Closed);
        assert_eq!(c.category_closure.as_deref(), Some("service"));
    }

    #[test]
    fn illegal_steps_are_refused_with_the_reason() {
        let c = case("2021-04-01");
        let e = step(&c, Event::RequestStage2, "2021-04-02").unwrap_err();
        assert_eq!(
            e.to_string(),
            "you cannot record a request for Stage 2 now: Stage 2 can be asked for only after the Stage 1 response"
        );
        assert!(matches!(
            step(&c, Event::ExtendStage1 { reason: " ".into() }, "2021-04-02"),
            Err(ProcedureError::Missing {
                field: "reason",
                ..
            })
        ));
        let ext = step(
            &c,
            Event::ExtendStage1 {
                reason: "complex".into(),
            },
            "2021-04-02",
        )
        .unwrap();
        assert!(
            step(
                &ext,
                Event::ExtendStage1 {
                    reason: "again".into()
                },
                "2021-04-03"
            )
            .is_err()
        );
        assert!(matches!(
            step(
                &ext,
                Event::RespondStage1 {
                    outcome: "upheld".into()
                },
                "2021-03-30"
            ),
            Err(ProcedureError::OutOfOrder { .. })
        ));
        let responded = step(
            &c,
            Event::RespondStage1 {
                outcome: "upheld".into(),
            },
            "2021-04-09",
        )
        .unwrap();
        let s2 = step(&responded, Event::RequestStage2, "2021-04-12").unwrap();
        let started = step(
            &s2,
            Event::StartStage2 {
                investigator: "I".into(),
                independent_person: "P".into(),
            },
            "2021-04-13",
        )
        .unwrap();
        let adjudicate = Event::AdjudicateStage2 {
            adjudicator: "OD".into(),
        };
        assert!(
            record(&started, &[], adjudicate.clone(), d("2021-04-14"), None).is_err(),
            "no elements"
        );
        assert!(
            record(
                &started,
                &[element(None)],
                adjudicate,
                d("2021-04-14"),
                None
            )
            .is_err(),
            "an element without its finding"
        );
        let withdrawn = step(
            &started,
            Event::Withdraw {
                reason: "resolved".into(),
            },
            "2021-04-20",
        )
        .unwrap();
        assert_eq!(stage_of(&withdrawn, None), Stage::Withdrawn);
        assert!(
            steps_open(&withdrawn, &[], None).is_empty(),
            "nothing reopens a withdrawn case"
        );
    }

    #[test]
    fn an_imported_history_is_checked_for_skipped_stages_and_order() {
        let mut c = case("2021-04-01");
        c.stage1_responded = Some(d("2021-04-09"));
        assert!(history_problems(&c).is_empty());
        c.stage2_started = Some(d("2021-04-20"));
        assert_eq!(history_problems(&c)[0].0, "stage2_started");
        c.stage2_requested = Some(d("2021-04-21"));
        let p = history_problems(&c);
        assert_eq!(p.len(), 1);
        assert!(p[0].1.contains("is before stage2_requested"), "{p:?}");
    }

    #[test]
    fn an_imported_history_is_checked_for_dates_before_receipt_and_contradictions() {
        let columns = |c: &Complaint| -> Vec<&str> {
            history_problems(c)
                .into_iter()
                .map(|(col, _)| col)
                .collect()
        };
        let mut c = case("2021-04-01");
        c.closed = Some(d("2021-03-31"));
        c.withdrawn = Some(d("2021-03-01"));
        c.ombudsman_referred = Some(d("2021-02-01"));
        c.local_resolved = Some(d("2021-01-01"));
        let mut found = columns(&c);
        found.sort_unstable();
        assert_eq!(
            found,
            [
                "closed",
                "local_resolved",
                "ombudsman_referred",
                "withdrawn"
            ]
        );
        let mut c = case("2021-04-01");
        c.stage1_responded = Some(d("2021-04-09"));
        c.stage2_requested = Some(d("2021-04-12"));
        c.stage2_declined_reason = Some("out of time".into());
        c.stage2_started = Some(d("2021-04-13"));
        assert_eq!(columns(&c), ["stage2_started"]);
        let mut c = case("2021-04-01");
        c.local_resolved = Some(d("2021-04-02"));
        c.stage1_started = Some(d("2021-04-03"));
        assert_eq!(columns(&c), ["stage1_started"]);
    }

    #[test]
    fn a_receipt_on_a_weekend_or_bank_holiday_is_noticed() {
        let notices = |day: &str| notices(&case(day), &cal());
        assert!(notices("2018-06-04").is_empty(), "a Monday");
        let sunday = notices("2018-06-03");
        assert_eq!(sunday.len(), 1);
        assert!(sunday[0].contains("Sunday 3 June 2018"), "{sunday:?}");
        assert_eq!(notices("2018-12-25").len(), 1, "Christmas Day");
    }

    #[test]
    fn deadlines_skip_christmas_and_new_year() {
        // Thursday 20 December 2018: Christmas, Boxing Day and New Year fall in the ten days.
        let mut c = case("2018-12-20");
        assert_eq!(due(&c), Some(d("2019-01-08")));
        c.stage1_extended = true;
        assert_eq!(due(&c), Some(d("2019-01-22")));
    }

    #[test]
    fn a_configured_local_stage_comes_first() {
        let local = LocalStage {
            label: "Informal resolution".into(),
            days: 5,
        };
        let c = case("2021-04-01");
        assert_eq!(stage_of(&c, Some(&local)), Stage::Local);
        let dl = deadline(&c, Some(&local), &cal()).unwrap().unwrap();
        assert_eq!(
            (dl.stage.as_str(), dl.due),
            ("Informal resolution", d("2021-04-12"))
        );
        let (s1, t) = record(
            &c,
            &[],
            Event::EscalateToStage1,
            d("2021-04-08"),
            Some(&local),
        )
        .unwrap();
        assert_eq!((t.from, t.to), (Stage::Local, Stage::Stage1));
        assert_eq!(
            deadline(&s1, Some(&local), &cal()).unwrap().unwrap().due,
            d("2021-04-22"),
            "Stage 1's ten days run from its own start"
        );
        let (done, _) = record(
            &c,
            &[],
            Event::ResolveLocally,
            d("2021-04-06"),
            Some(&local),
        )
        .unwrap();
        assert_eq!(stage_of(&done, Some(&local)), Stage::Closed);
        assert_eq!(
            stage_of(&c, None),
            Stage::Stage1,
            "without the setting Stage 1 starts at receipt"
        );
    }

    #[test]
    fn a_case_stands_on_time_at_risk_or_overdue() {
        // Due Monday 19 April 2021.
        let s = |today: &str| Standing::on(d("2021-04-19"), d(today), &cal());
        assert_eq!(s("2021-04-14"), Standing::OnTime { days_left: 3 });
        assert_eq!(s("2021-04-15"), Standing::AtRisk { days_left: 2 });
        assert_eq!(s("2021-04-19"), Standing::AtRisk { days_left: 0 });
        assert_eq!(s("2021-04-20"), Standing::Overdue { days_left: -1 });
        assert_eq!(s("2021-04-20").words(), "Overdue");
        // Due Friday 16 April: on the Saturday it is late, though no working day has passed.
        assert_eq!(
            Standing::on(d("2021-04-16"), d("2021-04-17"), &cal()),
            Standing::Overdue { days_left: 0 }
        );
    }

    #[test]
    fn beyond_the_holiday_table_is_a_state_not_a_number() {
        // Today past the table's last year: the due date is known, the days left are not.
        let open = open_case(&case("2021-04-01"), None, &cal(), d("2031-01-06")).unwrap();
        assert_eq!(open.due, Some(d("2021-04-19")));
        assert!(
            matches!(
                open.standing,
                Standing::BeyondCalendar(CalendarError::NotCovered { .. })
            ),
            "{:?}",
            open.standing
        );
        assert_eq!(open.standing.days_left(), None);
        assert_eq!(open.standing.words(), "Beyond the holiday calendar");
        // A due date running past the table: neither is known.
        let late = open_case(&case("2030-12-20"), None, &cal(), d("2030-12-23")).unwrap();
        assert_eq!((late.due, late.standing.days_left()), (None, None));
        assert_eq!(late.stage, "Stage 1 response");
        // Inside the table, the worklist's figures are the deadline's.
        let open = open_case(&case("2021-04-01"), None, &cal(), d("2021-04-15")).unwrap();
        assert_eq!(open.due, due(&case("2021-04-01")));
        assert_eq!(open.standing, Standing::AtRisk { days_left: 2 });
        let mut closed = case("2021-04-01");
        closed.withdrawn = Some(d("2021-04-02"));
        assert_eq!(open_case(&closed, None, &cal(), d("2021-04-15")), None);
    }

    fn any_event() -> impl Strategy<Value = Event> {
        let text = prop_oneof![Just(String::new()), Just("x".to_string())];
        prop_oneof![
            Just(Event::EscalateToStage1),
            Just(Event::ResolveLocally),
            text.clone()
                .prop_map(|reason| Event::ExtendStage1 { reason }),
            text.clone()
                .prop_map(|outcome| Event::RespondStage1 { outcome }),
            Just(Event::RequestStage2),
            text.clone()
                .prop_map(|reason| Event::DeclineStage2 { reason }),
            (text.clone(), text.clone()).prop_map(|(i, p)| Event::StartStage2 {
                investigator: i,
                independent_person: p
            }),
            text.clone()
                .prop_map(|reason| Event::ExtendStage2 { reason }),
            text.clone()
                .prop_map(|adjudicator| Event::AdjudicateStage2 { adjudicator }),
            Just(Event::RequestStage3),
            (text.clone(), text.clone(), text.clone())
                .prop_map(|(a, b, c)| Event::HoldPanel { panel: [a, b, c] }),
            Just(Event::ReferToOmbudsman),
            text.clone()
                .prop_map(|outcome| Event::RecordOmbudsmanDecision { outcome }),
            text.clone().prop_map(|reason| Event::Withdraw { reason }),
            Just(Event::Close {
                category_closure: None
            }),
        ]
    }

    proptest! {
        /// Inside the table a case is overdue exactly when its due date has passed, at risk
        /// when at most two working days are left, and the days left are the calendar's count;
        /// outside it, it is beyond the calendar, never a number.
        #[test]
        fn standing_follows_the_dates(due in 0i64..8_400, gap in -60i64..60) {
            let c = cal();
            let due = d("2009-01-01") + chrono::Duration::days(due);
            let today = due + chrono::Duration::days(gap);
            let standing = Standing::on(due, today, &c);
            match c.working_days_between(today, due) {
                Ok(left) => {
                    prop_assert_eq!(standing.days_left(), Some(left));
                    prop_assert_eq!(matches!(standing, Standing::Overdue { .. }), today > due);
                    prop_assert_eq!(
                        matches!(standing, Standing::OnTime { .. }),
                        today <= due && left > AT_RISK_DAYS
                    );
                }
                Err(_) => prop_assert!(matches!(standing, Standing::BeyondCalendar(_))),
            }
        }
    }

    proptest! {
        /// Whatever is attempted, in whatever order, a stage is never reached without the records
        /// of the stages before it, dates never run backwards, and every deadline is a working day.
        #[test]
        fn sequences_never_skip_a_stage(
            events in proptest::collection::vec((any_event(), 0i64..12), 1..30),
            start in 0i64..3000,
            with_local in any::<bool>(),
            findings in any::<bool>(),
        ) {
            let c = cal();
            let local = with_local.then(|| LocalStage { label: "Informal".into(), days: 5 });
            let els = [element(findings.then_some("upheld"))];
            let mut case = case("2012-01-02");
            case.received = Some(d("2012-01-02") + chrono::Duration::days(start));
            let mut day = case.received.unwrap_or_default();
            for (e, gap) in events {
                day += chrono::Duration::days(gap);
                let Ok((next, t)) = record(&case, &els, e, day, local.as_ref()) else { continue };
                prop_assert_eq!(t.from, stage_of(&case, local.as_ref()));
                if let Some(dl) = deadline(&next, local.as_ref(), &c).expect("covered") {
                    prop_assert!(c.is_working_day(dl.due).expect("covered"));
                }
                if next.stage2_adjudicated.is_some() {
                    prop_assert!(next.investigator.is_some() && next.independent_person.is_some());
                    prop_assert!(next.stage2_started.is_some() && findings);
                }
                if next.stage3_requested.is_some() { prop_assert!(next.stage2_adjudicated.is_some()); }
                if next.stage3_panel_held.is_some() { prop_assert!(next.stage3_panel.is_some()); }
                if next.stage2_started.is_some() { prop_assert!(next.stage2_requested.is_some()); }
                if next.stage2_requested.is_some() { prop_assert!(next.stage1_responded.is_some() && next.stage1_outcome.is_some()); }
                if next.withdrawn.is_some() { prop_assert!(next.withdrawn_reason.is_some()); }
                if next.ombudsman_decided.is_some() {
                    prop_assert!(next.ombudsman_referred.is_some() && next.ombudsman_outcome.is_some());
                }
                if next.stage1_extended { prop_assert!(next.stage1_extension_reason.is_some()); }
                if next.closed.is_some() && next.withdrawn.is_none() && next.local_resolved.is_none() {
                    prop_assert!(next.stage1_responded.is_some(), "a statutory case closes only after its Stage 1 response");
                }
                prop_assert!(latest_date(&next).is_none_or(|(_, d)| d <= day));
                case = next;
            }
        }
    }
}
