//! Applying an imported dataset: every row upserted on its natural key, all in one transaction.
//! Rows that already hold the same values are not touched, so re-importing a file changes nothing
//! and the summary says so.

use scrutiny_domain::Dataset;
use scrutiny_domain::figure::Figure;
use scrutiny_domain::period::{FinancialYear, Period, Quarter};
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, Transaction};

use crate::{Result, Store, StoreError};

/// One bound value. The `Any` driver carries text and integers to both backends.
pub(crate) enum P {
    T(Option<String>),
    I(Option<i64>),
}

pub(crate) fn t(s: &str) -> P {
    P::T(Some(s.to_string()))
}
pub(crate) fn ot(s: &Option<String>) -> P {
    P::T(s.clone())
}
pub(crate) fn i(n: i64) -> P {
    P::I(Some(n))
}
fn year(y: FinancialYear) -> P {
    P::I(Some(i64::from(y.0)))
}
fn quarter(q: Option<Quarter>) -> P {
    P::I(Some(q.map_or(0, |q| i64::from(q.number()))))
}
fn fig(f: &Figure) -> P {
    P::T(Some(f.to_entry()))
}
fn dec(d: Option<rust_decimal::Decimal>) -> P {
    P::T(d.map(|d| d.to_string()))
}
fn period(p: Period) -> [P; 2] {
    [year(p.year), quarter(Some(p.quarter))]
}

/// What an import changed, per table: rows inserted or updated (unchanged rows are not counted).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApplySummary {
    pub changed: Vec<(&'static str, u64)>,
}

impl ApplySummary {
    pub fn total_changed(&self) -> u64 {
        self.changed.iter().map(|(_, n)| n).sum()
    }
}

/// `INSERT … ON CONFLICT (key) DO UPDATE … WHERE something differs`, written once for every table.
fn upsert_sql(table: &str, key: &[&str], rest: &[&str]) -> String {
    let cols: Vec<&str> = key.iter().chain(rest).copied().collect();
    let params: Vec<String> = (1..=cols.len()).map(|n| format!("${n}")).collect();
    let mut sql = format!(
        "INSERT INTO {table} ({}) VALUES ({}) ON CONFLICT ({}) ",
        cols.join(", "),
        params.join(", "),
        key.join(", ")
    );
    if rest.is_empty() {
        sql.push_str("DO NOTHING");
    } else {
        let set: Vec<String> = rest.iter().map(|c| format!("{c} = excluded.{c}")).collect();
        let differs: Vec<String> = rest
            .iter()
            .map(|c| format!("{table}.{c} IS DISTINCT FROM excluded.{c}"))
            .collect();
        sql.push_str(&format!(
            "DO UPDATE SET {} WHERE {}",
            set.join(", "),
            differs.join(" OR ")
        ));
    }
    sql
}

pub(crate) struct Upsert<'t, 'c> {
    pub tx: &'t mut Transaction<'c, Any>,
    pub summary: &'t mut ApplySummary,
    pub actor: &'t str,
    pub at: &'t str,
    pub audit_new: bool,
}

fn bind<'q>(q: Query<'q, Any, AnyArguments>, p: &P) -> Query<'q, Any, AnyArguments> {
    match p {
        P::T(v) => q.bind(v.clone()),
        P::I(v) => q.bind(*v),
    }
}

pub(crate) fn shown(p: &P) -> Option<String> {
    match p {
        P::T(v) => v.clone(),
        P::I(v) => v.map(|n| n.to_string()),
    }
}

/// The stored value of column `i`, read as the same kind as the value replacing it.
pub(crate) fn stored(row: &sqlx::any::AnyRow, i: usize, like: &P) -> Result<Option<String>> {
    use sqlx::Row;
    Ok(match like {
        P::T(_) => row.try_get::<Option<String>, _>(i)?,
        P::I(_) => row.try_get::<Option<i64>, _>(i)?.map(|n| n.to_string()),
    })
}

impl Upsert<'_, '_> {
    /// Upserts every row. A row that replaces different stored values is written to the audit
    /// trail column by column (old → new), so nothing is overwritten silently.
    pub(crate) async fn rows(
        &mut self,
        table: &'static str,
        key: &[&str],
        rest: &[&str],
        rows: Vec<Vec<P>>,
    ) -> Result<()> {
        // Both statements are built only from the fixed table and column names above, never from
        // user input.
        let sql = upsert_sql(table, key, rest);
        let conditions: Vec<String> = key
            .iter()
            .enumerate()
            .map(|(i, k)| format!("{k} = ${}", i + 1))
            .collect();
        let select = format!(
            "SELECT {} FROM {table} WHERE {}",
            rest.join(", "),
            conditions.join(" AND ")
        );
        let mut changed = 0;
        for row in rows {
            // A row must bind exactly its columns, or values would land in the wrong ones.
            if row.len() != key.len() + rest.len() {
                return Err(StoreError::Refused(format!(
                    "internal error: {table} row has {} values for {} columns",
                    row.len(),
                    key.len() + rest.len()
                )));
            }
            let old = if rest.is_empty() {
                None
            } else {
                let mut q = sqlx::query(sqlx::AssertSqlSafe(select.clone()));
                for p in &row[..key.len()] {
                    q = bind(q, p);
                }
                q.fetch_optional(&mut **self.tx).await?
            };
            let mut differences = Vec::new();
            if old.is_none() && self.audit_new {
                for (i, column) in rest.iter().enumerate() {
                    if let Some(v) = shown(&row[key.len() + i]) {
                        differences.push(format!("{column}: (none) -> {v}"));
                    }
                }
            }
            if let Some(old) = &old {
                for (i, column) in rest.iter().enumerate() {
                    let new = &row[key.len() + i];
                    let before = stored(old, i, new)?;
                    let after = shown(new);
                    if before != after {
                        let show = |v: Option<String>| v.unwrap_or_else(|| "(blank)".into());
                        differences.push(format!("{column}: {} -> {}", show(before), show(after)));
                    }
                }
            }
            let entity = format!(
                "{table} {}",
                row[..key.len()]
                    .iter()
                    .map(|p| shown(p).unwrap_or_default())
                    .collect::<Vec<_>>()
                    .join(" / ")
            );
            let mut q: Query<'_, Any, AnyArguments> = sqlx::query(sqlx::AssertSqlSafe(sql.clone()));
            for p in &row {
                q = bind(q, p);
            }
            changed += q.execute(&mut **self.tx).await?.rows_affected();
            if !differences.is_empty() {
                audit(
                    self.tx,
                    self.at,
                    self.actor,
                    if old.is_some() { "update" } else { "insert" },
                    &entity,
                    &differences.join("; "),
                )
                .await?;
            }
        }
        self.summary.changed.push((table, changed));
        Ok(())
    }
}

pub(crate) async fn audit(
    tx: &mut Transaction<'_, Any>,
    at: &str,
    actor: &str,
    action: &str,
    entity: &str,
    detail: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (at, actor, action, entity, detail) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(at.to_string())
    .bind(actor.to_string())
    .bind(action.to_string())
    .bind(entity.to_string())
    .bind(detail.to_string())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

impl Store {
    /// Applies an import in one transaction; on any error nothing is kept. `actor` and `at` are
    /// written to the audit trail (the clock is read by the caller, not here).
    pub async fn apply(
        &self,
        data: &Dataset,
        actor: &str,
        at: &str,
        source: &str,
    ) -> Result<ApplySummary> {
        let mut tx = self.pool.begin().await?;
        let summary = apply_in(
            &mut tx,
            data,
            Applied {
                actor,
                at,
                action: "import",
                source,
                audit_new: false,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(summary)
    }
}

/// Who applies a dataset, when, as what (`import`, `approve return`) and from where.
pub(crate) struct Applied<'a> {
    pub actor: &'a str,
    pub at: &'a str,
    pub action: &'a str,
    pub source: &'a str,
    pub audit_new: bool,
}

/// Applies a dataset inside the caller's transaction. With `audit_new`, rows that did not exist
/// before are written to the audit trail too (a return's figures), not only the ones replaced.
pub(crate) async fn apply_in(
    tx: &mut Transaction<'_, Any>,
    data: &Dataset,
    how: Applied<'_>,
) -> Result<ApplySummary> {
    let Applied {
        actor,
        at,
        action,
        source,
        audit_new,
    } = how;
    // A decided revision is history: the domain says whether an import may replace it.
    crate::decide::check_revisions(tx, &data.target_revisions).await?;
    let mut summary = ApplySummary::default();
    let mut u = Upsert {
        tx,
        summary: &mut summary,
        actor,
        at,
        audit_new,
    };

    u.rows(
        "boards",
        &["code"],
        &["name"],
        data.boards
            .iter()
            .map(|b| vec![t(&b.code), t(&b.name)])
            .collect(),
    )
    .await?;
    u.rows(
        "departments",
        &["code"],
        &[
            "name",
            "board",
            "directorate",
            "director_initials",
            "director_name",
            "director_title",
        ],
        data.departments
            .iter()
            .map(|d| {
                vec![
                    t(&d.code),
                    t(&d.name),
                    t(&d.board),
                    ot(&d.directorate),
                    ot(&d.director_initials),
                    ot(&d.director_name),
                    ot(&d.director_title),
                ]
            })
            .collect(),
    )
    .await?;
    u.rows(
        "priorities",
        &["code"],
        &["board", "title", "position", "note"],
        data.priorities
            .iter()
            .map(|p| {
                vec![
                    t(&p.code),
                    t(&p.board),
                    t(&p.title),
                    i(p.position),
                    ot(&p.note),
                ]
            })
            .collect(),
    )
    .await?;
    u.rows(
        "rag_rules",
        &["code"],
        &["method", "amber_band", "band_unit", "description"],
        data.rag_rules
            .iter()
            .map(|r| {
                let unit = match r.rule.band_unit {
                    scrutiny_domain::BandUnit::Percent => "percent",
                    scrutiny_domain::BandUnit::Absolute => "absolute",
                };
                vec![
                    t(&r.code),
                    t(r.rule.method.code()),
                    t(&r.rule.amber_band.to_string()),
                    t(unit),
                    t(&r.description),
                ]
            })
            .collect(),
    )
    .await?;
    u.rows(
        "symbol_labels",
        &["applies_to", "state"],
        &["label", "description"],
        data.symbol_labels
            .iter()
            .map(|l| {
                vec![
                    t(l.applies_to.code()),
                    t(&l.state),
                    t(&l.label),
                    t(&l.description),
                ]
            })
            .collect(),
    )
    .await?;
    u.rows(
        "objectives",
        &["reference"],
        &["department", "title"],
        data.objectives
            .iter()
            .map(|o| vec![t(&o.reference), t(&o.department), ot(&o.title)])
            .collect(),
    )
    .await?;
    u.rows(
        "milestones",
        &["code"],
        &[
            "objective",
            "year",
            "priority",
            "is_key",
            "text",
            "position",
        ],
        data.milestones
            .iter()
            .map(|m| {
                vec![
                    t(&m.code),
                    t(&m.objective),
                    year(m.year),
                    ot(&m.priority),
                    i(i64::from(m.key)),
                    t(&m.text),
                    i(m.position),
                ]
            })
            .collect(),
    )
    .await?;
    u.rows(
        "indicators",
        &["code"],
        &[
            "refs",
            "description",
            "department",
            "priority",
            "is_key",
            "polarity",
            "unit",
            "decimals",
            "rag_rule",
            "same_band",
            "position",
        ],
        data.indicators
            .iter()
            .map(|x| {
                vec![
                    t(&x.code),
                    t(&x.refs),
                    t(&x.description),
                    t(&x.department),
                    ot(&x.priority),
                    i(i64::from(x.key)),
                    t(x.polarity.code()),
                    t(x.unit.code()),
                    P::I(x.decimals.map(i64::from)),
                    t(&x.rag_rule),
                    t(&x.same_band.to_string()),
                    i(x.position),
                ]
            })
            .collect(),
    )
    .await?;
    u.rows(
        "indicator_years",
        &["indicator", "year"],
        &[
            "department",
            "priority",
            "is_key",
            "refs",
            "description",
            "position",
        ],
        data.indicator_years
            .iter()
            .map(|y| {
                vec![
                    t(&y.indicator),
                    year(y.year),
                    t(&y.department),
                    ot(&y.priority),
                    i(i64::from(y.key)),
                    ot(&y.refs),
                    ot(&y.description),
                    i(y.position),
                ]
            })
            .collect(),
    )
    .await?;
    u.rows(
        "targets",
        &["indicator", "year", "quarter"],
        &["target", "original_target"],
        data.targets
            .iter()
            .map(|x| {
                vec![
                    t(&x.indicator),
                    year(x.year),
                    quarter(x.quarter),
                    fig(&x.target),
                    P::T(x.original.as_ref().map(Figure::to_entry)),
                ]
            })
            .collect(),
    )
    .await?;
    u.rows(
        "indicator_values",
        &["indicator", "year", "quarter"],
        &[
            "value",
            "status",
            "rag_override",
            "override_reason",
            "commentary",
            "initials",
        ],
        data.values
            .iter()
            .map(|v| {
                vec![
                    t(&v.indicator),
                    year(v.year),
                    quarter(v.quarter),
                    fig(&v.value),
                    P::T(v.status.map(|s| s.code().to_string())),
                    P::T(v.rag_override.as_ref().map(|o| o.rag.code().to_string())),
                    P::T(v.rag_override.as_ref().map(|o| o.reason.clone())),
                    ot(&v.commentary),
                    ot(&v.initials),
                ]
            })
            .collect(),
    )
    .await?;
    u.rows(
        "milestone_progress",
        &["milestone", "year", "quarter"],
        &["progress", "commentary", "initials", "basis"],
        data.milestone_progress
            .iter()
            .map(|m| {
                let [y, q] = period(m.period);
                vec![
                    t(&m.milestone),
                    y,
                    q,
                    t(m.progress.code()),
                    ot(&m.commentary),
                    ot(&m.initials),
                    ot(&m.basis),
                ]
            })
            .collect(),
    )
    .await?;
    u.rows(
        "commentary",
        &[
            "year",
            "quarter",
            "board",
            "department",
            "section",
            "position",
        ],
        &["priority", "theme", "title", "text", "initials"],
        data.commentary
            .iter()
            .map(|c| {
                let [y, q] = period(c.period);
                vec![
                    y,
                    q,
                    t(c.board.as_deref().unwrap_or("")),
                    t(c.department.as_deref().unwrap_or("")),
                    t(c.section.code()),
                    i(c.position),
                    ot(&c.priority),
                    ot(&c.theme),
                    ot(&c.title),
                    t(&c.text),
                    ot(&c.initials),
                ]
            })
            .collect(),
    )
    .await?;
    u.rows(
        "budget_lines",
        &["department", "year", "quarter", "grp", "line"],
        &[
            "as_at",
            "position",
            "annual_budget",
            "budget_to_date",
            "expenditure_to_date",
        ],
        data.budget_lines
            .iter()
            .map(|b| {
                let [y, q] = period(b.period);
                vec![
                    t(&b.department),
                    y,
                    q,
                    t(b.line.group.code()),
                    t(&b.line.name),
                    t(&b.as_at.to_string()),
                    i(b.position),
                    dec(b.line.annual_budget),
                    dec(b.line.budget_to_date),
                    dec(b.line.expenditure_to_date),
                ]
            })
            .collect(),
    )
    .await?;
    u.rows(
        "benchmarks",
        &["indicator", "year"],
        &[
            "top_quartile",
            "bottom_quartile",
            "national",
            "statistical_neighbours",
            "note",
        ],
        data.benchmarks
            .iter()
            .map(|b| {
                vec![
                    t(&b.indicator),
                    year(b.year),
                    dec(b.top_quartile),
                    dec(b.bottom_quartile),
                    dec(b.national),
                    dec(b.statistical_neighbours),
                    ot(&b.note),
                ]
            })
            .collect(),
    )
    .await?;
    u.rows(
        "risks",
        &[
            "department",
            "year",
            "quarter",
            "reference",
            "control_measure",
        ],
        &["risk", "target", "progress", "commentary", "position"],
        data.risks
            .iter()
            .map(|r| {
                let [y, q] = period(r.period);
                vec![
                    t(&r.department),
                    y,
                    q,
                    t(&r.reference),
                    t(&r.control_measure),
                    t(&r.risk),
                    ot(&r.target),
                    t(r.progress.code()),
                    ot(&r.commentary),
                    i(r.position),
                ]
            })
            .collect(),
    )
    .await?;
    u.rows(
        "equality_actions",
        &["department", "year", "quarter", "action"],
        &["target", "progress", "commentary", "position"],
        data.equality_actions
            .iter()
            .map(|e| {
                let [y, q] = period(e.period);
                vec![
                    t(&e.department),
                    y,
                    q,
                    t(&e.action),
                    ot(&e.target),
                    t(e.progress.code()),
                    ot(&e.commentary),
                    i(e.position),
                ]
            })
            .collect(),
    )
    .await?;

    u.rows(
        "strategies",
        &["code"],
        &["title", "board", "from_year", "to_year"],
        data.strategies
            .iter()
            .map(|x| {
                vec![
                    t(&x.code),
                    t(&x.title),
                    t(&x.board),
                    year(x.from_year),
                    year(x.to_year),
                ]
            })
            .collect(),
    )
    .await?;
    u.rows(
        "strategy_measures",
        &["strategy", "reference"],
        &["indicator", "descriptor", "position"],
        data.strategy_measures
            .iter()
            .map(|m| {
                vec![
                    t(&m.strategy),
                    t(&m.reference),
                    t(&m.indicator),
                    t(&m.descriptor),
                    i(m.position),
                ]
            })
            .collect(),
    )
    .await?;
    u.rows(
        "measure_commentary",
        &["strategy", "reference", "year", "quarter", "kind"],
        &["text"],
        data.measure_commentary
            .iter()
            .map(|c| {
                let [y, q] = period(c.period);
                vec![
                    t(&c.strategy),
                    t(&c.reference),
                    y,
                    q,
                    t(c.kind.code()),
                    t(&c.text),
                ]
            })
            .collect(),
    )
    .await?;
    u.rows(
        "target_revisions",
        &["indicator", "year", "review"],
        &[
            "previous",
            "proposed",
            "rationale",
            "proposed_by",
            "proposed_on",
            "decision",
            "decided_by",
            "decided_on",
        ],
        data.target_revisions
            .iter()
            .map(|r| {
                vec![
                    t(&r.indicator),
                    year(r.year),
                    t(&r.review),
                    fig(&r.previous),
                    fig(&r.proposed),
                    ot(&r.rationale),
                    ot(&r.proposed_by),
                    P::T(r.proposed_on.map(|d| d.to_string())),
                    t(r.decision.code()),
                    ot(&r.decided_by),
                    P::T(r.decided_on.map(|d| d.to_string())),
                ]
            })
            .collect(),
    )
    .await?;
    u.rows(
        "action_plans",
        &["code"],
        &["title", "board", "source"],
        data.action_plans
            .iter()
            .map(|p| vec![t(&p.code), t(&p.title), t(&p.board), ot(&p.source)])
            .collect(),
    )
    .await?;
    u.rows(
        "actions",
        &["plan", "reference"],
        &[
            "requirement",
            "action",
            "by_whom",
            "timescale",
            "due",
            "links",
            "position",
        ],
        data.actions
            .iter()
            .map(|a| {
                vec![
                    t(&a.plan),
                    t(&a.reference),
                    t(&a.requirement),
                    t(&a.action),
                    ot(&a.by_whom),
                    ot(&a.timescale),
                    P::T(a.due.map(|d| d.to_string())),
                    t(&a.links.join(";")),
                    i(a.position),
                ]
            })
            .collect(),
    )
    .await?;
    u.rows(
        "action_updates",
        &["plan", "reference", "as_at"],
        &["status", "progress"],
        data.action_updates
            .iter()
            .map(|x| {
                vec![
                    t(&x.plan),
                    t(&x.reference),
                    t(&x.as_at.to_string()),
                    t(x.status.code()),
                    ot(&x.progress),
                ]
            })
            .collect(),
    )
    .await?;
    u.rows(
        "objective_plans",
        &["objective", "year"],
        &[
            "corporate_priority",
            "area_of_focus",
            "risk_initial",
            "risk_residual",
            "responsible_officer",
            "linked_indicators",
        ],
        data.objective_plans
            .iter()
            .map(|o| {
                vec![
                    t(&o.objective),
                    year(o.year),
                    ot(&o.corporate_priority),
                    ot(&o.area_of_focus),
                    P::T(o.risk_initial.map(|r| r.label().to_string())),
                    P::T(o.risk_residual.map(|r| r.label().to_string())),
                    ot(&o.responsible_officer),
                    ot(&o.linked_indicators),
                ]
            })
            .collect(),
    )
    .await?;

    let detail: Vec<String> = summary
        .changed
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(table, n)| format!("{table}: {n}"))
        .collect();
    let detail = if detail.is_empty() {
        "no changes".to_string()
    } else {
        detail.join(", ")
    };
    audit(tx, at, actor, action, source, &detail).await?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::upsert_sql;

    #[test]
    fn upsert_only_updates_rows_that_differ() {
        let sql = upsert_sql("boards", &["code"], &["name"]);
        assert_eq!(
            sql,
            "INSERT INTO boards (code, name) VALUES ($1, $2) ON CONFLICT (code) DO UPDATE SET name = excluded.name \
             WHERE boards.name IS DISTINCT FROM excluded.name"
        );
    }
}
