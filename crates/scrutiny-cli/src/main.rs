//! `scrutiny`: the command line. Thin: parses arguments, reads the clock, and calls the library
//! crates (import → store → report → render).

mod clock;
mod commands;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "scrutiny",
    version,
    about = "Performance monitoring and board reports for children's services"
)]
struct Cli {
    /// Database URL: sqlite://FILE (the default, created if missing) or postgres://…
    #[arg(long, global = true, env = "DATABASE_URL")]
    db: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Html,
    Pdf,
    Docx,
    Xlsx,
    Csv,
}

#[derive(Subcommand)]
enum Command {
    /// Load the sample council and write every sample report (HTML, PDF, Word, Excel, CSV).
    Demo {
        /// Where to write the reports.
        #[arg(long, default_value = "scrutiny-out")]
        out: PathBuf,
        /// Folder holding the sample data sets (default: data/sample in this repository).
        #[arg(long)]
        data: Option<PathBuf>,
    },
    /// Import a council's tables: a folder of CSV files, one CSV file, or an Excel workbook.
    /// Each set is imported whole or not at all.
    Import {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Write blank import templates (CSV files and an Excel workbook).
    Template {
        #[arg(long, default_value = "scrutiny-template")]
        out: PathBuf,
    },
    /// Produce a report.
    Report {
        #[command(subcommand)]
        kind: ReportKind,
    },
    /// Record the board's or executive's decision on a proposed target revision.
    DecideRevision {
        /// Indicator code, e.g. NI080.
        #[arg(long)]
        indicator: String,
        /// The year whose target the revision changes, e.g. 2012/13.
        #[arg(long)]
        year: String,
        /// The review the proposal belongs to, e.g. "SCS light touch review 2012".
        #[arg(long)]
        review: String,
        /// approved or rejected.
        #[arg(long)]
        decision: String,
        /// Who decided, e.g. "Executive Board".
        #[arg(long)]
        by: String,
        /// When (default: today), e.g. 2013-02-14.
        #[arg(long)]
        on: Option<String>,
    },
    /// Show the most recent entries of the audit trail.
    Audit {
        #[arg(long, default_value_t = 20)]
        limit: i64,
    },
}

#[derive(Subcommand)]
enum ReportKind {
    /// Priority Based Report for a board.
    Pbr {
        #[arg(long)]
        board: String,
        /// e.g. "2012/13 Q1"
        #[arg(long)]
        period: String,
        #[arg(long, value_delimiter = ',', default_values = ["html", "pdf", "docx", "xlsx", "csv"])]
        format: Vec<Format>,
        #[arg(long, default_value = "scrutiny-out")]
        out: PathBuf,
    },
    /// Strategy progress report, with its target review appendix.
    Strategy {
        #[arg(long)]
        strategy: String,
        #[arg(long)]
        period: String,
        #[arg(long, value_delimiter = ',', default_values = ["html", "pdf", "docx", "xlsx", "csv"])]
        format: Vec<Format>,
        #[arg(long, default_value = "scrutiny-out")]
        out: PathBuf,
    },
    /// A directorate business plan's appendix: objectives, milestones, risks, key indicators.
    BusinessPlan {
        #[arg(long)]
        board: String,
        /// The plan's first financial year, e.g. 2013/14 for the 2013–16 plan.
        #[arg(long)]
        from: String,
        #[arg(long, value_delimiter = ',', default_values = ["html", "pdf", "docx", "xlsx", "csv"])]
        format: Vec<Format>,
        #[arg(long, default_value = "scrutiny-out")]
        out: PathBuf,
    },
    /// An action plan's progress, and what changed since the last report.
    ActionPlan {
        #[arg(long)]
        plan: String,
        /// Report date (default: the latest report on the plan), e.g. 2013-01-03.
        #[arg(long)]
        as_at: Option<String>,
        #[arg(long, value_delimiter = ',', default_values = ["html", "pdf", "docx", "xlsx", "csv"])]
        format: Vec<Format>,
        #[arg(long, default_value = "scrutiny-out")]
        out: PathBuf,
    },
    /// Quarterly Monitoring Report for a department.
    Qmr {
        #[arg(long)]
        department: String,
        #[arg(long)]
        period: String,
        #[arg(long, value_delimiter = ',', default_values = ["html", "pdf", "docx", "xlsx", "csv"])]
        format: Vec<Format>,
        #[arg(long, default_value = "scrutiny-out")]
        out: PathBuf,
    },
}

impl ReportKind {
    /// The checked request, and where and how to write it.
    fn request(self) -> anyhow::Result<(commands::Request, Vec<Format>, PathBuf)> {
        use commands::{Request, parse_period};
        let date =
            |s: &str| scrutiny_domain::period::parse_date(s).map_err(|e| anyhow::anyhow!("{e}"));
        Ok(match self {
            ReportKind::Pbr {
                board,
                period,
                format,
                out,
            } => (
                Request::Pbr {
                    board,
                    period: parse_period(&period)?,
                },
                format,
                out,
            ),
            ReportKind::Qmr {
                department,
                period,
                format,
                out,
            } => (
                Request::Qmr {
                    department,
                    period: parse_period(&period)?,
                },
                format,
                out,
            ),
            ReportKind::Strategy {
                strategy,
                period,
                format,
                out,
            } => (
                Request::Strategy {
                    strategy,
                    period: parse_period(&period)?,
                },
                format,
                out,
            ),
            ReportKind::ActionPlan {
                plan,
                as_at,
                format,
                out,
            } => (
                Request::ActionPlan {
                    plan,
                    as_at: as_at.as_deref().map(date).transpose()?,
                },
                format,
                out,
            ),
            ReportKind::BusinessPlan {
                board,
                from,
                format,
                out,
            } => {
                let from = scrutiny_domain::FinancialYear::parse(&from)
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
                (Request::BusinessPlan { board, from }, format, out)
            }
        })
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        match cli.command {
            Command::Demo { out, data } => commands::demo(cli.db, &out, data).await,
            Command::Import { paths } => commands::import(cli.db, &paths).await,
            Command::Template { out } => commands::template(&out),
            Command::Report { kind } => match kind.request() {
                Ok((request, formats, out)) => {
                    commands::report(cli.db, request, &formats, &out).await
                }
                Err(e) => Err(e),
            },
            Command::DecideRevision {
                indicator,
                year,
                review,
                decision,
                by,
                on,
            } => {
                commands::decide_revision(
                    cli.db,
                    &indicator,
                    &year,
                    &review,
                    &decision,
                    &by,
                    on.as_deref(),
                )
                .await
            }
            Command::Audit { limit } => commands::audit(cli.db, limit).await,
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
