//! What is recorded about each complaint, representation, customer care contact, enquiry and
//! compliment, and the council's own lists (channels, categories, divisions, outcomes) that give
//! the codes their printed words. Lists are data, so another council's wording needs no code.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One entry of a configurable list, e.g. `channel` / `email` / "E-mail".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListItem {
    pub list: String,
    pub code: String,
    pub label: String,
    pub position: i64,
}

/// The lists a council configures.
pub const LISTS: [&str; 8] = [
    "kind",
    "channel",
    "profile",
    "category",
    "division",
    "outcome",
    "compliment_channel",
    "compliment_source",
];

/// One case: a statutory complaint, a corporate complaint, a representation, a customer care
/// contact, an MP enquiry or an ombudsman enquiry (its `kind`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub reference: String,
    pub kind: String,
    pub received: Option<NaiveDate>,
    pub channel: Option<String>,
    pub profile: Option<String>,
    pub advocacy: bool,
    pub advocate: Option<String>,
    pub division: Option<String>,
    pub team: Option<String>,
    pub category_receipt: Option<String>,
    pub category_closure: Option<String>,
    pub stage1_extended: bool,
    pub stage1_responded: Option<NaiveDate>,
    pub stage1_outcome: Option<String>,
    pub stage2_requested: Option<NaiveDate>,
    pub stage2_declined_reason: Option<String>,
    pub stage2_started: Option<NaiveDate>,
    pub stage2_adjudicated: Option<NaiveDate>,
    pub stage3_requested: Option<NaiveDate>,
    pub stage3_panel_held: Option<NaiveDate>,
    pub ombudsman_referred: Option<NaiveDate>,
    pub withdrawn: Option<NaiveDate>,
    pub withdrawn_reason: Option<String>,
    pub closed: Option<NaiveDate>,
    pub equality: Equality,
    /// Personal data: shown only to the complaints role, never in anything published.
    pub personal: Personal,
}

/// Equality monitoring: optional, and "not declared" when absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Equality {
    pub gender: Option<String>,
    pub ethnicity: Option<String>,
    pub disability: Option<String>,
    pub age_band: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Personal {
    pub complainant_name: Option<String>,
    pub child_name: Option<String>,
}

/// An element of a Stage 2 complaint, with its finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Element {
    pub reference: String,
    pub element: i64,
    pub summary: String,
    pub finding: Option<String>,
    pub recommendation: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Compliment {
    pub reference: String,
    pub received: NaiveDate,
    pub channel: Option<String>,
    pub source: Option<String>,
    pub division: Option<String>,
    pub team: Option<String>,
    pub text: String,
}

/// What was learned from a complaint, and what is being done about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearningAction {
    pub reference: String,
    pub action: String,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    pub status: String,
}

/// Everything the complaints service holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintsData {
    pub lists: Vec<ListItem>,
    pub cases: Vec<Case>,
    pub elements: Vec<Element>,
    pub compliments: Vec<Compliment>,
    pub learning_actions: Vec<LearningAction>,
}

impl ComplaintsData {
    /// The printed words for a code in a list; the code itself when the list lacks it.
    pub fn label<'a>(&'a self, list: &str, code: &'a str) -> &'a str {
        self.lists
            .iter()
            .find(|i| i.list == list && i.code == code)
            .map_or(code, |i| i.label.as_str())
    }

    /// A list's entries in their order.
    pub fn list(&self, list: &str) -> Vec<&ListItem> {
        let mut v: Vec<&ListItem> = self.lists.iter().filter(|i| i.list == list).collect();
        v.sort_by_key(|i| (i.position, i.code.clone()));
        v
    }
}

/// Names reduced to initials for anything published: a run of two or three capitalised words
/// that are not at the start of a sentence and not common words ("Jane Smith" → "J.S.").
/// A heuristic, so the complaints manager reviews quotes before publication; single names are
/// left (the seeds already write workers as "A").
pub fn initials_only(text: &str) -> String {
    const NOT_NAMES: &[&str] = &[
        "I",
        "The",
        "Team",
        "Children",
        "Social",
        "Care",
        "Service",
        "Services",
        "Council",
        "Halton",
        "Family",
        "Families",
        "Worker",
        "Manager",
        "Mr",
        "Mrs",
        "Thank",
        "Thanks",
        "You",
        "Dear",
        "Many",
        "Kind",
        "Regards",
        "Best",
        "Wishes",
        "Christmas",
        "Happy",
    ];
    let words: Vec<&str> = text.split(' ').collect();
    let is_name = |w: &str| {
        let core = w.trim_end_matches([',', '.', '!', '?', ';', ':', '\'', '"', ')']);
        let mut c = core.chars();
        core.len() > 1
            && c.next().is_some_and(char::is_uppercase)
            && c.all(|ch| ch.is_alphabetic() || ch == '-' || ch == '\'')
            && core.chars().skip(1).any(char::is_lowercase)
            && !NOT_NAMES.contains(&core)
    };
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let sentence_start = i == 0 || words[i - 1].ends_with(['.', '!', '?']);
        let mut j = i;
        while j < words.len() && j - i < 3 && is_name(words[j]) {
            j += 1;
            if words[j - 1].ends_with([',', '.', '!', '?', ';', ':']) {
                break;
            }
        }
        if j - i >= 2 && !(sentence_start && j - i == 2 && !is_name(words[i])) {
            let tail: String = words[j - 1]
                .chars()
                .rev()
                .take_while(|c| !c.is_alphanumeric())
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let initials: String = words[i..j]
                .iter()
                .filter_map(|w| w.chars().next())
                .map(|c| format!("{c}."))
                .collect();
            out.push(format!("{initials}{}", tail.trim_start_matches('.')));
            i = j;
        } else {
            out.push(words[i].to_string());
            i += 1;
        }
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_names_become_initials() {
        assert_eq!(
            initials_only("Thanks to Jane Smith for all her help."),
            "Thanks to J.S. for all her help."
        );
        assert_eq!(
            initials_only("Jane Smith was brilliant, and so was Tom O'Neil!"),
            "J.S. was brilliant, and so was T.O.!"
        );
    }

    #[test]
    fn ordinary_words_and_single_names_stay() {
        let t = "Well done A. The Children in Care Team were kind.";
        assert_eq!(initials_only(t), t);
    }
}

/// Where an open case stands: the stage it waits on and the working-day deadline in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenStage {
    pub stage: &'static str,
    pub due: NaiveDate,
    pub extended: bool,
}

/// The stage an open statutory case waits on, from its recorded dates; `None` once it is
/// closed, withdrawn, or waiting on nothing with a time limit. Stage 1: 10 working days from
/// receipt (20 if extended as complex); Stage 2: 25 from the start of the investigation; Stage 3:
/// the panel within 30 of the request.
pub fn open_stage(
    case: &Case,
    calendar: &crate::calendar::BankHolidays,
) -> Result<Option<OpenStage>, crate::calendar::CalendarError> {
    if case.kind != "statutory" || case.closed.is_some() || case.withdrawn.is_some() {
        return Ok(None);
    }
    let stage = if let Some(requested) = case
        .stage3_requested
        .filter(|_| case.stage3_panel_held.is_none())
    {
        Some(("Stage 3 review panel", requested, 30, false))
    } else if let Some(started) = case
        .stage2_started
        .filter(|_| case.stage2_adjudicated.is_none())
    {
        Some(("Stage 2 investigation", started, 25, false))
    } else if case.stage1_responded.is_none() {
        case.received.map(|r| {
            let days = if case.stage1_extended { 20 } else { 10 };
            ("Stage 1 response", r, days, case.stage1_extended)
        })
    } else {
        None
    };
    stage
        .map(|(stage, from, days, extended)| {
            Ok(OpenStage {
                stage,
                due: calendar.add_working_days(from, days)?,
                extended,
            })
        })
        .transpose()
}

/// A later step recorded on a case from the case page. Asking for Stage 2 reopens a case closed
/// at Stage 1; declining it closes the case again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    RequestStage2,
    /// The council declines to investigate at Stage 2, with its reason.
    DeclineStage2 {
        reason: String,
    },
    /// The complainant withdraws, with the reason given.
    Withdraw {
        reason: String,
    },
    Close,
}

/// Whether `step` may be recorded on `case` on `on`, or why not (in words for the page).
pub fn step_allowed(case: &Case, step: &Step, on: NaiveDate) -> Result<(), String> {
    // Asking for Stage 2 reopens a case closed at Stage 1; nothing reopens a withdrawn one.
    if case.withdrawn.is_some() {
        return Err(format!("case {} was withdrawn", case.reference));
    }
    let reopens = matches!(step, Step::RequestStage2 | Step::DeclineStage2 { .. });
    if case.closed.is_some() && !reopens {
        return Err(format!("case {} is already closed", case.reference));
    }
    if case.received.is_some_and(|r| on < r) {
        return Err("the date is before the case was received".into());
    }
    let needs_reason = |r: &str| {
        if r.trim().is_empty() {
            Err("give the reason".to_string())
        } else {
            Ok(())
        }
    };
    match step {
        Step::RequestStage2 => match (case.stage1_responded, case.stage2_requested) {
            (None, _) => Err("Stage 2 can be asked for only after the Stage 1 response".into()),
            (_, Some(_)) => Err("Stage 2 has already been asked for".into()),
            (Some(r), None) if on < r => Err("the date is before the Stage 1 response".into()),
            _ => Ok(()),
        },
        Step::DeclineStage2 { reason } => {
            if case.stage2_requested.is_none() || case.stage2_started.is_some() {
                return Err(
                    "only a Stage 2 that was asked for and not started can be declined".into(),
                );
            }
            if case.stage2_declined_reason.is_some() {
                return Err("Stage 2 has already been declined".into());
            }
            needs_reason(reason)
        }
        Step::Withdraw { reason } => needs_reason(reason),
        Step::Close => {
            if case.kind == "statutory" && case.stage1_responded.is_none() {
                Err("record the Stage 1 response (or the withdrawal) before closing".into())
            } else {
                Ok(())
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod stage_tests {
    use super::*;
    use crate::calendar::BankHolidays;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn an_open_case_waits_on_its_latest_stage() {
        let cal = BankHolidays::england_and_wales().unwrap();
        let mut c = Case {
            reference: "C1".into(),
            kind: "statutory".into(),
            // Thursday 20 December 2018: Christmas, Boxing Day and New Year fall in the ten days.
            received: Some(d("2018-12-20")),
            ..Default::default()
        };
        let s = open_stage(&c, &cal).unwrap().unwrap();
        assert_eq!((s.stage, s.due), ("Stage 1 response", d("2019-01-08")));
        c.stage1_extended = true;
        assert_eq!(open_stage(&c, &cal).unwrap().unwrap().due, d("2019-01-22"));
        c.stage1_responded = Some(d("2019-01-10"));
        assert_eq!(open_stage(&c, &cal).unwrap(), None);
        c.stage2_started = Some(d("2019-02-01"));
        let s = open_stage(&c, &cal).unwrap().unwrap();
        assert_eq!((s.stage, s.due), ("Stage 2 investigation", d("2019-03-08")));
        c.closed = Some(d("2019-03-01"));
        assert_eq!(open_stage(&c, &cal).unwrap(), None);
    }

    #[test]
    fn later_steps_keep_their_order_and_need_their_reasons() {
        let mut c = Case {
            reference: "C2".into(),
            kind: "statutory".into(),
            received: Some(d("2018-01-08")),
            ..Default::default()
        };
        let on = d("2018-02-01");
        assert!(step_allowed(&c, &Step::RequestStage2, on).is_err());
        assert!(step_allowed(&c, &Step::Close, on).is_err());
        let blank = Step::Withdraw { reason: " ".into() };
        assert_eq!(step_allowed(&c, &blank, on), Err("give the reason".into()));
        c.stage1_responded = Some(d("2018-01-22"));
        assert_eq!(step_allowed(&c, &Step::RequestStage2, on), Ok(()));
        let decline = Step::DeclineStage2 {
            reason: "No new evidence".into(),
        };
        assert!(step_allowed(&c, &decline, on).is_err());
        c.stage2_requested = Some(on);
        assert_eq!(step_allowed(&c, &decline, on), Ok(()));
        assert!(step_allowed(&c, &Step::RequestStage2, on).is_err());
        c.closed = Some(on);
        assert!(step_allowed(&c, &Step::Close, on).is_err());
        c.withdrawn = Some(on);
        assert!(step_allowed(&c, &decline, on).is_err());
    }
}
