//! Case records to measures on the command line: an Annex A return's front-door lists read and
//! each measure printed for a financial year, with its definition's version.

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};
use scrutiny_domain::cases::DateRange;
use scrutiny_domain::cases::declared::{Asked, Declared, Returns, declared_figures};
use scrutiny_domain::cases::front_door::{self, Share};
use scrutiny_domain::cases::measure::{Computed, Measure, MeasureError};
use scrutiny_domain::cases::why::record_lines;
use scrutiny_domain::cases::{FrontDoor, adoption, care};
use scrutiny_domain::format::Rounding;
use scrutiny_domain::period::{FinancialYear, long_date};

/// Reads a return, showing on a terminal how far each CSV list has got ("List 1.csv 45%
/// (5,242,880 rows)"), on one line redrawn in place: the lists are read at once, a large
/// return takes tens of seconds, and nothing else would say the command is working.
fn read_returns(path: &Path, ssda903: Option<&Path>) -> Result<Returns> {
    use std::io::{IsTerminal, Write};
    use std::sync::Mutex;
    let shown = std::io::stderr().is_terminal();
    let lists: Mutex<Vec<scrutiny_import::cases::Progress>> = Mutex::new(Vec::new());
    let progress = |p: &scrutiny_import::cases::Progress| {
        if !shown {
            return;
        }
        let Ok(mut lists) = lists.lock() else {
            return;
        };
        match lists.iter_mut().find(|l| l.file == p.file) {
            Some(l) => *l = p.clone(),
            None => lists.push(p.clone()),
        }
        let line: Vec<String> = lists
            .iter()
            .map(|l| {
                let percent = (l.read * 100).checked_div(l.size).unwrap_or(100);
                format!("{} {percent}% ({} rows)", l.file, l.rows)
            })
            .collect();
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K{}", line.join(" · "));
        let _ = err.flush();
    };
    // The council's own wordings (docs/annex-a.md), when it keeps a mapping file.
    let mapping = scrutiny_import::annex_a_mapping::Mapping::from_env().map_err(|e| anyhow!(e))?;
    let read = scrutiny_import::cases::read_returns(path, ssda903, &mapping, &progress);
    if shown && lists.lock().is_ok_and(|l| !l.is_empty()) {
        eprintln!();
    }
    read.map_err(|e| anyhow!("{e}"))
}

/// The front door's return alone (Annex A or CIN census), for its reports.
fn read_return(path: &Path) -> Result<FrontDoor> {
    let read = read_returns(path, None)?;
    if !read.front_given {
        anyhow::bail!(
            "{} is an SSDA903 return: give an Annex A return or a CIN census file",
            path.display()
        );
    }
    Ok(read.front)
}

/// Prints what the DfE rules Scrutiny checks find in a return (`cases::validation`): the
/// count for each rule and the first few children named, errors first, then queries.
fn print_findings(read: &scrutiny_domain::cases::FrontDoor, year: FinancialYear) -> Result<()> {
    use scrutiny_domain::cases::validation::{RULES, check};
    let calendar = scrutiny_import::calendar::bank_holidays().map_err(|e| anyhow!(e))?;
    let found = check(read, year.end(), &calendar).map_err(|e| anyhow!("{e}"))?;
    if found.is_empty() {
        println!(
            "DfE checks: none of rules {} is broken.",
            RULES.map(|r| r.0).join(", ")
        );
        return Ok(());
    }
    println!("DfE checks (docs/validation.md): the figures above count the records as they are.");
    for (rule, says) in RULES {
        let broken: Vec<_> = found.iter().filter(|f| f.rule == rule).collect();
        let Some(first) = broken.first() else {
            continue;
        };
        let kind = if first.query { "query" } else { "error" };
        println!("  {rule} ({kind}, {} child(ren)): {says}", broken.len());
        for f in broken.iter().take(5) {
            println!("    {}: {}", read.child_name(f.child), f.message);
        }
        if broken.len() > 5 {
            println!("    … and {} more", broken.len() - 5);
        }
    }
    Ok(())
}

/// What the measures read besides the return: a 903 return beside an Annex A one for the care
/// measures, and the population a rate is per (children looked after, or on a protection plan:
/// the number, or the council's file of ONS estimates).
#[derive(clap::Args, Default)]
pub struct CareInputs {
    /// A folder of SSDA903 CSV tables, read beside the Annex A return for the care measures.
    #[arg(long)]
    pub ssda903: Option<PathBuf>,
    /// The council's population aged 0 to 17 (ONS mid-year estimate), for rates per 10,000.
    #[arg(long)]
    pub population: Option<u64>,
    /// Or the council's file of ONS mid-year estimates (area_code, area_name, mid_year,
    /// population_0_17), with --area: the estimate for the year is taken from it.
    #[arg(long, requires = "area")]
    pub population_file: Option<PathBuf>,
    /// The ONS area code to take from the population file, e.g. E06000006.
    #[arg(long)]
    pub area: Option<String>,
}

impl CareInputs {
    /// The population a rate is per: the number given, or the estimate for the area and `year`
    /// from the council's file (saying when an earlier year's is used, as the ONS publishes a
    /// year late).
    fn population(&self, year: FinancialYear) -> Result<Option<u64>> {
        let (Some(file), Some(area)) = (&self.population_file, &self.area) else {
            return Ok(self.population);
        };
        let estimates =
            scrutiny_import::population::read_population(file).map_err(|e| anyhow!("{e}"))?;
        let (used, earlier) = scrutiny_domain::cases::population::for_year(&estimates, area, year)
            .map_err(|e| anyhow!(e))?;
        if earlier {
            println!(
                "Population: no mid-{} estimate for {} yet; mid-{}'s ({}) is used.",
                year.0, used.name, used.year, used.children
            );
        }
        Ok(Some(used.children))
    }
}

/// Prints the front-door and child protection measures for `year` from the return at `path`
/// (an Annex A workbook or folder, or a CIN census file), and the children-in-care measures
/// from a 903 return (the path itself, or `ssda903`): a count, a rate, an average in days, or
/// a share as a whole percentage with its parts.
pub fn measures(path: &Path, year: &str, contact_window: u64, inputs: &CareInputs) -> Result<()> {
    let year = FinancialYear::parse(year).map_err(|e| anyhow!("{e}"))?;
    let calendar = scrutiny_import::calendar::bank_holidays().map_err(|e| anyhow!(e))?;
    let read = read_returns(path, inputs.ssda903.as_deref())?;
    let period =
        DateRange::new(year.start(), year.end()).ok_or_else(|| anyhow!("{year} has no days"))?;
    let prepared = read.prepared(inputs.population(year)?);
    let thresholds = adoption::sample_thresholds();
    let mut front_rows = Vec::new();
    let mut care_rows = Vec::new();
    // The measures the returns given can answer, worked out on every core, printed in order.
    let asked: Vec<Measure> = Measure::ALL
        .into_iter()
        .filter(|m| {
            if m.is_care() {
                read.care.is_some()
            } else {
                read.front_given
            }
        })
        .collect();
    let figures: Vec<_> = {
        use rayon::prelude::*;
        asked
            .par_iter()
            .map(|m| m.figure(&prepared, period, &calendar, contact_window))
            .collect()
    };
    for (m, figure) in asked.into_iter().zip(figures) {
        let rows = if m.is_care() {
            &mut care_rows
        } else {
            &mut front_rows
        };
        let shown = match figure {
            Ok(Some(Computed {
                parts: Some((count, of)),
                ..
            })) => {
                let percent = Share { count, of }.percent(0, Rounding::HalfUp);
                format!("{percent} ({count} of {of})")
            }
            Ok(Some(c)) => match scorecard(m) {
                Some(s) => {
                    let threshold = adoption::threshold_for(&thresholds, s, period.end)
                        .map(|t| format!(" (threshold {} days)", t.days))
                        .unwrap_or_default();
                    format!("{} days{threshold}", c.figure.to_entry())
                }
                None => c.figure.to_entry(),
            },
            // A share or an average of nothing.
            Ok(None) => {
                if scorecard(m).is_some() {
                    "– (no child adopted)".to_string()
                } else if m == Measure::CaseloadPerWorker {
                    "– (no case allocated to a social worker)".to_string()
                } else {
                    "– (0 of 0)".to_string()
                }
            }
            Err(MeasureError::NoPopulation(_)) => "– (give --population)".to_string(),
            Err(e) => return Err(anyhow!("{e}")),
        };
        rows.push((m.label(contact_window), shown));
    }
    if read.front_given {
        println!(
            "Front-door measures, {year} ({} to {}); definitions {}",
            long_date(year.start()),
            long_date(year.end()),
            front_door::VERSION
        );
        for (what, figure) in front_rows {
            println!("  {what:<48} {figure}");
        }
        if !read.front.not_read.is_empty() {
            println!("Not read yet: {}", read.front.not_read.join(", "));
        }
    }
    if let Some(care) = &read.care {
        println!(
            "Children in care measures, {year} (at {}; adoption over the three years to it); definitions {}",
            long_date(year.end()),
            care::VERSION
        );
        for (what, figure) in care_rows {
            println!("  {what:<52} {figure}");
        }
        if !care.not_read.is_empty() {
            println!("Not read yet: {}", care.not_read.join(", "));
        }
    }
    if read.front_given {
        print_findings(&read.front, year)?;
    }
    Ok(())
}

/// The adoption scorecard measure a measure is, if one.
fn scorecard(m: Measure) -> Option<adoption::Scorecard> {
    match m {
        Measure::AdoptionA1 => Some(adoption::Scorecard::A1),
        Measure::AdoptionA2 => Some(adoption::Scorecard::A2),
        Measure::AdoptionA10 => Some(adoption::Scorecard::A10),
        _ => None,
    }
}

/// A return's file or folder name, as printed with the figures it gave.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn period_of(text: &str) -> Result<(FinancialYear, Option<scrutiny_domain::Quarter>, DateRange)> {
    scrutiny_domain::cases::declared::period_of(text).map_err(|e| anyhow!(e))
}

/// Computes every indicator that declares a measure (`indicator_measures`) from the Annex A
/// return at `path`, for the period, and stores each as the period's figure: one transaction,
/// each change in the audit trail with the return and the definitions' version as its source.
pub async fn apply(
    db: Option<String>,
    path: &Path,
    period: &str,
    contact_window: u64,
    inputs: &CareInputs,
) -> Result<()> {
    let store = crate::commands::open(db).await?;
    apply_to(&store, path, period, contact_window, inputs).await
}

/// [`apply`] into an open store.
pub async fn apply_to(
    store: &scrutiny_store::Store,
    path: &Path,
    period: &str,
    contact_window: u64,
    inputs: &CareInputs,
) -> Result<()> {
    let (year, quarter, range) = period_of(period)?;
    let calendar = scrutiny_import::calendar::bank_holidays().map_err(|e| anyhow!(e))?;
    let read = read_returns(path, inputs.ssda903.as_deref())?;
    let held = store.load().await?;
    if held.indicator_measures.is_empty() {
        anyhow::bail!(
            "no indicator declares a measure: import an indicator_measures table first (docs/import-format.md)"
        );
    }
    let key = store
        .pseudonym_key(&scrutiny_web::auth::random_token())
        .await?;
    let care_path = inputs.ssda903.as_deref().unwrap_or(path);
    let asked = Asked {
        year,
        quarter,
        range,
        calendar: &calendar,
        contact_window,
        key: key.as_bytes(),
        computed_on: crate::clock::today(),
    };
    let Declared {
        data,
        records,
        outcomes,
    } = declared_figures(
        &held.indicator_measures,
        &read.prepared(inputs.population(year)?),
        &asked,
        &|m| file_name(if m.is_care() { care_path } else { path }),
    )
    .map_err(|e| anyhow!("{e}"))?;
    for o in &outcomes {
        println!(
            "  {:<12} {:<22} {}",
            o.indicator,
            o.measure.code(),
            o.said()
        );
    }
    let source = read.source(
        &path.display().to_string(),
        &care_path.display().to_string(),
    );
    let summary = store
        .apply_computed(
            &data,
            &records,
            &crate::clock::actor(),
            &crate::clock::now_stamp(),
            &source,
        )
        .await?;
    println!(
        "Stored {} figure(s) for {period}: {} changed; {} record(s) kept behind them as pseudonyms.",
        data.values.len(),
        summary.total_changed(),
        records.iter().map(|r| r.lines.len()).sum::<usize>()
    );
    Ok(())
}

/// The demonstration's figure from case records: NI 064 (plans lasting two years or more) for
/// 2011/12 from the record-level sample `cra-2011`, with the records behind it, as the
/// performance officer would store it (the sample's own figure is the same, 0%).
pub async fn demo_figures(store: &scrutiny_store::Store, cra: &Path) -> Result<()> {
    let held = store.load().await?;
    if !held.indicators.iter().any(|i| i.code == "NI064") {
        return Ok(());
    }
    let declared = scrutiny_domain::Dataset {
        indicator_measures: vec![scrutiny_domain::cases::IndicatorMeasure {
            indicator: "NI064".into(),
            measure: Measure::PlansLastingTwoYears,
        }],
        ..Default::default()
    };
    store
        .apply(
            &declared,
            &crate::clock::actor(),
            &crate::clock::now_stamp(),
            "demonstration: NI064 from case records",
        )
        .await?;
    println!("Case records: NI064 for 2011/12 from {}", cra.display());
    apply_to(store, cra, "2011/12", 1, &CareInputs::default()).await
}

/// Writes made-up front-door records for a year as an Annex A return in `out`, with the year's
/// answers (`truth.json`), known by construction.
pub fn synth(seed: u64, children: usize, year: &str, out: &Path) -> Result<()> {
    let year = FinancialYear::parse(year).map_err(|e| anyhow!("{e}"))?;
    let calendar = scrutiny_import::calendar::bank_holidays().map_err(|e| anyhow!(e))?;
    let (records, truth) = scrutiny_domain::cases::synth::generate(seed, children, year, &calendar)
        .map_err(|e| anyhow!("{e}"))?;
    std::fs::create_dir_all(out)?;
    scrutiny_import::cases::write_annex_a(out, &records).map_err(|e| anyhow!(e))?;
    let json = serde_json::to_string_pretty(&truth)?;
    std::fs::write(out.join("truth.json"), &json)?;
    println!(
        "Wrote {} contacts, {} referrals and {} assessments for {children} children to {}; the answers for {year}:\n{json}",
        records.contacts.len(),
        records.referrals.len(),
        records.assessments.len(),
        out.display()
    );
    Ok(())
}

/// Writes the contact, referral and assessment analysis of `year` (against the year before)
/// from the return at `path`; fronted by the cover the council set for it (report
/// `case_analysis`, scope the board, period the year) when a board is named.
pub async fn report(
    db: Option<String>,
    path: &Path,
    year: &str,
    board: Option<String>,
    below: u64,
    formats: &[crate::Format],
    out: &Path,
) -> Result<()> {
    let year = FinancialYear::parse(year).map_err(|e| anyhow!("{e}"))?;
    let calendar = scrutiny_import::calendar::bank_holidays().map_err(|e| anyhow!(e))?;
    let read = read_return(path)?;
    let mut doc = scrutiny_report::cases::analysis::contact_referral_assessment(
        &read,
        year,
        &calendar,
        &crate::commands::produced_on(),
        below,
    )
    .map_err(|e| anyhow!("{e}"))?;
    if let Some(board) = board {
        let data = crate::commands::open(db).await?.load().await?;
        doc.cover = scrutiny_report::frame::cover(
            &data,
            scrutiny_domain::meetings::ReportKind::CaseAnalysis,
            &board,
            &year.to_string(),
            &board,
            &doc.title,
        );
        if doc.cover.is_none() {
            println!(
                "  no cover is set for case_analysis, {board}, {year}: the report is printed without one (docs/import-format.md, report_covers)"
            );
        }
    }
    println!("{} – {year}", doc.title);
    crate::commands::write_document(&doc, formats, out)?;
    Ok(())
}

/// Writes the front door's daily, weekly or monthly report for the period holding `date`
/// (against the one before) from the return at `path`.
#[allow(clippy::too_many_arguments)]
pub fn front_door(
    path: &Path,
    every: &str,
    date: &str,
    contact_window: u64,
    below: u64,
    formats: &[crate::Format],
    out: &Path,
) -> Result<()> {
    let (span, date) = span_and_date(every, date)?;
    let calendar = scrutiny_import::calendar::bank_holidays().map_err(|e| anyhow!(e))?;
    let read = read_return(path)?;
    let doc = scrutiny_report::cases::front_door_report::front_door_report(
        &read,
        span,
        date,
        &calendar,
        contact_window,
        &crate::commands::produced_on(),
        below,
    )
    .map_err(|e| anyhow!("{e}"))?;
    write(&doc, formats, out)
}

/// Prints each record behind a measure's figure for a period ("why this number"): the child as a
/// pseudonym, the record's date, and whether it is in the count.
pub async fn why(
    db: Option<String>,
    path: &Path,
    measure: &str,
    period: &str,
    contact_window: u64,
) -> Result<()> {
    let measure = Measure::parse(measure).map_err(|e| anyhow!("{e}"))?;
    let (_, _, range) = period_of(period)?;
    let calendar = scrutiny_import::calendar::bank_holidays().map_err(|e| anyhow!(e))?;
    // A 903 folder for a care measure, an Annex A return or census for the others.
    let read = read_returns(path, None)?;
    if measure.is_care() && read.care.is_none() {
        anyhow::bail!(
            "{} is a children-in-care measure: give the folder of an SSDA903 return",
            measure.code()
        );
    }
    let key = pseudonym_key(db).await?;
    let lines = record_lines(
        measure,
        &read.prepared(None),
        range,
        &calendar,
        contact_window,
        key.as_bytes(),
    )
    .map_err(|e| anyhow!("{e}"))?;
    let counted = lines.iter().filter(|l| l.counted).count();
    println!(
        "{} for {period}: {} record(s){}; definitions {}",
        measure.label(contact_window),
        lines.len(),
        if measure.is_count() {
            String::new()
        } else {
            format!(", {counted} in the count")
        },
        measure.version()
    );
    for line in lines {
        println!(
            "  {}  {}  {}",
            line.child,
            line.date,
            line.part(measure.is_count())
        );
    }
    Ok(())
}

/// The key children's pseudonyms are made with: SCRUTINY_PSEUDONYM_KEY when set, otherwise the
/// installation's own, made once and kept in its database, so `why` and the records kept behind
/// stored figures name a child alike.
async fn pseudonym_key(db: Option<String>) -> Result<String> {
    if let Ok(key) = std::env::var("SCRUTINY_PSEUDONYM_KEY") {
        return Ok(key);
    }
    let store = crate::commands::open(db).await?;
    let key = store
        .pseudonym_key(&scrutiny_web::auth::random_token())
        .await?;
    store.close().await;
    Ok(key)
}

/// Erases the records kept behind computed figures, the figures staying: those dated before a
/// day (retention), or every record of one child, named by the council's own identifier
/// (erasure; it is turned into the child's pseudonym here and never stored).
pub async fn erase(db: Option<String>, how: &Erase) -> Result<()> {
    let store = crate::commands::open(db.clone()).await?;
    let (actor, at) = (crate::clock::actor(), crate::clock::now_stamp());
    if let Some(child) = &how.child {
        let key = pseudonym_key(db).await?;
        let pseudonym = scrutiny_domain::cases::names::pseudonym(key.as_bytes(), child);
        if !how.yes {
            anyhow::bail!(
                "this erases every record kept of child {pseudonym} (the figures stay): run again with --yes"
            );
        }
        let n = store.erase_child_records(&pseudonym, &actor, &at).await?;
        println!("Erased {n} record(s) of child {pseudonym}.");
        return Ok(());
    }
    let before = match (&how.before, how.years) {
        (Some(b), _) => scrutiny_domain::period::parse_date(b).map_err(|e| anyhow!("{e}"))?,
        (None, Some(years)) => {
            scrutiny_domain::complaints::settings::retention_cut_off(crate::clock::today(), years)
                .map_err(|e| anyhow!(e))?
        }
        (None, None) => {
            anyhow::bail!("give --before DATE, --years N (kept that many years) or --child ID")
        }
    };
    if !how.yes {
        anyhow::bail!(
            "this erases every case record kept dated before {before} (the figures stay): run again with --yes"
        );
    }
    let n = store.erase_case_records_before(before, &actor, &at).await?;
    println!("Erased {n} case record(s) dated before {before}.");
    Ok(())
}

/// Which records `cases erase` removes.
#[derive(clap::Args)]
pub struct Erase {
    /// Erase records dated before this day, e.g. 2020-04-01.
    #[arg(long, conflicts_with_all = ["years", "child"])]
    pub before: Option<String>,
    /// Keep this many years of records, erasing those dated before (today less N years).
    #[arg(long, conflicts_with = "child")]
    pub years: Option<u32>,
    /// Erase every record of this child: the council's own identifier, as in the return.
    #[arg(long)]
    pub child: Option<String>,
    /// Confirm: the erasure cannot be undone.
    #[arg(long)]
    pub yes: bool,
}

/// Writes the adoption scorecard for the three years to the end of `year` from the SSDA903
/// return in the folder `path`, against the sample thresholds (the seeds' and the DfE's).
pub fn adoption_scorecard(
    path: &Path,
    year: &str,
    formats: &[crate::Format],
    out: &Path,
) -> Result<()> {
    let year = FinancialYear::parse(year).map_err(|e| anyhow!("{e}"))?;
    let care = scrutiny_import::ssda903::read_ssda903(path).map_err(|e| anyhow!("{e}"))?;
    let doc = scrutiny_report::cases::adoption_scorecard::adoption_scorecard(
        &care,
        year,
        &adoption::sample_thresholds(),
        &crate::commands::produced_on(),
    );
    write(&doc, formats, out)
}

/// Writes the missing report (children in care missing or absent) for the day, week or month
/// holding `date`, from the SSDA903 return in the folder `path`.
pub fn missing(
    path: &Path,
    every: &str,
    date: &str,
    formats: &[crate::Format],
    out: &Path,
) -> Result<()> {
    let (span, date) = span_and_date(every, date)?;
    let care = scrutiny_import::ssda903::read_ssda903(path).map_err(|e| anyhow!("{e}"))?;
    let doc = scrutiny_report::cases::missing_report::missing_report(
        &care,
        span,
        date,
        &crate::commands::produced_on(),
    );
    write(&doc, formats, out)
}

/// A day, week or month as asked for ("week") and a day in it ("2024-05-02").
fn span_and_date(
    every: &str,
    date: &str,
) -> Result<(scrutiny_domain::cases::periods::Span, chrono::NaiveDate)> {
    let span = scrutiny_domain::cases::periods::Span::parse(every)
        .ok_or_else(|| anyhow!("'{every}' is not a period: give day, week or month"))?;
    let date = scrutiny_domain::period::parse_date(date).map_err(|e| anyhow!("{e}"))?;
    Ok((span, date))
}

/// Says which report is written, then writes it in each format.
fn write(
    doc: &scrutiny_report::document::Document,
    formats: &[crate::Format],
    out: &Path,
) -> Result<()> {
    println!(
        "{} – {}",
        doc.title,
        doc.subtitle.clone().unwrap_or_default()
    );
    crate::commands::write_document(doc, formats, out)?;
    Ok(())
}
