//! `scrutiny-bench`: times the Priority Based Report for a large synthetic council (1,000
//! indicators, 300 milestones, 8 years of quarterly history) as HTML and as PDF, each in its own
//! process so its peak memory is its own, and compares the PDF with WeasyPrint rendering the same
//! HTML. Prints figures; asserts nothing. Run it on a release build: `scripts/bench`.

mod synthetic;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use scrutiny_store::Store;

/// The bars from the issue, on this 2-core machine.
const HTML_BAR_S: f64 = 1.0;
const PDF_BAR_S: f64 = 3.0;
const MEMORY_BAR_MB: f64 = 300.0;
const WEASYPRINT_RATIO_BAR: f64 = 15.0;

fn peak_rss_mb() -> f64 {
    // Linux: the high-water mark of this process's resident memory.
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(str::to_string)
        })
        .and_then(|l| {
            l.split_whitespace()
                .nth(1)
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// One measured phase, in its own process: load from the database, build, render.
async fn phase(kind: &str, db: &str, out: &Path) -> Result<()> {
    let started = Instant::now();
    let store = Store::open(db).await?;
    let data = store.load().await?;
    let loaded = started.elapsed().as_secs_f64();
    let period =
        scrutiny_domain::Period::parse("2025/26 Q4").map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut doc = scrutiny_report::performance::pbr::priority_based_report(
        &data,
        "BIG",
        period,
        "1 April 2026",
    )?;
    // For finding where time and memory go: SCRUTINY_BENCH_NO_CHARTS=1 drops the 1,000 charts.
    if std::env::var_os("SCRUTINY_BENCH_NO_CHARTS").is_some() {
        doc.blocks
            .retain(|b| !matches!(b, scrutiny_report::document::Block::Chart { .. }));
    }
    if std::env::var_os("SCRUTINY_BENCH_NO_TEXT").is_some() {
        for b in &mut doc.blocks {
            if let scrutiny_report::document::Block::Chart { svg, .. } = b {
                while let (Some(a), Some(z)) = (svg.find("<text"), svg.find("</text>")) {
                    svg.replace_range(a..z + 7, "");
                }
            }
        }
    }
    // What is no longer needed goes before rendering, so the peak is the renderer's own.
    drop(data);
    drop(store);
    let built = started.elapsed().as_secs_f64();
    let bytes = match kind {
        "html" => {
            let html = scrutiny_report::html::render_html(&doc)?;
            std::fs::write(out.join("big.html"), &html)?;
            html.len()
        }
        "pdf" => {
            // As `Document::without_svg`, in place: the PDF draws charts from their data.
            for b in &mut doc.blocks {
                if let scrutiny_report::document::Block::Chart { svg, .. } = b {
                    *svg = String::new();
                }
            }
            let json = serde_json::to_string(&doc)?;
            drop(doc);
            // For profiling the template alone: `cargo run -p scrutiny-pdf --example render`.
            if let Some(path) = std::env::var_os("SCRUTINY_BENCH_JSON") {
                std::fs::write(path, &json)?;
            }
            let pdf = scrutiny_pdf::render_pdf(&json).map_err(|e| anyhow::anyhow!("{e}"))?;
            std::fs::write(out.join("big.pdf"), &pdf)?;
            pdf.len()
        }
        other => bail!("unknown phase {other}"),
    };
    let total = started.elapsed().as_secs_f64();
    println!(
        "{kind} {loaded:.3} {:.3} {:.3} {total:.3} {:.1} {bytes}",
        built - loaded,
        total - built,
        peak_rss_mb()
    );
    Ok(())
}

struct Measured {
    load: f64,
    build: f64,
    render: f64,
    total: f64,
    peak_mb: f64,
    bytes: f64,
}

fn run_phase(kind: &str, db: &str, out: &Path) -> Result<Measured> {
    let exe = std::env::current_exe()?;
    let output = Command::new(exe)
        .args(["phase", kind, db])
        .arg(out)
        .output()?;
    if !output.status.success() {
        bail!(
            "{kind} phase failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let line = String::from_utf8_lossy(&output.stdout).trim().to_string();
    let f: Vec<f64> = line
        .split_whitespace()
        .skip(1)
        .filter_map(|x| x.parse().ok())
        .collect();
    if f.len() != 6 {
        bail!("unexpected phase output: {line}");
    }
    Ok(Measured {
        load: f[0],
        build: f[1],
        render: f[2],
        total: f[3],
        peak_mb: f[4],
        bytes: f[5],
    })
}

fn verdict(value: f64, bar: f64, lower_is_better: bool) -> String {
    let ok = if lower_is_better {
        value <= bar
    } else {
        value >= bar
    };
    let factor = if lower_is_better {
        value / bar
    } else {
        bar / value
    };
    if ok {
        format!("meets the bar ({:.0}% of it)", factor * 100.0)
    } else {
        format!("MISSES the bar by {:.1}x", factor)
    }
}

const SIZE: synthetic::Size = synthetic::Size {
    indicators: 1000,
    milestones: 300,
    years: 8,
    departments: 8,
};

/// `target` is a SQLite file path or a database URL (`sqlite://…`, `postgres://…`).
async fn prepare(target: &str) -> Result<()> {
    let (data, _) = synthetic::council(&SIZE, 2025);
    let url = if target.starts_with("sqlite:")
        || target.starts_with("postgres:")
        || target.starts_with("postgresql:")
    {
        target.to_string()
    } else {
        format!("sqlite://{target}")
    };
    let store = Store::open(&url).await?;
    store
        .apply(&data, "bench", "2026-01-01T00:00:00Z", "synthetic")
        .await?;
    println!("wrote {target}");
    Ok(())
}

async fn orchestrate() -> Result<()> {
    let size = synthetic::Size {
        indicators: 1000,
        milestones: 300,
        years: 8,
        departments: 8,
    };
    let dir = tempfile::tempdir()?;
    let db = format!("sqlite://{}", dir.path().join("big.db").display());
    let (data, _period) = synthetic::council(&size, 2025);
    println!(
        "Synthetic council: {} indicators, {} milestones, {} years of quarterly history ({} values), {} departments",
        data.indicators.len(),
        data.milestones.len(),
        size.years,
        data.values.len(),
        data.departments.len()
    );
    let started = Instant::now();
    let store = Store::open(&db).await?;
    store
        .apply(&data, "bench", "2026-01-01T00:00:00Z", "synthetic")
        .await?;
    println!(
        "Import into SQLite: {:.2} s",
        started.elapsed().as_secs_f64()
    );
    drop(store);

    let html = run_phase("html", &db, dir.path())?;
    let pdf = run_phase("pdf", &db, dir.path())?;
    println!();
    println!(
        "{:<6} {:>8} {:>8} {:>8} {:>8} {:>10} {:>10}",
        "format", "load s", "build s", "render s", "total s", "peak MB", "size MB"
    );
    for (name, m) in [("HTML", &html), ("PDF", &pdf)] {
        println!(
            "{:<6} {:>8.3} {:>8.3} {:>8.3} {:>8.3} {:>10.1} {:>10.2}",
            name,
            m.load,
            m.build,
            m.render,
            m.total,
            m.peak_mb,
            m.bytes / 1e6
        );
    }
    println!();
    println!(
        "HTML time   {:.3} s against {HTML_BAR_S} s: {}",
        html.total,
        verdict(html.total, HTML_BAR_S, true)
    );
    println!(
        "PDF time    {:.3} s against {PDF_BAR_S} s: {}",
        pdf.total,
        verdict(pdf.total, PDF_BAR_S, true)
    );
    let peak = html.peak_mb.max(pdf.peak_mb);
    println!(
        "Peak memory {peak:.1} MB against {MEMORY_BAR_MB} MB: {}",
        verdict(peak, MEMORY_BAR_MB, true)
    );

    // WeasyPrint: the same HTML to PDF, as a team might otherwise do it.
    let weasy = std::env::var("WEASYPRINT").unwrap_or_else(|_| "weasyprint".into());
    let started = Instant::now();
    let status = Command::new(&weasy)
        .arg(dir.path().join("big.html"))
        .arg(dir.path().join("weasy.pdf"))
        .stderr(std::process::Stdio::null())
        .status();
    match status {
        Ok(s) if s.success() => {
            let w = started.elapsed().as_secs_f64();
            let ratio = w / pdf.render.max(1e-9);
            println!(
                "WeasyPrint  {w:.2} s for the same report's HTML; Scrutiny's PDF render is {ratio:.1}x faster \
                 (bar {WEASYPRINT_RATIO_BAR}x): {}",
                verdict(ratio, WEASYPRINT_RATIO_BAR, false)
            );
        }
        _ => println!(
            "WeasyPrint  not run: `{weasy}` is not installed (scripts/bench installs it from PyPI)."
        ),
    }
    Ok(())
}

#[tokio::main]
async fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("phase") => {
            let (kind, db, out) = (args.get(2), args.get(3), args.get(4));
            match (kind, db, out) {
                (Some(k), Some(d), Some(o)) => phase(k, d, Path::new(o)).await.context("phase"),
                _ => bail!("usage: scrutiny-bench phase html|pdf DB_URL OUT_DIR"),
            }
        }
        // Write the database: for profiling one phase by hand (e.g. under valgrind's massif), and
        // for the web load benchmark (scripts/bench-web), on SQLite or PostgreSQL.
        Some("prepare") => match args.get(2) {
            Some(target) => prepare(target).await,
            None => bail!("usage: scrutiny-bench prepare FILE.db|DB_URL"),
        },
        None => orchestrate().await,
        Some(other) => bail!("unknown argument {other}; run without arguments"),
    }
}
