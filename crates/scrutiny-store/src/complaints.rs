//! Complaints records: the council's lists, cases, Stage 2 elements, compliments and learning
//! actions. Imported in one transaction with the audit trail, like the performance tables.
//! Personal data is read only through [`Store::case_personal`], which records who looked.

use chrono::NaiveDate;
use scrutiny_domain::complaint_records::*;
use scrutiny_domain::complaint_settings::Setting;
use scrutiny_domain::period::parse_date;
use sqlx::Row;

use crate::load::R;
use crate::save::{ApplySummary, P, Upsert, audit, i, ot, shown, stored, t};
use crate::{Result, Store, StoreError};

fn od(d: Option<NaiveDate>) -> P {
    P::T(d.map(|d| d.to_string()))
}
fn yes(b: bool) -> P {
    i(i64::from(b))
}

/// Every case column but the key and the personal data, in the order of [`case_row`].
const CASE_COLUMNS: [&str; 38] = [
    "kind",
    "received",
    "channel",
    "profile",
    "advocacy",
    "advocate",
    "division",
    "team",
    "category_receipt",
    "category_closure",
    "local_resolved",
    "stage1_started",
    "stage1_extended",
    "stage1_extension_reason",
    "stage1_responded",
    "stage1_outcome",
    "stage2_requested",
    "stage2_declined_reason",
    "stage2_started",
    "investigator",
    "independent_person",
    "stage2_extended",
    "stage2_extension_reason",
    "stage2_adjudicated",
    "adjudicator",
    "stage3_requested",
    "stage3_panel_held",
    "stage3_panel",
    "ombudsman_referred",
    "ombudsman_decided",
    "ombudsman_outcome",
    "withdrawn",
    "withdrawn_reason",
    "closed",
    "gender",
    "ethnicity",
    "disability",
    "age_band",
];

/// A case's key and its [`CASE_COLUMNS`] values, in order.
fn case_row(c: &Case) -> Vec<P> {
    vec![
        t(&c.reference),
        t(&c.kind),
        od(c.received),
        ot(&c.channel),
        ot(&c.profile),
        yes(c.advocacy),
        ot(&c.advocate),
        ot(&c.division),
        ot(&c.team),
        ot(&c.category_receipt),
        ot(&c.category_closure),
        od(c.local_resolved),
        od(c.stage1_started),
        yes(c.stage1_extended),
        ot(&c.stage1_extension_reason),
        od(c.stage1_responded),
        ot(&c.stage1_outcome),
        od(c.stage2_requested),
        ot(&c.stage2_declined_reason),
        od(c.stage2_started),
        ot(&c.investigator),
        ot(&c.independent_person),
        yes(c.stage2_extended),
        ot(&c.stage2_extension_reason),
        od(c.stage2_adjudicated),
        ot(&c.adjudicator),
        od(c.stage3_requested),
        od(c.stage3_panel_held),
        ot(&c.stage3_panel),
        od(c.ombudsman_referred),
        od(c.ombudsman_decided),
        ot(&c.ombudsman_outcome),
        od(c.withdrawn),
        ot(&c.withdrawn_reason),
        od(c.closed),
        ot(&c.equality.gender),
        ot(&c.equality.ethnicity),
        ot(&c.equality.disability),
        ot(&c.equality.age_band),
    ]
}

impl Store {
    /// Imports complaints records in one transaction; rows already held are updated (audited
    /// old → new), nothing else is touched.
    pub async fn apply_complaints(
        &self,
        data: &ComplaintsData,
        actor: &str,
        at: &str,
        source: &str,
    ) -> Result<ApplySummary> {
        self.upsert_complaints(data, actor, at, source, false).await
    }

    /// Records entries made by hand (an issue, a learning action, a compliment): like an import,
    /// but new rows are audited column by column too.
    pub async fn record_complaints(
        &self,
        data: &ComplaintsData,
        actor: &str,
        at: &str,
        what: &str,
    ) -> Result<ApplySummary> {
        self.upsert_complaints(data, actor, at, what, true).await
    }

    async fn upsert_complaints(
        &self,
        data: &ComplaintsData,
        actor: &str,
        at: &str,
        source: &str,
        audit_new: bool,
    ) -> Result<ApplySummary> {
        let mut tx = self.pool.begin().await?;
        let mut summary = ApplySummary::default();
        let mut u = Upsert {
            tx: &mut tx,
            summary: &mut summary,
            actor,
            at,
            audit_new,
        };
        u.rows(
            "complaint_lists",
            &["list", "code"],
            &["label", "position"],
            data.lists
                .iter()
                .map(|l| vec![t(&l.list), t(&l.code), t(&l.label), i(l.position)])
                .collect(),
        )
        .await?;
        let mut rest: Vec<&str> = CASE_COLUMNS.to_vec();
        rest.extend(["complainant_name", "child_name"]);
        u.rows(
            "complaint_cases",
            &["reference"],
            &rest,
            data.cases
                .iter()
                .map(|c| {
                    let mut row = case_row(c);
                    row.extend([ot(&c.personal.complainant_name), ot(&c.personal.child_name)]);
                    row
                })
                .collect(),
        )
        .await?;
        u.rows(
            "complaint_elements",
            &["reference", "element"],
            &["summary", "finding", "recommendation", "category"],
            data.elements
                .iter()
                .map(|e| {
                    vec![
                        t(&e.reference),
                        i(e.element),
                        t(&e.summary),
                        ot(&e.finding),
                        ot(&e.recommendation),
                        ot(&e.category),
                    ]
                })
                .collect(),
        )
        .await?;
        u.rows(
            "compliments",
            &["reference"],
            &["received", "channel", "source", "division", "team", "text"],
            data.compliments
                .iter()
                .map(|c| {
                    vec![
                        t(&c.reference),
                        od(Some(c.received)),
                        ot(&c.channel),
                        ot(&c.source),
                        ot(&c.division),
                        ot(&c.team),
                        t(&c.text),
                    ]
                })
                .collect(),
        )
        .await?;
        u.rows(
            "learning_actions",
            &["reference", "action"],
            &["owner", "due", "status"],
            data.learning_actions
                .iter()
                .map(|a| {
                    vec![
                        t(&a.reference),
                        t(&a.action),
                        ot(&a.owner),
                        od(a.due),
                        t(&a.status),
                    ]
                })
                .collect(),
        )
        .await?;
        u.rows(
            "complaint_settings",
            &["key"],
            &["value"],
            data.settings
                .iter()
                .map(|s| vec![t(&s.key), t(&s.value)])
                .collect(),
        )
        .await?;
        u.rows(
            "complaint_restatements",
            &["year", "kind"],
            &["published", "restated", "note"],
            data.restatements
                .iter()
                .map(|r| {
                    vec![
                        i(i64::from(r.year)),
                        t(&r.kind),
                        t(&r.published),
                        P::I(r.restated.and_then(|n| i64::try_from(n).ok())),
                        t(&r.note),
                    ]
                })
                .collect(),
        )
        .await?;
        u.rows(
            "complaint_action_plan",
            &["year", "action"],
            &["owner", "due"],
            data.action_plan
                .iter()
                .map(|a| vec![i(i64::from(a.year)), t(&a.action), ot(&a.owner), od(a.due)])
                .collect(),
        )
        .await?;
        u.rows(
            "complaint_caseloads",
            &["year"],
            &["open_cases"],
            data.caseloads
                .iter()
                .map(|c| vec![i(i64::from(c.year)), P::I(i64::try_from(c.open_cases).ok())])
                .collect(),
        )
        .await?;
        let detail: Vec<String> = summary
            .changed
            .iter()
            .map(|(table, n)| format!("{table}: {n}"))
            .collect();
        audit(
            &mut tx,
            at,
            actor,
            if audit_new {
                "record complaints entry"
            } else {
                "import complaints"
            },
            source,
            &detail.join(", "),
        )
        .await?;
        tx.commit().await?;
        Ok(summary)
    }

    /// Everything but personal data: what reports and worklists are made from.
    pub async fn load_complaints(&self) -> Result<ComplaintsData> {
        let mut out = ComplaintsData::default();
        for row in sqlx::query("SELECT list, code, label, position FROM complaint_lists")
            .fetch_all(&self.pool)
            .await?
        {
            let r = R {
                row: &row,
                table: "complaint_lists",
            };
            out.lists.push(ListItem {
                list: r.s("list")?,
                code: r.s("code")?,
                label: r.s("label")?,
                position: r.i("position")?,
            });
        }
        let sql = format!(
            "SELECT reference, {} FROM complaint_cases ORDER BY received, reference",
            CASE_COLUMNS.join(", ")
        );
        for row in sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_all(&self.pool)
            .await?
        {
            let r = R {
                row: &row,
                table: "complaint_cases",
            };
            let d = |c: &str| r.oparse(c, parse_date);
            out.cases.push(Case {
                reference: r.s("reference")?,
                kind: r.s("kind")?,
                received: d("received")?,
                channel: r.os("channel")?,
                profile: r.os("profile")?,
                advocacy: r.i("advocacy")? != 0,
                advocate: r.os("advocate")?,
                division: r.os("division")?,
                team: r.os("team")?,
                category_receipt: r.os("category_receipt")?,
                category_closure: r.os("category_closure")?,
                local_resolved: d("local_resolved")?,
                stage1_started: d("stage1_started")?,
                stage1_extended: r.i("stage1_extended")? != 0,
                stage1_extension_reason: r.os("stage1_extension_reason")?,
                stage1_responded: d("stage1_responded")?,
                stage1_outcome: r.os("stage1_outcome")?,
                stage2_requested: d("stage2_requested")?,
                stage2_declined_reason: r.os("stage2_declined_reason")?,
                stage2_started: d("stage2_started")?,
                investigator: r.os("investigator")?,
                independent_person: r.os("independent_person")?,
                stage2_extended: r.i("stage2_extended")? != 0,
                stage2_extension_reason: r.os("stage2_extension_reason")?,
                stage2_adjudicated: d("stage2_adjudicated")?,
                adjudicator: r.os("adjudicator")?,
                stage3_requested: d("stage3_requested")?,
                stage3_panel_held: d("stage3_panel_held")?,
                stage3_panel: r.os("stage3_panel")?,
                ombudsman_referred: d("ombudsman_referred")?,
                ombudsman_decided: d("ombudsman_decided")?,
                ombudsman_outcome: r.os("ombudsman_outcome")?,
                withdrawn: d("withdrawn")?,
                withdrawn_reason: r.os("withdrawn_reason")?,
                closed: d("closed")?,
                equality: Equality {
                    gender: r.os("gender")?,
                    ethnicity: r.os("ethnicity")?,
                    disability: r.os("disability")?,
                    age_band: r.os("age_band")?,
                },
                personal: Personal::default(),
            });
        }
        for row in sqlx::query(
            "SELECT reference, element, summary, finding, recommendation, category FROM complaint_elements ORDER BY reference, element",
        )
        .fetch_all(&self.pool)
        .await?
        {
            let r = R {
                row: &row,
                table: "complaint_elements",
            };
            out.elements.push(Element {
                reference: r.s("reference")?,
                element: r.i("element")?,
                summary: r.s("summary")?,
                finding: r.os("finding")?,
                recommendation: r.os("recommendation")?,
                category: r.os("category")?,
            });
        }
        for row in sqlx::query(
            "SELECT reference, received, channel, source, division, team, text FROM compliments ORDER BY received, reference",
        )
        .fetch_all(&self.pool)
        .await?
        {
            let r = R {
                row: &row,
                table: "compliments",
            };
            out.compliments.push(Compliment {
                reference: r.s("reference")?,
                received: r.parse("received", parse_date)?,
                channel: r.os("channel")?,
                source: r.os("source")?,
                division: r.os("division")?,
                team: r.os("team")?,
                text: r.s("text")?,
            });
        }
        for row in sqlx::query(
            "SELECT reference, action, owner, due, status FROM learning_actions ORDER BY reference, action",
        )
        .fetch_all(&self.pool)
        .await?
        {
            let r = R {
                row: &row,
                table: "learning_actions",
            };
            out.learning_actions.push(LearningAction {
                reference: r.s("reference")?,
                action: r.s("action")?,
                owner: r.os("owner")?,
                due: r.oparse("due", parse_date)?,
                status: r.s("status")?,
            });
        }
        for row in sqlx::query("SELECT key, value FROM complaint_settings ORDER BY key")
            .fetch_all(&self.pool)
            .await?
        {
            let r = R {
                row: &row,
                table: "complaint_settings",
            };
            out.settings.push(Setting {
                key: r.s("key")?,
                value: r.s("value")?,
            });
        }
        for row in sqlx::query(
            "SELECT year, kind, published, restated, note FROM complaint_restatements ORDER BY year, kind",
        )
        .fetch_all(&self.pool)
        .await?
        {
            let r = R {
                row: &row,
                table: "complaint_restatements",
            };
            out.restatements.push(Restatement {
                year: r.year()?.0,
                kind: r.s("kind")?,
                published: r.s("published")?,
                restated: r.oi("restated")?.and_then(|n| u64::try_from(n).ok()),
                note: r.s("note")?,
            });
        }
        for row in sqlx::query(
            "SELECT year, action, owner, due FROM complaint_action_plan ORDER BY year, due, action",
        )
        .fetch_all(&self.pool)
        .await?
        {
            let r = R {
                row: &row,
                table: "complaint_action_plan",
            };
            out.action_plan.push(PlanAction {
                year: r.year()?.0,
                action: r.s("action")?,
                owner: r.os("owner")?,
                due: r.oparse("due", parse_date)?,
            });
        }
        for row in sqlx::query("SELECT year, open_cases FROM complaint_caseloads ORDER BY year")
            .fetch_all(&self.pool)
            .await?
        {
            let r = R {
                row: &row,
                table: "complaint_caseloads",
            };
            out.caseloads.push(Caseload {
                year: r.year()?.0,
                open_cases: u64::try_from(r.i("open_cases")?).unwrap_or(0),
            });
        }
        Ok(out)
    }

    /// Records a new case; refused if the reference is taken.
    pub async fn add_case(&self, case: &Case, actor: &str, at: &str) -> Result<()> {
        let exists: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM complaint_cases WHERE reference = $1")
                .bind(case.reference.clone())
                .fetch_optional(&self.pool)
                .await?;
        if exists.is_some() {
            return Err(crate::StoreError::Refused(format!(
                "there is already a case '{}'; choose another reference",
                case.reference
            )));
        }
        let data = ComplaintsData {
            cases: vec![case.clone()],
            ..Default::default()
        };
        self.apply_complaints(
            &data,
            actor,
            at,
            &format!("case {} recorded", case.reference),
        )
        .await?;
        Ok(())
    }

    /// Stores a recorded step: `new` replaces `old` (what the step was decided on) in one
    /// transaction, every changed column audited old → new, and the step itself audited with who,
    /// when and why. Refused as a conflict if the case changed since `old` was read.
    pub async fn update_case(
        &self,
        old: &Case,
        new: &Case,
        step: &str,
        why: &str,
        actor: &str,
        at: &str,
    ) -> Result<()> {
        let reference = &old.reference;
        let mut tx = self.pool.begin().await?;
        let sql = format!(
            "SELECT {} FROM complaint_cases WHERE reference = $1",
            CASE_COLUMNS.join(", ")
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(reference.clone())
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| StoreError::Refused(format!("there is no case '{reference}'")))?;
        let expected = case_row(old);
        for (n, p) in expected[1..].iter().enumerate() {
            if stored(&row, n, p)? != shown(p) {
                return Err(StoreError::Conflict(format!(
                    "case {reference} was changed by someone else while you were looking at it; \
                     look at the case again and record the step if it is still needed"
                )));
            }
        }
        let mut summary = ApplySummary::default();
        Upsert {
            tx: &mut tx,
            summary: &mut summary,
            actor,
            at,
            audit_new: false,
        }
        .rows(
            "complaint_cases",
            &["reference"],
            &CASE_COLUMNS,
            vec![case_row(new)],
        )
        .await?;
        audit(&mut tx, at, actor, step, &format!("case {reference}"), why).await?;
        tx.commit().await?;
        Ok(())
    }

    /// A case's personal data. Every look is written to the audit trail (who, when, which case).
    pub async fn case_personal(
        &self,
        reference: &str,
        actor: &str,
        at: &str,
        why: &str,
    ) -> Result<Option<Personal>> {
        let mut tx = self.pool.begin().await?;
        let row = sqlx::query(
            "SELECT complainant_name, child_name FROM complaint_cases WHERE reference = $1",
        )
        .bind(reference.to_string())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else { return Ok(None) };
        audit(
            &mut tx,
            at,
            actor,
            "view personal data",
            &format!("case {reference}"),
            why,
        )
        .await?;
        tx.commit().await?;
        Ok(Some(Personal {
            complainant_name: row.try_get(0)?,
            child_name: row.try_get(1)?,
        }))
    }

    /// Erases personal data from cases closed (or, failing that, received) before `before`;
    /// the figures stay. Returns how many cases were anonymised; audited.
    pub async fn anonymise_cases_before(
        &self,
        before: NaiveDate,
        actor: &str,
        at: &str,
    ) -> Result<u64> {
        let mut tx = self.pool.begin().await?;
        let n = sqlx::query(
            "UPDATE complaint_cases SET complainant_name = NULL, child_name = NULL, anonymised_at = $2
             WHERE anonymised_at IS NULL AND COALESCE(closed, received) < $1",
        )
        .bind(before.to_string())
        .bind(at.to_string())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        audit(
            &mut tx,
            at,
            actor,
            "anonymise cases",
            "complaint_cases",
            &format!("{n} case(s) closed before {before}: names erased, figures kept"),
        )
        .await?;
        tx.commit().await?;
        Ok(n)
    }
}
