//! The complaints commands: import records, write the annual report, erase personal data after
//! the retention period.

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};
use scrutiny_domain::complaints::figures::{Basis, Rules};
use scrutiny_domain::complaints::settings::{Settings, retention_cut_off, settings};
use scrutiny_domain::period::{FinancialYear, parse_date};
use scrutiny_store::Store;

use crate::Format;
use crate::clock;
use crate::commands::{open, produced_on, write_document};

pub async fn import_into(store: &Store, path: &Path) -> Result<()> {
    let held = store.load_complaints().await?;
    let data = scrutiny_import::complaints::read_complaints(path, &held, clock::today())
        .map_err(|e| anyhow!("{}:\n{e}", path.display()))?;
    let summary = store
        .apply_complaints(
            &data,
            &clock::actor(),
            &clock::now_stamp(),
            &path.display().to_string(),
        )
        .await?;
    println!(
        "Imported {}: {} cases, {} compliments; {} rows changed",
        path.display(),
        data.cases.len(),
        data.compliments.len(),
        summary.total_changed()
    );
    let calendar = scrutiny_import::calendar::bank_holidays().map_err(|e| anyhow!(e))?;
    for case in &data.cases {
        for notice in scrutiny_domain::complaints::procedure::notices(case, &calendar) {
            println!("  Notice: {notice}");
        }
    }
    Ok(())
}

pub async fn import(db: Option<String>, paths: &[PathBuf]) -> Result<()> {
    let store = open(db).await?;
    for p in paths {
        import_into(&store, p).await?;
    }
    Ok(())
}

pub struct ReportArgs {
    pub year: String,
    /// A route reported separately (a kind code such as `corporate`); `None` is the statutory report.
    pub route: Option<String>,
    pub basis: Option<String>,
    pub suppress_below: Option<u64>,
    pub earlier_years: Option<u8>,
}

/// The council's settings for the report, with whatever the command line overrides.
pub fn rules(args: &ReportArgs, settings: &Settings) -> Result<(FinancialYear, Rules)> {
    let year = FinancialYear::parse(&args.year).map_err(|e| anyhow!("{e}"))?;
    let mut rules = settings.rules;
    match args.basis.as_deref() {
        None => {}
        Some("received") => rules.basis = Basis::Received,
        Some("closed") => rules.basis = Basis::Closed,
        Some(other) => bail!("'{other}' is not a basis: use received or closed"),
    }
    if let Some(n) = args.suppress_below {
        rules.suppress_below = n;
    }
    if let Some(n) = args.earlier_years {
        if n > 4 {
            bail!("compare with at most four earlier years");
        }
        rules.earlier_years = n;
    }
    Ok((year, rules))
}

/// Writes the annual report; returns the files written.
pub async fn write_annual_report(
    store: &Store,
    year: FinancialYear,
    route: Option<&str>,
    rules: &Rules,
    formats: &[Format],
    out: &Path,
) -> Result<Vec<PathBuf>> {
    let data = store.load_complaints().await?;
    let calendar = scrutiny_import::calendar::bank_holidays().map_err(|e| anyhow!(e))?;
    let route = route.unwrap_or(scrutiny_report::complaints::tables::STATUTORY);
    if let Some(why) = scrutiny_report::complaints::annual_report::route_problem(&data, route) {
        bail!(why);
    }
    let mut doc = scrutiny_report::complaints::annual_report::annual_report_for(
        &data,
        year,
        rules,
        &calendar,
        &produced_on(),
        route,
    );
    let framework = store.load().await?;
    doc.cover = scrutiny_report::frame::complaints_cover(&framework, year, &doc.title);
    scrutiny_report::complaints::annual_report::mark_if_unpublishable(
        &mut doc,
        &settings(&data.settings).rules,
        rules,
    );
    println!(
        "{} – {}",
        doc.title,
        doc.subtitle.clone().unwrap_or_default()
    );
    write_document(&doc, formats, out)
}

pub async fn report(
    db: Option<String>,
    args: ReportArgs,
    formats: &[Format],
    out: &Path,
) -> Result<()> {
    let store = open(db).await?;
    let held = store.load_complaints().await?;
    let (year, rules) = rules(&args, &settings(&held.settings))?;
    write_annual_report(&store, year, args.route.as_deref(), &rules, formats, out).await?;
    Ok(())
}

/// Freezes the year's counts by kind as published today; refuses a year already published.
pub async fn publish(db: Option<String>, year: &str) -> Result<()> {
    let store = open(db).await?;
    let year = FinancialYear::parse(year).map_err(|e| anyhow!("{e}"))?;
    let held = store.load_complaints().await?;
    if let Some(e) = held.editions.iter().find(|e| e.year == year) {
        bail!(
            "{year} was published on {}: its figures stay as published, and any later change shows as a restatement",
            e.published_on
        );
    }
    let data = scrutiny_domain::complaints::records::ComplaintsData {
        editions: scrutiny_domain::complaints::figures::edition(&held, year, clock::today()),
        ..Default::default()
    };
    store
        .apply_complaints(
            &data,
            &clock::actor(),
            &clock::now_stamp(),
            &format!("publish {year}"),
        )
        .await?;
    for e in &data.editions {
        println!(
            "{year}: {} {} as published",
            e.count,
            held.label("kind", &e.kind)
        );
    }
    Ok(())
}

pub async fn anonymise(db: Option<String>, before: Option<&str>, yes: bool) -> Result<()> {
    let store = open(db).await?;
    let before = match before {
        Some(b) => parse_date(b).map_err(|e| anyhow!("{e}"))?,
        None => {
            let held = store.load_complaints().await?;
            let Some(years) = settings(&held.settings).retention_years else {
                bail!(
                    "give --before DATE, or set retention_years in the complaints settings table"
                );
            };
            retention_cut_off(clock::today(), years).map_err(|e| anyhow!(e))?
        }
    };
    if !yes {
        bail!(
            "this erases the names held on every case closed before {before} (the figures stay): run again with --yes"
        );
    }
    let n = store
        .anonymise_cases_before(before, &clock::actor(), &clock::now_stamp())
        .await?;
    println!("Erased the personal data of {n} case(s) closed before {before}.");
    Ok(())
}
