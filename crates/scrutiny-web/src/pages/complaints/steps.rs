//! The case page's step forms: which details each step of the procedure asks for, and reading a
//! submitted form back into the domain's [`Event`]. Whether a step is allowed, and what it
//! changes, is decided only by `scrutiny_domain::complaints::procedure::record`.

use std::collections::HashMap;

use chrono::NaiveDate;
use scrutiny_domain::complaints::procedure::{Event, ProcedureError};
use scrutiny_domain::complaints::records::ComplaintsData;
use scrutiny_domain::period::parse_date;

use crate::pages::{Field, FieldError};

/// What a step's form asks for.
#[derive(Clone, Copy)]
enum Input {
    Text(&'static str, &'static str),
    Long(&'static str, &'static str),
    /// A choice from one of the council's lists.
    List(&'static str, &'static str, &'static str),
}

/// The form's code for an event (the same as its JSON name in the API).
pub fn code(e: &Event) -> &'static str {
    match e {
        Event::EscalateToStage1 => "escalate_to_stage1",
        Event::ResolveLocally => "resolve_locally",
        Event::ExtendStage1 { .. } => "extend_stage1",
        Event::RespondStage1 { .. } => "respond_stage1",
        Event::RequestStage2 => "request_stage2",
        Event::DeclineStage2 { .. } => "decline_stage2",
        Event::StartStage2 { .. } => "start_stage2",
        Event::ExtendStage2 { .. } => "extend_stage2",
        Event::AdjudicateStage2 { .. } => "adjudicate_stage2",
        Event::RequestStage3 => "request_stage3",
        Event::HoldPanel { .. } => "hold_panel",
        Event::ReferToOmbudsman => "refer_to_ombudsman",
        Event::RecordOmbudsmanDecision { .. } => "ombudsman_decision",
        Event::Withdraw { .. } => "withdraw",
        Event::Close { .. } => "close",
    }
}

fn inputs(code: &str) -> Vec<Input> {
    use Input::*;
    match code {
        "extend_stage1" | "extend_stage2" => vec![Long(
            "reason",
            "Why it is extended (agreed with the complainant)",
        )],
        "decline_stage2" => vec![Long("reason", "Why the Council declines Stage 2")],
        "withdraw" => vec![Long("reason", "Why the complainant withdrew")],
        "respond_stage1" => vec![List("outcome", "Outcome", "outcome")],
        "ombudsman_decision" => vec![List("outcome", "The Ombudsman's finding", "outcome")],
        "start_stage2" => vec![
            Text("investigator", "Investigating officer"),
            Text("independent_person", "Independent person"),
        ],
        "adjudicate_stage2" => vec![Text("adjudicator", "Adjudicating manager")],
        "hold_panel" => vec![
            Text("panel1", "Panel member (chair)"),
            Text("panel2", "Panel member"),
            Text("panel3", "Panel member"),
        ],
        "close" => vec![List(
            "category_closure",
            "Category at closure (by root cause; optional)",
            "category",
        )],
        _ => Vec::new(),
    }
}

/// One step's form on the case page.
pub struct StepForm {
    pub code: &'static str,
    pub title: String,
    pub fields: Vec<Field>,
    /// Shown open: it is the step just tried and refused.
    pub open: bool,
}

/// The forms for the steps open on a case, with whatever was entered and refused kept.
pub fn forms(
    steps: &[Event],
    data: &ComplaintsData,
    entered: &HashMap<String, String>,
    errors: &[FieldError],
) -> Vec<StepForm> {
    let tried = entered.get("step").map(String::as_str);
    steps
        .iter()
        .map(|e| {
            let code = code(e);
            let mine = tried == Some(code);
            let none = HashMap::new();
            let values = if mine { entered } else { &none };
            let mut date = Field::text(format!("{code}-on"), "on", "Date");
            date.hint = Some("For example, 2018-03-14".into());
            let mut fields = vec![date];
            for i in inputs(code) {
                fields.push(match i {
                    Input::Text(name, label) => Field::text(format!("{code}-{name}"), name, label),
                    Input::Long(name, label) => {
                        let mut f = Field::text(format!("{code}-{name}"), name, label);
                        f.long = true;
                        f
                    }
                    Input::List(name, label, list) => {
                        let mut f = Field::text(format!("{code}-{name}"), name, label);
                        f.choices = Some(
                            data.list(list)
                                .into_iter()
                                .map(|i| (i.code.clone(), i.label.clone()))
                                .collect(),
                        );
                        f.blank = "Choose";
                        f
                    }
                });
            }
            let mut title = e.name().to_string();
            title[..1].make_ascii_uppercase();
            StepForm {
                code,
                title,
                fields: fields
                    .into_iter()
                    .map(|f| f.filled(values, errors))
                    .collect(),
                open: mine,
            }
        })
        .collect()
}

/// The event and date a submitted step form records, or the fields to correct.
pub fn read(form: &HashMap<String, String>) -> Result<(Event, NaiveDate), Vec<FieldError>> {
    let get = |k: &str| crate::pages::entered(form, k);
    let step = get("step");
    let event = match step.as_str() {
        "escalate_to_stage1" => Event::EscalateToStage1,
        "resolve_locally" => Event::ResolveLocally,
        "extend_stage1" => Event::ExtendStage1 {
            reason: get("reason"),
        },
        "respond_stage1" => Event::RespondStage1 {
            outcome: get("outcome"),
        },
        "request_stage2" => Event::RequestStage2,
        "decline_stage2" => Event::DeclineStage2 {
            reason: get("reason"),
        },
        "start_stage2" => Event::StartStage2 {
            investigator: get("investigator"),
            independent_person: get("independent_person"),
        },
        "extend_stage2" => Event::ExtendStage2 {
            reason: get("reason"),
        },
        "adjudicate_stage2" => Event::AdjudicateStage2 {
            adjudicator: get("adjudicator"),
        },
        "request_stage3" => Event::RequestStage3,
        "hold_panel" => Event::HoldPanel {
            panel: [get("panel1"), get("panel2"), get("panel3")],
        },
        "refer_to_ombudsman" => Event::ReferToOmbudsman,
        "ombudsman_decision" => Event::RecordOmbudsmanDecision {
            outcome: get("outcome"),
        },
        "withdraw" => Event::Withdraw {
            reason: get("reason"),
        },
        "close" => Event::Close {
            category_closure: Some(get("category_closure")).filter(|c| !c.is_empty()),
        },
        _ => {
            return Err(vec![FieldError {
                id: "steps".into(),
                message: "Choose one of the steps on the page".into(),
            }]);
        }
    };
    match parse_date(&get("on")) {
        Ok(on) => Ok((event, on)),
        Err(_) => Err(vec![FieldError {
            id: format!("{step}-on"),
            message: "Enter the date, like 2018-03-14".into(),
        }]),
    }
}

/// Where on the page a refusal belongs.
pub fn refusal(event: &Event, e: &ProcedureError) -> FieldError {
    let c = code(event);
    let id = match e {
        ProcedureError::Missing { field: "panel", .. } => format!("{c}-panel1"),
        ProcedureError::Missing { field, .. } => format!("{c}-{field}"),
        _ => format!("{c}-on"),
    };
    FieldError {
        id,
        message: crate::error::capitalise(&e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_reads_back_from_its_form_and_its_code_is_its_api_name() {
        for e in scrutiny_domain::complaints::procedure::every_step() {
            let form: HashMap<String, String> = [
                ("step".to_string(), code(&e).to_string()),
                ("on".into(), "2020-01-06".into()),
            ]
            .into();
            let (read_back, _) = read(&form).expect("reads");
            assert_eq!(read_back, e, "{}", code(&e));
            let json = serde_json::to_value(&e).expect("json");
            assert_eq!(json["event"], code(&e));
        }
    }
}
