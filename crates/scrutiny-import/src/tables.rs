//! Turning each raw table into domain records, checking references and duplicates as it goes.

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;
use scrutiny_domain::figure::{Figure, Unit};
use scrutiny_domain::finance::{BudgetGroup, BudgetLine};
use scrutiny_domain::format::parse_money;
use scrutiny_domain::model::*;
use scrutiny_domain::period::parse_date;
use scrutiny_domain::plans::*;
use scrutiny_domain::rag::{BandUnit, Override, Polarity, Rag, RagMethod, RagRule};
use scrutiny_domain::{DomainError, Period};

use crate::Known;
use crate::error::{Code, ImportError};
use crate::read::RawTable;
use crate::row::{Columns, Row};

/// Keys defined so far: what is already stored plus what this import has read.
pub struct Keys {
    sets: HashMap<&'static str, HashSet<String>>,
}

impl Keys {
    pub fn from_known(known: &Known) -> Self {
        let mut sets = HashMap::new();
        for (name, set) in known.sets() {
            sets.insert(name, set.clone());
        }
        Keys { sets }
    }

    fn has(&self, kind: &'static str, key: &str) -> bool {
        self.sets.get(kind).is_some_and(|s| s.contains(key))
    }

    fn add(&mut self, kind: &'static str, key: &str) {
        self.sets.entry(kind).or_default().insert(key.to_string());
    }
}

/// Reads one table into the dataset. Rows with problems are left out and their errors recorded.
pub fn read_table(
    table: &RawTable,
    spec: &crate::schema::Table,
    keys: &mut Keys,
    out: &mut Dataset,
    errors: &mut Vec<ImportError>,
) {
    let Some(columns) = Columns::check(table, spec, errors) else {
        return;
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (line, cells) in &table.rows {
        let mut row = Row::new(table, *line, cells, &columns);
        // A row that defines a key counts as defined even if another of its cells is wrong, so
        // one mistake is reported once, not again in every row that refers to it.
        if let Some((kind, column)) = defines(spec.name)
            && let Some(k) = row.opt(column)
        {
            keys.add(kind, k);
        }
        let key = read_row(spec.name, &mut row, keys, out);
        if let Some(key) = key {
            if let Some(first) = seen.get(&key) {
                row.error(
                    Code::DuplicateRow,
                    spec.columns[0].name,
                    format!("this row repeats row {first} ({key}); each row must be unique"),
                );
            } else {
                seen.insert(key, *line);
            }
        }
        errors.append(&mut row.errors);
    }
}

/// The tables whose rows others refer to, and their key column.
fn defines(table: &str) -> Option<(&'static str, &'static str)> {
    Some(match table {
        "boards" => ("boards", "code"),
        "departments" => ("departments", "code"),
        "priorities" => ("priorities", "code"),
        "rag_rules" => ("rag_rules", "code"),
        "objectives" => ("objectives", "ref"),
        "milestones" => ("milestones", "code"),
        "indicators" => ("indicators", "code"),
        "strategies" => ("strategies", "code"),
        "action_plans" => ("action_plans", "code"),
        _ => return None,
    })
}

/// A reference check: records an error and returns false when `key` is unknown.
fn refers(row: &mut Row, keys: &Keys, kind: &'static str, column: &str, key: &str) -> bool {
    if keys.has(kind, key) {
        return true;
    }
    let what = kind.trim_end_matches('s').replace('_', " ");
    row.error(
        Code::UnknownReference,
        column,
        format!(
            "there is no {what} '{key}': add it to the {kind} table first, or correct the {column}"
        ),
    );
    false
}

fn opt_ref(row: &mut Row, keys: &Keys, kind: &'static str, column: &str) -> Option<Option<String>> {
    match row.opt_string(column) {
        None => Some(None),
        Some(k) => refers(row, keys, kind, column, &k).then_some(Some(k)),
    }
}

fn req_ref(row: &mut Row, keys: &Keys, kind: &'static str, column: &str) -> Option<String> {
    let k = row.req_string(column)?;
    refers(row, keys, kind, column, &k).then_some(k)
}

fn decimal(text: &str) -> Result<Decimal, DomainError> {
    Figure::parse(text)?
        .as_number()
        .ok_or_else(|| DomainError::BadFigure(text.into(), "a number"))
}

fn rag(text: &str) -> Result<Rag, DomainError> {
    Rag::parse(text)
}

/// Reads one row and pushes its record; returns the row's key (for the duplicate check) when
/// every cell read cleanly.
fn read_row(table: &str, row: &mut Row, keys: &mut Keys, out: &mut Dataset) -> Option<String> {
    match table {
        "boards" => {
            let (code, name) = (row.req_string("code"), row.req_string("name"));
            let b = Board {
                code: code?,
                name: name?,
            };
            keys.add("boards", &b.code);
            let key = b.code.clone();
            out.boards.push(b);
            Some(key)
        }
        "departments" => {
            let code = row.req_string("code");
            let name = row.req_string("name");
            let board = req_ref(row, keys, "boards", "board");
            let d = Department {
                code: code?,
                name: name?,
                board: board?,
                directorate: row.opt_string("directorate"),
                director_initials: row.opt_string("director_initials"),
                director_name: row.opt_string("director_name"),
                director_title: row.opt_string("director_title"),
            };
            keys.add("departments", &d.code);
            let key = d.code.clone();
            out.departments.push(d);
            Some(key)
        }
        "priorities" => {
            let board = req_ref(row, keys, "boards", "board");
            let code = row.req_string("code");
            let title = row.req_string("title");
            let position = row.position("position", true);
            let p = Priority {
                board: board?,
                code: code?,
                title: title?,
                position: position?,
                note: row.opt_string("note"),
            };
            keys.add("priorities", &p.code);
            let key = p.code.clone();
            out.priorities.push(p);
            Some(key)
        }
        "rag_rules" => {
            let code = row.req_string("code");
            let method = row.req_parse("method", Code::NotAllowed, RagMethod::parse);
            let description = row.req_string("description");
            let needs_band = method.is_some_and(|m| m != RagMethod::Manual);
            let band = if needs_band {
                row.req_parse("amber_band", Code::BadNumber, decimal)
            } else {
                row.opt_parse("amber_band", Code::BadNumber, decimal)
                    .map(Option::unwrap_or_default)
            };
            let unit_text = if needs_band {
                row.req("band_unit")
            } else {
                row.opt("band_unit")
            };
            let band_unit = match unit_text.map(str::to_ascii_lowercase).as_deref() {
                None if !needs_band => Some(BandUnit::Percent),
                Some("percent" | "%") => Some(BandUnit::Percent),
                Some("absolute") => Some(BandUnit::Absolute),
                Some(other) => {
                    row.error(
                        Code::NotAllowed,
                        "band_unit",
                        format!("'{other}' is not one of: percent, absolute"),
                    );
                    None
                }
                None => None,
            };
            let r = RagRuleDef {
                code: code?,
                rule: RagRule {
                    method: method?,
                    amber_band: band?,
                    band_unit: band_unit?,
                },
                description: description?,
            };
            keys.add("rag_rules", &r.code);
            let key = r.code.clone();
            out.rag_rules.push(r);
            Some(key)
        }
        "symbol_labels" => {
            let applies_to = row.req_parse("applies_to", Code::NotAllowed, SymbolFor::parse);
            let state = row.req_string("state").map(|s| s.to_ascii_lowercase());
            if let (Some(a), Some(s)) = (applies_to, &state)
                && !a.states().contains(&s.as_str())
            {
                row.error(
                    Code::NotAllowed,
                    "state",
                    format!("'{s}' is not one of: {}", a.states().join(", ")),
                );
                return None;
            }
            let l = SymbolLabel {
                applies_to: applies_to?,
                state: state?,
                label: row.req_string("label")?,
                description: row.req_string("description")?,
            };
            let key = format!("{} {}", l.applies_to.code(), l.state);
            out.symbol_labels.push(l);
            Some(key)
        }
        "objectives" => {
            let reference = row.req_string("ref");
            let department = req_ref(row, keys, "departments", "department");
            let o = Objective {
                reference: reference?,
                department: department?,
                title: row.opt_string("title"),
            };
            keys.add("objectives", &o.reference);
            let key = o.reference.clone();
            out.objectives.push(o);
            Some(key)
        }
        "milestones" => {
            let code = row.req_string("code");
            let objective = req_ref(row, keys, "objectives", "objective");
            let year = row.year("year");
            let priority = opt_ref(row, keys, "priorities", "priority");
            let key_flag = row.yes_no("key");
            let text = row.req_string("text");
            let position = row.position("position", false);
            let m = Milestone {
                code: code?,
                objective: objective?,
                year: year?,
                priority: priority?,
                key: key_flag?,
                text: text?,
                position: position?,
            };
            keys.add("milestones", &m.code);
            let key = m.code.clone();
            out.milestones.push(m);
            Some(key)
        }
        "indicators" => {
            let code = row.req_string("code");
            let description = row.req_string("description");
            let department = req_ref(row, keys, "departments", "department");
            let priority = opt_ref(row, keys, "priorities", "priority");
            let key_flag = row.yes_no("key");
            let polarity = row.req_parse("polarity", Code::NotAllowed, Polarity::parse);
            let unit = row.req_parse("unit", Code::NotAllowed, Unit::parse);
            let decimals = row.opt_parse("decimals", Code::BadNumber, |t| {
                t.parse::<u32>()
                    .ok()
                    .filter(|d| *d <= 6)
                    .ok_or_else(|| DomainError::BadFigure(t.into(), "0 to 6"))
            });
            let rag_rule = req_ref(row, keys, "rag_rules", "rag_rule");
            let same_band = row.opt_parse("same_band", Code::BadNumber, decimal);
            let position = row.position("position", false);
            let code = code?;
            let i = Indicator {
                refs: row.opt_string("refs").unwrap_or_else(|| code.clone()),
                code,
                description: description?,
                department: department?,
                priority: priority?,
                key: key_flag?,
                polarity: polarity?,
                unit: unit?,
                decimals: decimals?,
                rag_rule: rag_rule?,
                same_band: same_band?.unwrap_or_default(),
                position: position?,
            };
            keys.add("indicators", &i.code);
            let key = i.code.clone();
            out.indicators.push(i);
            Some(key)
        }
        "indicator_years" => {
            let indicator = req_ref(row, keys, "indicators", "indicator");
            let year = row.year("year");
            let department = req_ref(row, keys, "departments", "department");
            let priority = opt_ref(row, keys, "priorities", "priority");
            let key_flag = row.yes_no("key");
            let position = row.position("position", false);
            let y = IndicatorYear {
                indicator: indicator?,
                year: year?,
                department: department?,
                priority: priority?,
                key: key_flag?,
                refs: row.opt_string("refs"),
                description: row.opt_string("description"),
                position: position?,
            };
            let key = format!("{} {}", y.indicator, y.year);
            out.indicator_years.push(y);
            Some(key)
        }
        "targets" => {
            let indicator = req_ref(row, keys, "indicators", "indicator");
            let year = row.year("year");
            let quarter = row.opt_quarter();
            let target = row.req_parse("target", Code::BadNumber, Figure::parse_target);
            let original = row.opt_parse("original_target", Code::BadNumber, Figure::parse_target);
            let t = TargetEntry {
                indicator: indicator?,
                year: year?,
                quarter: quarter?,
                target: target?,
                original: original?,
            };
            let key = format!(
                "{} {} {}",
                t.indicator,
                t.year,
                t.quarter.map_or("annual".into(), |q| q.to_string())
            );
            out.targets.push(t);
            Some(key)
        }
        "values" => {
            let indicator = req_ref(row, keys, "indicators", "indicator");
            let year = row.year("year");
            let quarter = row.opt_quarter();
            let value = row.req_parse("value", Code::BadNumber, Figure::parse_value);
            let status = row.opt_parse("status", Code::NotAllowed, ValueStatus::parse);
            let over = row.opt_parse("rag_override", Code::NotAllowed, rag);
            let rag_override = match over? {
                None => None,
                Some(r) => match Override::new(r, row.opt("override_reason").unwrap_or("")) {
                    Ok(o) => Some(o),
                    Err(_) => {
                        row.error(
                            Code::OverrideWithoutReason,
                            "override_reason",
                            "a progress override must say why: fill in override_reason".into(),
                        );
                        return None;
                    }
                },
            };
            let v = ValueEntry {
                indicator: indicator?,
                year: year?,
                quarter: quarter?,
                value: value?,
                status: status?,
                rag_override,
                commentary: row.opt_string("commentary"),
                initials: row.opt_string("initials"),
            };
            let key = format!(
                "{} {} {}",
                v.indicator,
                v.year,
                v.quarter.map_or("outturn".into(), |q| q.to_string())
            );
            out.values.push(v);
            Some(key)
        }
        "milestone_progress" => {
            let milestone = req_ref(row, keys, "milestones", "milestone");
            let period = row.period();
            let progress = row.req_parse("progress", Code::NotAllowed, rag);
            let m = MilestoneProgress {
                milestone: milestone?,
                period: period?,
                progress: progress?,
                commentary: row.opt_string("commentary"),
                initials: row.opt_string("initials"),
                basis: row.opt_string("basis"),
            };
            let key = format!("{} {}", m.milestone, m.period);
            out.milestone_progress.push(m);
            Some(key)
        }
        "commentary" => {
            let period = row.period();
            let board = opt_ref(row, keys, "boards", "board");
            let department = opt_ref(row, keys, "departments", "department");
            let section = row.req_parse("section", Code::NotAllowed, Section::parse);
            let priority = opt_ref(row, keys, "priorities", "priority");
            let text = row.req_string("text");
            let position = row.position("position", true);
            let (board, department) = (board?, department?);
            if board.is_none() && department.is_none() {
                row.error(
                    Code::MissingValue,
                    "board",
                    "say which board or department this commentary belongs to".into(),
                );
                return None;
            }
            let c = Commentary {
                period: period?,
                board,
                department,
                section: section?,
                priority: priority?,
                theme: row.opt_string("theme"),
                title: row.opt_string("title"),
                text: text?,
                initials: row.opt_string("initials"),
                position: position?,
            };
            let key = format!(
                "{} {} {} {} {}",
                c.period,
                c.board.as_deref().unwrap_or("-"),
                c.department.as_deref().unwrap_or("-"),
                c.section.code(),
                c.position
            );
            out.commentary.push(c);
            Some(key)
        }
        "budget_lines" => {
            let department = req_ref(row, keys, "departments", "department");
            let period = row.period();
            let as_at = row.date("as_at");
            let group = row.req_parse("group", Code::NotAllowed, BudgetGroup::parse);
            let name = row.req_string("line");
            let position = row.position("position", true);
            let annual = row.opt_parse("annual_budget", Code::BadNumber, parse_money);
            let btd = row.opt_parse("budget_to_date", Code::BadNumber, parse_money);
            let etd = row.opt_parse("expenditure_to_date", Code::BadNumber, parse_money);
            if let (Some(p), Some(d)) = (period, as_at)
                && Period::containing(d) != p
            {
                row.error(
                    Code::WrongPeriod,
                    "as_at",
                    format!(
                        "{d} is not in {p} ({} to {}): correct the date or the quarter",
                        p.start(),
                        p.end()
                    ),
                );
                return None;
            }
            let b = BudgetEntry {
                department: department?,
                period: period?,
                as_at: as_at?,
                position: position?,
                line: BudgetLine {
                    group: group?,
                    name: name?,
                    annual_budget: annual?,
                    budget_to_date: btd?,
                    expenditure_to_date: etd?,
                },
            };
            let key = format!(
                "{} {} {} {}",
                b.department,
                b.period,
                b.line.group.code(),
                b.line.name
            );
            out.budget_lines.push(b);
            Some(key)
        }
        "benchmarks" => {
            let indicator = req_ref(row, keys, "indicators", "indicator");
            let year = row.year("year");
            let top = row.opt_parse("top_quartile", Code::BadNumber, decimal);
            let bottom = row.opt_parse("bottom_quartile", Code::BadNumber, decimal);
            let national = row.opt_parse("national", Code::BadNumber, decimal);
            let sn = row.opt_parse("statistical_neighbours", Code::BadNumber, decimal);
            let b = Benchmark {
                indicator: indicator?,
                year: year?,
                top_quartile: top?,
                bottom_quartile: bottom?,
                national: national?,
                statistical_neighbours: sn?,
                note: row.opt_string("note"),
            };
            let key = format!("{} {}", b.indicator, b.year);
            out.benchmarks.push(b);
            Some(key)
        }
        "risks" => {
            let department = req_ref(row, keys, "departments", "department");
            let period = row.period();
            let reference = row.req_string("ref");
            let risk = row.req_string("risk");
            let control = row.req_string("control_measure");
            let progress = row.req_parse("progress", Code::NotAllowed, rag);
            let position = row.position("position", false);
            let r = RiskControl {
                department: department?,
                period: period?,
                reference: reference?,
                risk: risk?,
                control_measure: control?,
                target: row.opt_string("target"),
                progress: progress?,
                commentary: row.opt_string("commentary"),
                position: position?,
            };
            let key = format!(
                "{} {} {} {}",
                r.department, r.period, r.reference, r.control_measure
            );
            out.risks.push(r);
            Some(key)
        }
        "equality_actions" => {
            let department = req_ref(row, keys, "departments", "department");
            let period = row.period();
            let action = row.req_string("action");
            let progress = row.req_parse("progress", Code::NotAllowed, rag);
            let position = row.position("position", false);
            let e = EqualityAction {
                department: department?,
                period: period?,
                action: action?,
                target: row.opt_string("target"),
                progress: progress?,
                commentary: row.opt_string("commentary"),
                position: position?,
            };
            let key = format!("{} {} {}", e.department, e.period, e.action);
            out.equality_actions.push(e);
            Some(key)
        }
        "strategies" => {
            let code = row.req_string("code");
            let title = row.req_string("title");
            let board = req_ref(row, keys, "boards", "board");
            let from = row.year("from_year");
            let to = row.year("to_year");
            let st = Strategy {
                code: code?,
                title: title?,
                board: board?,
                from_year: from?,
                to_year: to?,
            };
            keys.add("strategies", &st.code);
            let key = st.code.clone();
            out.strategies.push(st);
            Some(key)
        }
        "strategy_measures" => {
            let strategy = req_ref(row, keys, "strategies", "strategy");
            let reference = row.req_string("ref");
            let indicator = req_ref(row, keys, "indicators", "indicator");
            let descriptor = row.req_string("descriptor");
            let position = row.position("position", true);
            let m = StrategyMeasure {
                strategy: strategy?,
                reference: reference?,
                indicator: indicator?,
                descriptor: descriptor?,
                position: position?,
            };
            let key = format!("{} {}", m.strategy, m.reference);
            keys.add("strategy_measures", &key);
            out.strategy_measures.push(m);
            Some(key)
        }
        "measure_commentary" => {
            let strategy = req_ref(row, keys, "strategies", "strategy");
            let reference = row.req_string("ref");
            if let (Some(s), Some(r)) = (&strategy, &reference) {
                refers(row, keys, "strategy_measures", "ref", &format!("{s} {r}"));
            }
            let period = row.period();
            let kind = row.req_parse("kind", Code::NotAllowed, CommentaryKind::parse);
            let text = row.req_string("text");
            let c = MeasureCommentary {
                strategy: strategy?,
                reference: reference?,
                period: period?,
                kind: kind?,
                text: text?,
            };
            let key = format!(
                "{} {} {} {}",
                c.strategy,
                c.reference,
                c.period,
                c.kind.code()
            );
            out.measure_commentary.push(c);
            Some(key)
        }
        "target_revisions" => {
            let indicator = req_ref(row, keys, "indicators", "indicator");
            let year = row.year("year");
            let review = row.req_string("review");
            let previous = row.req_parse("previous", Code::BadNumber, Figure::parse_target);
            let proposed = row.req_parse("proposed", Code::BadNumber, Figure::parse_target);
            let proposed_on = row.opt_parse("proposed_on", Code::WrongPeriod, parse_date);
            let decision = row.req_parse("decision", Code::NotAllowed, Decision::parse);
            let decided_on = row.opt_parse("decided_on", Code::WrongPeriod, parse_date);
            let r = TargetRevision {
                indicator: indicator?,
                year: year?,
                review: review?,
                previous: previous?,
                proposed: proposed?,
                rationale: row.opt_string("rationale"),
                proposed_by: row.opt_string("proposed_by"),
                proposed_on: proposed_on?,
                decision: decision?,
                decided_by: row.opt_string("decided_by"),
                decided_on: decided_on?,
            };
            let key = format!("{} {} {}", r.indicator, r.year, r.review);
            out.target_revisions.push(r);
            Some(key)
        }
        "action_plans" => {
            let code = row.req_string("code");
            let title = row.req_string("title");
            let board = req_ref(row, keys, "boards", "board");
            let p = ActionPlan {
                code: code?,
                title: title?,
                board: board?,
                source: row.opt_string("source"),
            };
            keys.add("action_plans", &p.code);
            let key = p.code.clone();
            out.action_plans.push(p);
            Some(key)
        }
        "actions" => {
            let plan = req_ref(row, keys, "action_plans", "plan");
            let reference = row.req_string("ref");
            let requirement = row.req_string("requirement");
            let action = row.req_string("action");
            let due = row.opt_parse("due", Code::WrongPeriod, parse_date);
            let position = row.position("position", true);
            let links: Vec<String> = row
                .opt("links")
                .map(|l| {
                    l.split(';')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default();
            let mut links_ok = true;
            for l in &links {
                if !keys.has("indicators", l) && !keys.has("milestones", l) {
                    row.error(
                        Code::UnknownReference,
                        "links",
                        format!("there is no indicator or milestone '{l}'"),
                    );
                    links_ok = false;
                }
            }
            let a = Action {
                plan: plan?,
                reference: reference?,
                requirement: requirement?,
                action: action?,
                by_whom: row.opt_string("by_whom"),
                timescale: row.opt_string("timescale"),
                due: due?,
                links,
                position: position?,
            };
            if !links_ok {
                return None;
            }
            let key = format!("{} {}", a.plan, a.reference);
            keys.add("actions", &key);
            out.actions.push(a);
            Some(key)
        }
        "action_updates" => {
            let plan = req_ref(row, keys, "action_plans", "plan");
            let reference = row.req_string("ref");
            if let (Some(p), Some(r)) = (&plan, &reference) {
                refers(row, keys, "actions", "ref", &format!("{p} {r}"));
            }
            let as_at = row.date("as_at");
            let status = row.req_parse("status", Code::NotAllowed, ActionStatus::parse);
            let u = ActionUpdate {
                plan: plan?,
                reference: reference?,
                as_at: as_at?,
                status: status?,
                progress: row.opt_string("progress"),
            };
            let key = format!("{} {} {}", u.plan, u.reference, u.as_at);
            out.action_updates.push(u);
            Some(key)
        }
        "objective_plans" => {
            let objective = req_ref(row, keys, "objectives", "objective");
            let year = row.year("year");
            let initial = row.opt_parse("risk_initial", Code::NotAllowed, RiskLevel::parse);
            let residual = row.opt_parse("risk_residual", Code::NotAllowed, RiskLevel::parse);
            let o = ObjectivePlan {
                objective: objective?,
                year: year?,
                corporate_priority: row.opt_string("corporate_priority"),
                area_of_focus: row.opt_string("area_of_focus"),
                risk_initial: initial?,
                risk_residual: residual?,
                responsible_officer: row.opt_string("responsible_officer"),
                linked_indicators: row.opt_string("linked_indicators"),
            };
            let key = format!("{} {}", o.objective, o.year);
            out.objective_plans.push(o);
            Some(key)
        }
        _ => None,
    }
}
