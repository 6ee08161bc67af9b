//! `scrutiny`: the command line. Thin: parses arguments, reads the clock, and calls the library
//! crates (import → store → report → render).

mod cases;
mod clock;
mod commands;
mod complaints;
mod meetings;
mod web;

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
        /// Write the reports and stop, without starting the web application.
        #[arg(long)]
        no_serve: bool,
        #[command(flatten)]
        web: Web,
    },
    /// Start the web application.
    Serve {
        #[command(flatten)]
        web: Web,
    },
    /// Manage the people who sign in to the web application.
    User {
        #[command(subcommand)]
        action: UserAction,
    },
    /// Boards' meetings: agenda packs; retention of public questioners' names and e-mail addresses.
    Meetings {
        #[command(subcommand)]
        action: MeetingsAction,
    },
    /// Complaints, comments and compliments: import records, the annual report, retention.
    Complaints {
        #[command(subcommand)]
        action: ComplaintsAction,
    },
    /// Children's social care case records to measures (front door first).
    Cases {
        #[command(subcommand)]
        action: CasesAction,
    },
    /// Copy the SQLite database to a new file while it is in use (a consistent snapshot).
    Backup {
        /// The backup file to create, e.g. backups/scrutiny-2026-12-02.db
        to: PathBuf,
    },
    /// Replace the SQLite database with a backup. Stop the web application first.
    Restore {
        /// The backup file.
        from: PathBuf,
        /// Confirm that the current database is to be replaced.
        #[arg(long)]
        yes: bool,
    },
    /// Import a council's tables: a folder of CSV files, one CSV file, or an Excel workbook.
    /// Each set is imported whole or not at all.
    Import {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The figures use a comma as the decimal mark (12,5 is 12.5). Without it a comma may
        /// only separate thousands, and 12,5 is refused as ambiguous.
        #[arg(long)]
        decimal_comma: bool,
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

#[derive(clap::Subcommand)]
enum MeetingsAction {
    /// Write a meeting's agenda pack as one PDF: the front sheet with each item's pages, then
    /// every item's report. The public pack has Part I only; --members adds Part II.
    Pack {
        /// The meeting's code, e.g. CYPF-2018-11-12.
        code: String,
        /// The members' pack, with the Part II (exempt) items: not for publication.
        #[arg(long)]
        members: bool,
        /// The folder to write the PDF to.
        #[arg(long, default_value = "out")]
        out: PathBuf,
    },
    /// Erase the names, organisations and e-mail addresses of public questions received before
    /// a date (the questions and answers stay), as the retention policy requires.
    Anonymise {
        /// e.g. 2020-04-01
        #[arg(long)]
        before: String,
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Subcommand)]
enum CasesAction {
    /// Print the front-door measures (contacts, referrals, re-referrals, assessments) for a
    /// year from an Annex A return (a workbook with sheets List 1, List 3, List 4, or a folder
    /// of CSV files named after them) or a CIN census file (.xml); and the children-in-care
    /// measures from an SSDA903 return: a folder of its CSV tables (episodes.csv, header.csv,
    /// oc3.csv, ad1.csv, placed_adoption.csv, missing.csv), given as PATH (recognised by its
    /// episodes table) or with --ssda903 beside an Annex A return.
    Measures {
        /// The Annex A workbook or folder, the CIN census .xml file, or a 903 folder.
        path: PathBuf,
        #[command(flatten)]
        care: cases::CareInputs,
        /// The financial year, e.g. 2023/24 (the year before it is needed for re-referrals).
        #[arg(long)]
        year: String,
        /// Days after a contact within which a referral of the same child counts as the
        /// contact's (no national definition; the council's choice).
        #[arg(long, default_value_t = 1)]
        contact_window: u64,
    },
    /// Write made-up front-door records at any scale from a seed, as an Annex A return, with
    /// the year's answers known by construction (truth.json): for tests and benchmarks.
    Synth {
        /// Where to write List 1.csv, List 3.csv, List 4.csv and truth.json.
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// How many children.
        #[arg(long, default_value_t = 1000)]
        children: usize,
        /// The financial year the answers are for, e.g. 2023/24.
        #[arg(long, default_value = "2023/24")]
        year: String,
    },
    /// Write the contact, referral and assessment analysis of a year against the year before
    /// (referrals, contacts, assessments, children in need, child protection) from an Annex A
    /// return holding both years.
    Report {
        /// The Annex A workbook or folder.
        path: PathBuf,
        /// The financial year, e.g. 2011/12.
        #[arg(long)]
        year: String,
        /// The board it goes to (its code): fronts the report with the cover set for it.
        #[arg(long)]
        board: Option<String>,
        /// Counts from 1 up to one below this are printed "fewer than N" in the breakdowns
        /// (0 prints every count).
        #[arg(long, default_value_t = 5)]
        suppress_below: u64,
        #[command(flatten)]
        output: Output,
    },
    /// List the records behind a measure's figure ("why this number"): each child as a
    /// pseudonym, the record's date, and whether it is in the count.
    Why {
        /// The Annex A workbook or folder, or the CIN census .xml file.
        path: PathBuf,
        /// The measure's code, e.g. re_referrals.
        #[arg(long)]
        measure: String,
        /// A financial year, e.g. 2023/24, or a quarter, e.g. 2023/24 Q2.
        #[arg(long)]
        period: String,
        #[arg(long, default_value_t = 1)]
        contact_window: u64,
    },
    /// Erase the records kept behind figures computed from case records (the figures stay):
    /// those dated before a day or older than N years (retention), or one child's (erasure).
    Erase(cases::Erase),
    /// Write the adoption scorecard (A1, A2, A10 over three years against the thresholds in
    /// force, the children who waited longer) from an SSDA903 return's folder.
    Scorecard {
        /// The folder of the 903 CSV tables.
        path: PathBuf,
        /// The financial year the three years end with, e.g. 2023/24.
        #[arg(long)]
        year: String,
        #[command(flatten)]
        output: Output,
    },
    /// Write the missing report: children in care missing or absent in a day, week or month
    /// against the one before, from an SSDA903 return's folder.
    Missing {
        /// The folder of the 903 CSV tables.
        path: PathBuf,
        /// day, week (Monday to Sunday) or month.
        #[arg(long, default_value = "week")]
        every: String,
        /// A day in the period wanted, e.g. 2023-05-08.
        #[arg(long)]
        date: String,
        #[command(flatten)]
        output: Output,
    },
    /// Write the front door's daily, weekly or monthly report (contacts, repeats, referrals,
    /// outcomes and timescales against the period before) for the managers, from an Annex A
    /// return or CIN census file.
    FrontDoor {
        /// The Annex A workbook or folder, or the CIN census .xml file.
        path: PathBuf,
        /// day, week (Monday to Sunday) or month.
        #[arg(long, default_value = "week")]
        every: String,
        /// A day in the period wanted, e.g. 2024-05-02.
        #[arg(long)]
        date: String,
        #[arg(long, default_value_t = 1)]
        contact_window: u64,
        /// Counts from 1 up to one below this are printed "fewer than N" in the sources table
        /// (0, the default, prints every count: the managers' own report, not for publishing).
        #[arg(long, default_value_t = 0)]
        suppress_below: u64,
        #[command(flatten)]
        output: Output,
    },
    /// Compute the figures of every indicator that declares a measure (indicator_measures) from
    /// an Annex A return, and store them as the period's figures (audited, with the return and
    /// the definitions' version as their source).
    Apply {
        /// The Annex A workbook or folder, or a 903 folder (for the care measures).
        path: PathBuf,
        #[command(flatten)]
        care: cases::CareInputs,
        /// A financial year (its outturn), e.g. 2023/24, or a quarter, e.g. 2023/24 Q2.
        #[arg(long)]
        period: String,
        #[arg(long, default_value_t = 1)]
        contact_window: u64,
    },
}

#[derive(Subcommand)]
enum ComplaintsAction {
    /// Import cases, compliments, Stage 2 elements, learning actions and the council's lists
    /// (CSV files or a workbook), all or nothing.
    Import {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// The statutory annual report for a financial year, compared with earlier years.
    Report {
        /// e.g. 2017/18
        #[arg(long)]
        year: String,
        /// Count outcomes and timeliness over cases `received` or `closed` in the year
        /// (default: the council's `basis` setting, else received).
        #[arg(long)]
        basis: Option<String>,
        /// Print counts below this as "fewer than N"; 0 shows every count, not for publication
        /// (default: the `suppress_below` setting, else 5).
        #[arg(long)]
        suppress_below: Option<u64>,
        /// Earlier years to compare with, 0 to 4 (default: the `earlier_years` setting, else 3).
        #[arg(long)]
        earlier_years: Option<u8>,
        /// Report another route separately, by its kind code, e.g. corporate (default: the
        /// statutory complaints).
        #[arg(long)]
        route: Option<String>,
        #[command(flatten)]
        output: Output,
    },
    /// Freeze a year's counts as published with its report: a later report that counts
    /// differently (a complaint recorded late) shows the difference as a restatement.
    Publish {
        /// e.g. 2017/18
        #[arg(long)]
        year: String,
    },
    /// Erase complainants' and children's names from cases closed before a date (the figures
    /// stay), as the retention policy requires.
    Anonymise {
        /// e.g. 2020-04-01 (default: today less the council's `retention_years` setting)
        #[arg(long)]
        before: Option<String>,
        #[arg(long)]
        yes: bool,
    },
}

/// How the web application listens and where its GOV.UK Frontend files are.
#[derive(clap::Args)]
struct Web {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080", env = "SCRUTINY_ADDR")]
    addr: String,
    /// GOV.UK Frontend's built files (default: web/node_modules/govuk-frontend/dist/govuk,
    /// installed by `npm ci --prefix web`).
    #[arg(long, env = "SCRUTINY_ASSETS")]
    assets: Option<PathBuf>,
    /// Mark the session cookie Secure: set this when serving over HTTPS.
    #[arg(long, env = "SCRUTINY_SECURE_COOKIES")]
    secure_cookies: bool,
    /// The SMTP relay for e-mail alerts of agendas and minutes:
    /// smtp://relay.council.gov.uk:587?tls=required (STARTTLS), smtps://user:password@host (TLS).
    /// Alerts are off without it.
    #[arg(long, env = "SCRUTINY_SMTP_URL")]
    smtp_url: Option<String>,
    /// The alerts' sender, e.g. "Democratic Services <democratic.services@council.gov.uk>".
    #[arg(long, env = "SCRUTINY_MAIL_FROM")]
    mail_from: Option<String>,
    /// The address the public reaches this site at, for the links in alerts, e.g.
    /// https://meetings.council.gov.uk (default: http:// and the address listened on).
    #[arg(long, env = "SCRUTINY_PUBLIC_URL")]
    public_url: Option<String>,
}

#[derive(Subcommand)]
enum UserAction {
    /// Add a person, or change their role, department or password. The password is asked for,
    /// or read from the SCRUTINY_PASSWORD environment variable.
    Add {
        #[arg(long)]
        username: String,
        /// Their full name, as shown in the audit trail.
        #[arg(long)]
        name: String,
        /// admin (performance officer), manager, finance, board or complaints.
        #[arg(long)]
        role: String,
        /// Limit a manager or finance officer to one department, e.g. CFS.
        #[arg(long)]
        department: Option<String>,
    },
    /// List everyone who can sign in.
    List,
}

/// Where a report is written and in which formats.
#[derive(clap::Args)]
struct Output {
    /// Formats to write, separated by commas.
    #[arg(long, value_delimiter = ',', default_values = ["html", "pdf", "docx", "xlsx", "csv"])]
    format: Vec<Format>,
    #[arg(long, default_value = "scrutiny-out")]
    /// Folder to write into (created if missing).
    out: PathBuf,
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
        #[command(flatten)]
        output: Output,
    },
    /// Strategy progress report, with its target review appendix.
    Strategy {
        #[arg(long)]
        strategy: String,
        #[arg(long)]
        period: String,
        #[command(flatten)]
        output: Output,
    },
    /// A directorate business plan's appendix: objectives, milestones, risks, key indicators.
    BusinessPlan {
        #[arg(long)]
        board: String,
        /// The plan's first financial year, e.g. 2013/14 for the 2013–16 plan.
        #[arg(long)]
        from: String,
        #[command(flatten)]
        output: Output,
    },
    /// An action plan's progress, and what changed since the last report.
    ActionPlan {
        #[arg(long)]
        plan: String,
        /// Report date (default: the latest report on the plan), e.g. 2013-01-03.
        #[arg(long)]
        as_at: Option<String>,
        #[command(flatten)]
        output: Output,
    },
    /// Quarterly Monitoring Report for a department.
    Qmr {
        #[arg(long)]
        department: String,
        #[arg(long)]
        period: String,
        #[command(flatten)]
        output: Output,
    },
}

impl ReportKind {
    /// The checked request, and where and how to write it.
    fn request(self) -> anyhow::Result<(commands::Request, Output)> {
        use commands::{Request, parse_period};
        let date =
            |s: &str| scrutiny_domain::period::parse_date(s).map_err(|e| anyhow::anyhow!("{e}"));
        Ok(match self {
            ReportKind::Pbr {
                board,
                period,
                output,
            } => (
                Request::Pbr {
                    board,
                    period: parse_period(&period)?,
                },
                output,
            ),
            ReportKind::Qmr {
                department,
                period,
                output,
            } => (
                Request::Qmr {
                    department,
                    period: parse_period(&period)?,
                },
                output,
            ),
            ReportKind::Strategy {
                strategy,
                period,
                output,
            } => (
                Request::Strategy {
                    strategy,
                    period: parse_period(&period)?,
                },
                output,
            ),
            ReportKind::ActionPlan {
                plan,
                as_at,
                output,
            } => (
                Request::ActionPlan {
                    plan,
                    as_at: as_at.as_deref().map(date).transpose()?,
                },
                output,
            ),
            ReportKind::BusinessPlan {
                board,
                from,
                output,
            } => {
                let from = scrutiny_domain::FinancialYear::parse(&from)
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
                (Request::BusinessPlan { board, from }, output)
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
            Command::Demo {
                out,
                data,
                no_serve,
                web,
            } => commands::demo(cli.db, &out, data, (!no_serve).then_some(web)).await,
            Command::Serve { web } => web::serve(cli.db, web).await,
            Command::User { action } => match action {
                UserAction::Add {
                    username,
                    name,
                    role,
                    department,
                } => web::user_add(cli.db, &username, &name, &role, department).await,
                UserAction::List => web::user_list(cli.db).await,
            },
            Command::Meetings {
                action: MeetingsAction::Anonymise { before, yes },
            } => meetings::anonymise(cli.db, &before, yes).await,
            Command::Meetings {
                action: MeetingsAction::Pack { code, members, out },
            } => meetings::pack(cli.db, &code, members, &out).await,
            Command::Complaints { action } => match action {
                ComplaintsAction::Import { paths } => complaints::import(cli.db, &paths).await,
                ComplaintsAction::Report {
                    year,
                    basis,
                    suppress_below,
                    earlier_years,
                    route,
                    output,
                } => {
                    let args = complaints::ReportArgs {
                        year,
                        route,
                        basis,
                        suppress_below,
                        earlier_years,
                    };
                    complaints::report(cli.db, args, &output.format, &output.out).await
                }
                ComplaintsAction::Publish { year } => complaints::publish(cli.db, &year).await,
                ComplaintsAction::Anonymise { before, yes } => {
                    complaints::anonymise(cli.db, before.as_deref(), yes).await
                }
            },
            Command::Cases { action } => match action {
                CasesAction::Measures {
                    path,
                    care,
                    year,
                    contact_window,
                } => cases::measures(&path, &year, contact_window, &care),
                CasesAction::Apply {
                    path,
                    care,
                    period,
                    contact_window,
                } => cases::apply(cli.db, &path, &period, contact_window, &care).await,
                CasesAction::Synth {
                    out,
                    seed,
                    children,
                    year,
                } => cases::synth(seed, children, &year, &out),
                CasesAction::Why {
                    path,
                    measure,
                    period,
                    contact_window,
                } => cases::why(cli.db, &path, &measure, &period, contact_window).await,
                CasesAction::Erase(how) => cases::erase(cli.db, &how).await,
                CasesAction::Scorecard { path, year, output } => {
                    cases::adoption_scorecard(&path, &year, &output.format, &output.out)
                }
                CasesAction::Missing {
                    path,
                    every,
                    date,
                    output,
                } => cases::missing(&path, &every, &date, &output.format, &output.out),
                CasesAction::FrontDoor {
                    path,
                    every,
                    date,
                    contact_window,
                    suppress_below,
                    output,
                } => cases::front_door(
                    &path,
                    &every,
                    &date,
                    contact_window,
                    suppress_below,
                    &output.format,
                    &output.out,
                ),
                CasesAction::Report {
                    path,
                    year,
                    board,
                    suppress_below,
                    output,
                } => {
                    cases::report(
                        cli.db,
                        &path,
                        &year,
                        board,
                        suppress_below,
                        &output.format,
                        &output.out,
                    )
                    .await
                }
            },
            Command::Backup { to } => web::backup(cli.db, &to).await,
            Command::Restore { from, yes } => web::restore(cli.db, &from, yes).await,
            Command::Import {
                paths,
                decimal_comma,
            } => {
                let options = scrutiny_import::Options { decimal_comma };
                commands::import(cli.db, &paths, options).await
            }
            Command::Template { out } => commands::template(&out),
            Command::Report { kind } => match kind.request() {
                Ok((request, output)) => {
                    commands::report(cli.db, request, &output.format, &output.out).await
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
