//! What each subcommand does.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use scrutiny_domain::{Dataset, FinancialYear, Period};
use scrutiny_report::document::Document;
use scrutiny_store::Store;

use crate::Format;
use crate::clock;

/// The embedded default: a SQLite file in the current folder.
pub const DEFAULT_DB: &str = "sqlite://scrutiny.db";

use scrutiny_import::SAMPLE_SETS;

pub async fn open(db: Option<String>) -> Result<Store> {
    let url = db.unwrap_or_else(|| DEFAULT_DB.to_string());
    Store::open(&url)
        .await
        .with_context(|| format!("cannot open the database {url}"))
}

/// Imports one set in one transaction, printing what changed.
async fn import_one(store: &Store, path: &Path, options: scrutiny_import::Options) -> Result<()> {
    let known = store.known().await?;
    let data = scrutiny_import::read_set_with(path, &known, options)
        .map_err(|e| anyhow!("{}:\n{e}", path.display()))?;
    let rows: usize = data.counts().iter().map(|(_, n)| n).sum();
    let summary = store
        .apply(
            &data,
            &clock::actor(),
            &clock::now_stamp(),
            &path.display().to_string(),
        )
        .await?;
    let changed = summary.describe();
    println!(
        "Imported {}: {rows} rows read, {} changed{}",
        path.display(),
        summary.total_changed(),
        if changed.is_empty() {
            " (already up to date)".to_string()
        } else {
            format!(" ({})", changed.join("; "))
        }
    );
    Ok(())
}

pub async fn import(
    db: Option<String>,
    paths: &[PathBuf],
    options: scrutiny_import::Options,
) -> Result<()> {
    let store = open(db).await?;
    for p in paths {
        import_one(&store, p, options).await?;
    }
    Ok(())
}

pub fn template(out: &Path) -> Result<()> {
    let files = scrutiny_import::template::write_templates(out).map_err(|e| anyhow!(e))?;
    println!("Wrote {} template files to {}:", files.len(), out.display());
    for f in files {
        println!("  {}", f.display());
    }
    println!(
        "The columns are described in the workbook's README sheet and in docs/import-format.md."
    );
    Ok(())
}

pub fn parse_period(text: &str) -> Result<Period> {
    Period::parse(text).map_err(|e| anyhow!("{e}"))
}

pub(crate) fn produced_on() -> String {
    scrutiny_domain::period::long_date(clock::today())
}

/// Writes a document in each format; returns the files written.
pub(crate) fn write_document(
    doc: &Document,
    formats: &[Format],
    out: &Path,
) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let mut written = Vec::new();
    for f in formats {
        // One renderer for the command line and the web application.
        let web = match f {
            Format::Html => scrutiny_web::render::Format::Html,
            Format::Pdf => scrutiny_web::render::Format::Pdf,
            Format::Docx => scrutiny_web::render::Format::Docx,
            Format::Xlsx => scrutiny_web::render::Format::Xlsx,
            Format::Csv => {
                written.extend(
                    scrutiny_report::tables::write_csvs(doc, out, &doc.slug)
                        .map_err(|e| anyhow!(e))?,
                );
                continue;
            }
        };
        let path = out.join(format!("{}.{}", doc.slug, web.ext()));
        let bytes = scrutiny_web::render::render(doc, web)
            .map_err(|e| anyhow!("{}: {e}", path.display()))?;
        std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
        written.push(path);
    }
    for p in &written {
        println!("  wrote {}", p.display());
    }
    if !doc.diagnostics.is_empty() {
        println!(
            "  {} data note(s) printed at the end of the report, e.g.: {}",
            doc.diagnostics.len(),
            doc.diagnostics[0]
        );
    }
    // The publish-time checks are said in full: each is something to put right first.
    let check = scrutiny_report::checks::CHECK;
    for c in doc.diagnostics.iter().filter(|d| d.starts_with(check)) {
        println!("  {c}");
    }
    Ok(written)
}

/// Which report to produce, with its arguments already checked.
pub enum Request {
    Pbr {
        board: String,
        period: Period,
    },
    Qmr {
        department: String,
        period: Period,
    },
    Strategy {
        strategy: String,
        period: Period,
    },
    ActionPlan {
        plan: String,
        as_at: Option<chrono::NaiveDate>,
    },
    BusinessPlan {
        board: String,
        from: FinancialYear,
    },
}

impl Request {
    fn build(&self, data: &Dataset, today: &str) -> Result<Document> {
        use scrutiny_report::performance::{pbr, qmr};
        use scrutiny_report::plans::{action_plan, business_plan, strategy};
        Ok(match self {
            Request::Pbr { board, period } => {
                pbr::priority_based_report(data, board, *period, today)?
            }
            Request::Qmr { department, period } => {
                qmr::quarterly_monitoring_report(data, department, *period, today)?
            }
            Request::Strategy { strategy, period } => {
                strategy::strategy_progress_report(data, strategy, *period, today)?
            }
            Request::ActionPlan { plan, as_at } => {
                action_plan::action_plan_report(data, plan, *as_at, today)?
            }
            Request::BusinessPlan { board, from } => {
                business_plan::business_plan_report(data, board, *from, today)?
            }
        })
    }
}

/// Builds a report, says which, and writes it in each format; returns the files written.
fn publish(
    data: &Dataset,
    request: &Request,
    today: &str,
    formats: &[Format],
    out: &Path,
) -> Result<Vec<PathBuf>> {
    let doc = request.build(data, today)?;
    println!(
        "{} – {}",
        doc.title,
        doc.subtitle.clone().unwrap_or_default()
    );
    write_document(&doc, formats, out)
}

pub async fn report(
    db: Option<String>,
    request: Request,
    formats: &[Format],
    out: &Path,
) -> Result<()> {
    let data = open(db).await?.load().await?;
    publish(&data, &request, &produced_on(), formats, out)?;
    Ok(())
}

pub async fn decide_revision(
    db: Option<String>,
    indicator: &str,
    year: &str,
    review: &str,
    decision: &str,
    by: &str,
    on: Option<&str>,
) -> Result<()> {
    let err = |e: scrutiny_domain::DomainError| anyhow!("{e}");
    let decision = scrutiny_domain::plans::Decision::parse(decision).map_err(err)?;
    let decided_on = match on {
        Some(d) => scrutiny_domain::period::parse_date(d).map_err(err)?,
        None => clock::today(),
    };
    let year = FinancialYear::parse(year).map_err(err)?;
    let store = open(db).await?;
    let d = scrutiny_store::RevisionDecision {
        indicator,
        year,
        review,
        decision,
        decided_by: by,
        decided_on,
    };
    store
        .decide_revision(&d, &clock::actor(), &clock::now_stamp())
        .await?;
    println!(
        "Recorded: the revision of {indicator}'s {year} target is {} ({by}, {decided_on}).",
        decision.code()
    );
    Ok(())
}

pub async fn audit(db: Option<String>, limit: i64) -> Result<()> {
    let store = open(db).await?;
    for e in store.audit_log(limit).await? {
        println!(
            "{}  {}  {}  {}  {}",
            e.at, e.actor, e.action, e.entity, e.detail
        );
    }
    Ok(())
}

/// The sample data: `--data`, else `data/sample` here, else beside the source tree.
pub(crate) fn sample_dir(data: Option<PathBuf>) -> Result<PathBuf> {
    let candidates = match data {
        Some(d) => vec![d],
        None => vec![
            PathBuf::from("data/sample"),
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sample"),
        ],
    };
    for c in &candidates {
        if c.join(SAMPLE_SETS[0]).is_dir() {
            return Ok(c.clone());
        }
    }
    bail!(
        "cannot find the sample data (looked in {}); pass --data DIR",
        candidates[0].display()
    )
}

pub async fn demo(
    db: Option<String>,
    out: &Path,
    data: Option<PathBuf>,
    web: Option<crate::Web>,
) -> Result<()> {
    let samples = sample_dir(data)?;
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let db = db.unwrap_or_else(|| format!("sqlite://{}", out.join("scrutiny-demo.db").display()));
    println!("Sample council database: {db}");
    let store = open(Some(db)).await?;
    for set in SAMPLE_SETS {
        import_one(
            &store,
            &samples.join(set),
            scrutiny_import::Options::default(),
        )
        .await?;
    }
    let data = store.load().await?;
    let today = produced_on();
    let all = [
        Format::Html,
        Format::Pdf,
        Format::Docx,
        Format::Xlsx,
        Format::Csv,
    ];
    let mut files = Vec::new();

    let (q1, q3, q2) = (
        parse_period("2012/13 Q1")?,
        parse_period("2009/10 Q3")?,
        parse_period("2012/13 Q2")?,
    );
    let mut requests = vec![Request::Pbr {
        board: "CYPF".into(),
        period: q1,
    }];
    requests.extend(["CFS", "COPS", "LAS"].map(|d| Request::Qmr {
        department: d.into(),
        period: q1,
    }));
    requests.push(Request::Qmr {
        department: "SS".into(),
        period: q3,
    });
    requests.push(Request::Strategy {
        strategy: "SCS-CYP".into(),
        period: q2,
    });
    requests.push(Request::BusinessPlan {
        board: "CYPF".into(),
        from: FinancialYear(2013),
    });
    requests.extend(data.action_plans.iter().map(|p| Request::ActionPlan {
        plan: p.code.clone(),
        as_at: None,
    }));
    for r in &requests {
        files.extend(publish(&data, r, &today, &all, out)?);
    }
    let complaints = samples.join("complaints");
    if complaints.is_dir() {
        crate::complaints::import_into(&store, &complaints).await?;
        let held = store.load_complaints().await?;
        let published = scrutiny_domain::complaints::settings::settings(&held.settings).rules;
        let internal = scrutiny_domain::complaints::figures::Rules {
            suppress_below: 0,
            ..published
        };
        for year in [FinancialYear(2017), FinancialYear(2011)] {
            for rules in [&published, &internal] {
                files.extend(
                    crate::complaints::write_annual_report(&store, year, None, rules, &all, out)
                        .await?,
                );
            }
        }
    }
    // The sample meetings' packs, after the complaints their annual report items need.
    use scrutiny_report::meetings::pack::Audience;
    for (code, audience) in [
        ("CYPF-2012-09-03", Audience::Public),
        ("CYPF-2013-01-03", Audience::Public),
        ("CYPF-2018-11-12", Audience::Public),
        ("CYPF-2018-11-12", Audience::Members),
    ] {
        files.push(crate::meetings::write_pack(&store, code, audience, out).await?);
    }
    let cra = samples.join("cra-2011");
    if cra.is_dir() {
        crate::cases::demo_figures(&store, &cra).await?;
    }

    println!(
        "\nDone: {} files in {}. Open {} in a browser to start.",
        files.len(),
        out.display(),
        out.join("pbr-cypf-2012-13-q1.html").display()
    );
    match web {
        Some(web) => crate::web::demo_serve(store, web).await,
        None => Ok(()),
    }
}
