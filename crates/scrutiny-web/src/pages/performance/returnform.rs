//! A department's return as a form: what it shows (the entries over the approved figures), and
//! what a posted form means (checked field by field, with messages that say what to fix).
//! Kept apart from the handlers so the same checks serve the pages and the JSON API.

use std::collections::HashMap;

use scrutiny_domain::Dataset;
use scrutiny_domain::figure::Figure;
use scrutiny_domain::performance::formula::{Formula, Parts, Population, population_for};
use scrutiny_domain::performance::model::{
    Commentary, Indicator, Milestone, MilestoneProgress, Section, ValueEntry,
};
use scrutiny_domain::performance::rag::{Override, Rag};
use scrutiny_domain::period::Period;
use serde::{Deserialize, Serialize};

use crate::pages::{FieldError, slug};

/// The sections of narrative a return carries.
pub const NOTE_SECTIONS: [(Section, &str, &str); 2] = [
    (Section::KeyDevelopment, "kd", "Key developments"),
    (Section::EmergingIssue, "ei", "Emerging issues"),
];

/// What a person entered for one indicator, as text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueInput {
    pub indicator: String,
    pub value: String,
    #[serde(default)]
    pub commentary: String,
    /// `green`, `amber`, `red`, or empty for the computed rating.
    #[serde(default)]
    pub rag_override: String,
    #[serde(default)]
    pub override_reason: String,
    /// A formula indicator's numerator and denominator; with them the figure may be left blank.
    #[serde(default)]
    pub numerator: String,
    #[serde(default)]
    pub denominator: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MilestoneInput {
    pub milestone: String,
    /// `green`, `amber`, `red`, or empty when not reported.
    pub progress: String,
    #[serde(default)]
    pub commentary: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteInput {
    /// `key_development` or `emerging_issue`.
    pub section: String,
    pub text: String,
}

/// A whole return as entered: the web form and the JSON API both produce one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnInput {
    #[serde(default)]
    pub values: Vec<ValueInput>,
    #[serde(default)]
    pub milestones: Vec<MilestoneInput>,
    #[serde(default)]
    pub notes: Vec<NoteInput>,
}

/// The department's indicators and milestones for the period's year.
pub struct Scope {
    pub board: String,
    pub department: String,
    pub period: Period,
    pub indicators: Vec<Indicator>,
    pub milestones: Vec<Milestone>,
    /// This period's stored figures that carry a numerator or denominator. The form has no
    /// fields for the parts: an unchanged figure keeps them, a changed one drops them (they no
    /// longer describe it).
    pub stored_parts: Vec<ValueEntry>,
    /// The populations a rate per 10,000 is worked out over, when its denominator is left blank.
    pub populations: Vec<Population>,
}

impl Scope {
    pub fn new(data: &Dataset, department: &str, period: Period) -> Option<Scope> {
        let dept = data.departments.iter().find(|d| d.code == department)?;
        let mut indicators: Vec<Indicator> = data
            .indicators
            .iter()
            .map(|i| i.in_year(period.year, &data.indicator_years))
            .filter(|i| i.department == department)
            .collect();
        indicators.sort_by_key(|i| (i.position, i.code.clone()));
        let objectives: Vec<&str> = data
            .objectives
            .iter()
            .filter(|o| o.department == department)
            .map(|o| o.reference.as_str())
            .collect();
        let mut milestones: Vec<Milestone> = data
            .milestones
            .iter()
            .filter(|m| m.year == period.year && objectives.contains(&m.objective.as_str()))
            .cloned()
            .collect();
        milestones.sort_by_key(|m| (m.objective.clone(), m.position));
        let stored_parts = data
            .values
            .iter()
            .filter(|v| v.year == period.year && v.quarter == Some(period.quarter))
            .filter(|v| v.numerator.is_some() || v.denominator.is_some())
            .filter(|v| indicators.iter().any(|i| i.code == v.indicator))
            .cloned()
            .collect();
        Some(Scope {
            board: dept.board.clone(),
            department: department.to_string(),
            period,
            indicators,
            milestones,
            stored_parts,
            populations: data.populations.clone(),
        })
    }

    fn is_note(&self, c: &Commentary) -> bool {
        c.period == self.period
            && c.department.as_deref() == Some(self.department.as_str())
            && NOTE_SECTIONS.iter().any(|(s, _, _)| *s == c.section)
    }

    /// The entries of a stored draft (or the approved figures, for a return not yet started)
    /// as form input.
    pub fn input_from(&self, d: &Dataset) -> ReturnInput {
        let p = self.period;
        let values = self
            .indicators
            .iter()
            .filter_map(|i| {
                d.values.iter().find(|v| {
                    v.indicator == i.code && v.year == p.year && v.quarter == Some(p.quarter)
                })
            })
            .map(|v| ValueInput {
                indicator: v.indicator.clone(),
                value: v.value.to_entry(),
                commentary: v.commentary.clone().unwrap_or_default(),
                rag_override: v
                    .rag_override
                    .as_ref()
                    .map(|o| o.rag.code().to_string())
                    .unwrap_or_default(),
                override_reason: v
                    .rag_override
                    .as_ref()
                    .map(|o| o.reason.clone())
                    .unwrap_or_default(),
                numerator: v.numerator.map(|n| n.to_string()).unwrap_or_default(),
                denominator: v.denominator.map(|n| n.to_string()).unwrap_or_default(),
            })
            .collect();
        let milestones = self
            .milestones
            .iter()
            .filter_map(|m| {
                d.milestone_progress
                    .iter()
                    .find(|mp| mp.milestone == m.code && mp.period == p)
            })
            .map(|mp| MilestoneInput {
                milestone: mp.milestone.clone(),
                progress: mp.progress.code().to_string(),
                commentary: mp.commentary.clone().unwrap_or_default(),
            })
            .collect();
        let mut notes: Vec<&Commentary> = d.commentary.iter().filter(|c| self.is_note(c)).collect();
        notes.sort_by_key(|c| (c.section, c.position));
        ReturnInput {
            values,
            milestones,
            notes: notes
                .into_iter()
                .map(|c| NoteInput {
                    section: c.section.code().to_string(),
                    text: c.text.clone(),
                })
                .collect(),
        }
    }

    /// Checks what was entered and turns it into the return's partial dataset. Every problem is
    /// reported, each against its field; nothing is kept unless all is well.
    pub fn check(&self, input: &ReturnInput, initials: &str) -> Result<Dataset, Vec<FieldError>> {
        let p = self.period;
        let mut errors = Vec::new();
        let mut out = Dataset::default();
        let initials = Some(initials.to_string()).filter(|s| !s.is_empty());
        for v in &input.values {
            let Some(ind) = self.indicators.iter().find(|i| i.code == v.indicator) else {
                errors.push(FieldError {
                    id: format!("value-{}", slug(&v.indicator)),
                    message: format!(
                        "{} is not one of this department's indicators for {}",
                        v.indicator, p.year
                    ),
                });
                continue;
            };
            let id = slug(&ind.code);
            let parts = match self.parts(ind, v) {
                Ok(parts) => parts,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            };
            let computed = match (ind.formula, parts) {
                (Some(formula), Some(parts)) if v.value.trim().is_empty() => {
                    match formula.stored_figure(parts) {
                        Ok(f) => Some(f.to_string()),
                        Err(e) => {
                            errors.push(FieldError {
                                id: format!("num-{id}"),
                                message: format!("{}: {e}", ind.refs),
                            });
                            continue;
                        }
                    }
                }
                _ => None,
            };
            let text = computed.as_deref().unwrap_or(v.value.trim());
            let commentary = Some(v.commentary.trim().to_string()).filter(|c| !c.is_empty());
            let chosen = v.rag_override.trim();
            if text.is_empty() {
                if commentary.is_some() || !chosen.is_empty() {
                    errors.push(FieldError {
                        id: format!("value-{id}"),
                        message: format!(
                            "Enter the {} figure for {}, or 'not yet available' if there is none yet",
                            p.quarter, ind.refs
                        ),
                    });
                }
                continue;
            }
            let value = match Figure::parse_value(text) {
                Ok(f) => f,
                Err(_) => {
                    errors.push(FieldError {
                        id: format!("value-{id}"),
                        message: format!(
                            "The {} figure for {} must be a number, like 42 or 42.5, or a state such as 'not yet available' or 'n/a'",
                            p.quarter, ind.refs
                        ),
                    });
                    continue;
                }
            };
            if let (Some(formula), Some(parts)) = (ind.formula, parts)
                && let Err(e) = formula.check(parts, value.as_number())
            {
                errors.push(FieldError {
                    id: format!("value-{id}"),
                    message: format!("{}: {e}", ind.refs),
                });
                continue;
            }
            let rag_override = if chosen.is_empty() {
                None
            } else {
                match Rag::parse(chosen).and_then(|r| Override::new(r, &v.override_reason)) {
                    Ok(o) => Some(o),
                    Err(_) => {
                        errors.push(FieldError {
                            id: format!("reason-{id}"),
                            message: format!(
                                "Give the reason for setting the progress of {} by hand",
                                ind.refs
                            ),
                        });
                        continue;
                    }
                }
            };
            // Parts not sent (an API client that knows nothing of them) keep the stored ones
            // while the figure is unchanged.
            let kept = self
                .stored_parts
                .iter()
                .find(|s| s.indicator == ind.code && s.value == value)
                .and_then(|s| Some((s.numerator?, s.denominator?)));
            let (numerator, denominator) = match (parts, kept) {
                (Some(p), _) => (Some(p.numerator), Some(p.denominator)),
                (None, Some((n, d))) if v.numerator.is_empty() && v.denominator.is_empty() => {
                    (Some(n), Some(d))
                }
                _ => (None, None),
            };
            out.values.push(ValueEntry {
                indicator: ind.code.clone(),
                year: p.year,
                quarter: Some(p.quarter),
                value,
                status: None,
                rag_override,
                commentary,
                initials: initials.clone(),
                numerator,
                denominator,
            });
        }
        for m in &input.milestones {
            let Some(ms) = self.milestones.iter().find(|x| x.code == m.milestone) else {
                errors.push(FieldError {
                    id: format!("progress-{}", slug(&m.milestone)),
                    message: format!("{} is not one of this department's milestones", m.milestone),
                });
                continue;
            };
            let commentary = Some(m.commentary.trim().to_string()).filter(|c| !c.is_empty());
            let chosen = m.progress.trim();
            if chosen.is_empty() {
                if commentary.is_some() {
                    errors.push(FieldError {
                        id: format!("progress-{}", slug(&ms.code)),
                        message: format!("Choose the progress of milestone {}", ms.code),
                    });
                }
                continue;
            }
            match Rag::parse(chosen) {
                Ok(progress) => out.milestone_progress.push(MilestoneProgress {
                    milestone: ms.code.clone(),
                    period: p,
                    progress,
                    commentary,
                    initials: initials.clone(),
                    basis: None,
                }),
                Err(_) => errors.push(FieldError {
                    id: format!("progress-{}", slug(&ms.code)),
                    message: format!("Choose green, amber or red for milestone {}", ms.code),
                }),
            }
        }
        let mut positions: HashMap<Section, i64> = HashMap::new();
        for n in &input.notes {
            let text = n.text.trim();
            if text.is_empty() {
                continue;
            }
            let Some((section, _, _)) =
                NOTE_SECTIONS.iter().find(|(s, _, _)| s.code() == n.section)
            else {
                errors.push(FieldError {
                    id: "notes".into(),
                    message: format!(
                        "'{}' is not a section of a return: use key_development or emerging_issue",
                        n.section
                    ),
                });
                continue;
            };
            let position = positions.entry(*section).or_insert(0);
            *position += 1;
            out.commentary.push(Commentary {
                period: p,
                board: Some(self.board.clone()),
                department: Some(self.department.clone()),
                section: *section,
                priority: None,
                theme: None,
                title: None,
                text: text.to_string(),
                initials: initials.clone(),
                position: *position,
            });
        }
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(errors)
        }
    }

    /// The numerator and denominator entered for `ind`, if any: a rate's blank denominator is the
    /// population it is of (kept with the figure, as the import keeps it).
    fn parts(&self, ind: &Indicator, v: &ValueInput) -> Result<Option<Parts>, FieldError> {
        let id = slug(&ind.code);
        let (n, d) = (v.numerator.trim(), v.denominator.trim());
        if n.is_empty() && d.is_empty() {
            return Ok(None);
        }
        let Some(formula) = ind.formula else {
            return Err(FieldError {
                id: format!("value-{id}"),
                message: format!(
                    "{} is not worked out from a numerator and denominator; enter its figure only",
                    ind.refs
                ),
            });
        };
        // Read as the importer reads a number, so "12,5" is refused, never taken as 125.
        let number = |text: &str, field: &str, what: &str| {
            scrutiny_import::read_decimal(text, scrutiny_import::Options::default()).map_err(
                |why| FieldError {
                    id: format!("{field}-{id}"),
                    message: format!(
                        "The {what} of {} must be a number, like 29: {why}",
                        ind.refs
                    ),
                },
            )
        };
        if n.is_empty() {
            return Err(FieldError {
                id: format!("num-{id}"),
                message: format!(
                    "Enter the numerator of {} as well as its denominator",
                    ind.refs
                ),
            });
        }
        let numerator = number(n, "num", "numerator")?;
        let denominator = match (d.is_empty(), &ind.population) {
            (false, _) => number(d, "den", "denominator")?,
            (true, Some(band)) if formula == Formula::RatePer10000 => {
                population_for(&self.populations, band, self.period.year)
                    .map(|p| p.count)
                    .map_err(|e| FieldError {
                        id: format!("den-{id}"),
                        message: format!("{}: {e}", ind.refs),
                    })?
            }
            (true, _) => {
                return Err(FieldError {
                    id: format!("den-{id}"),
                    message: format!(
                        "Enter the denominator of {} as well as its numerator",
                        ind.refs
                    ),
                });
            }
        };
        Ok(Some(Parts {
            numerator,
            denominator,
        }))
    }

    /// The approved data with this return's entries in place of the period's, so the form can
    /// show the progress and direction the reports would print if the return were approved.
    pub fn overlay(&self, data: &Dataset, entries: &Dataset) -> Dataset {
        let p = self.period;
        let mut d = data.clone();
        let ours: Vec<&str> = self.indicators.iter().map(|i| i.code.as_str()).collect();
        d.values.retain(|v| {
            !(v.year == p.year
                && v.quarter == Some(p.quarter)
                && ours.contains(&v.indicator.as_str()))
        });
        d.values.extend(entries.values.iter().cloned());
        let ms: Vec<&str> = self.milestones.iter().map(|m| m.code.as_str()).collect();
        d.milestone_progress
            .retain(|m| !(m.period == p && ms.contains(&m.milestone.as_str())));
        d.milestone_progress
            .extend(entries.milestone_progress.iter().cloned());
        d.commentary.retain(|c| !self.is_note(c));
        d.commentary.extend(entries.commentary.iter().cloned());
        d
    }
}

/// A posted form's fields, by name. Indicator fields are named by the indicator's slug:
/// `value-ni148`, `comment-ni148`, `override-ni148`, `reason-ni148`; milestone fields
/// `progress-…` and `mcomment-…`; notes `kd-1`, `ei-2`….
pub fn input_from_form(scope: &Scope, form: &HashMap<String, String>) -> ReturnInput {
    let get = |k: String| form.get(&k).cloned().unwrap_or_default();
    let values = scope
        .indicators
        .iter()
        .map(|i| {
            let id = slug(&i.code);
            ValueInput {
                indicator: i.code.clone(),
                value: get(format!("value-{id}")),
                commentary: get(format!("comment-{id}")),
                rag_override: get(format!("override-{id}")),
                override_reason: get(format!("reason-{id}")),
                numerator: get(format!("num-{id}")),
                denominator: get(format!("den-{id}")),
            }
        })
        .collect();
    let milestones = scope
        .milestones
        .iter()
        .map(|m| {
            let id = slug(&m.code);
            MilestoneInput {
                milestone: m.code.clone(),
                progress: get(format!("progress-{id}")),
                commentary: get(format!("mcomment-{id}")),
            }
        })
        .collect();
    let mut notes = Vec::new();
    for (section, prefix, _) in NOTE_SECTIONS {
        let mut keys: Vec<(i64, &String)> = form
            .iter()
            .filter_map(|(k, v)| {
                k.strip_prefix(prefix)
                    .and_then(|r| r.strip_prefix('-'))
                    .and_then(|n| n.parse().ok())
                    .map(|n| (n, v))
            })
            .collect();
        keys.sort();
        notes.extend(keys.into_iter().map(|(_, v)| NoteInput {
            section: section.code().to_string(),
            text: v.clone(),
        }));
    }
    ReturnInput {
        values,
        milestones,
        notes,
    }
}
