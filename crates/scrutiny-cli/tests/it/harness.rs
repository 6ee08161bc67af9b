//! The test harness: a fresh database per test, on the backend the environment asks for.

#![allow(clippy::disallowed_methods, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use scrutiny_domain::Dataset;
use scrutiny_store::Store;
use sqlx::Connection;

pub struct TestDb {
    pub store: Store,
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// The PostgreSQL admin URL when the tests run on PostgreSQL.
fn pg_admin() -> Option<String> {
    std::env::var("SCRUTINY_TEST_PG")
        .ok()
        .filter(|a| !a.is_empty())
}

/// A database name no other test (or test process) uses. It starts `scrutiny_t_<process id>_`,
/// so `scripts/test` can drop one run's databases and leave another run's alone.
fn pg_name(kind: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!(
        "scrutiny_t_{}_{kind}{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst),
        nanos
    )
}

/// Runs one statement on the admin database.
async fn pg_admin_exec(admin: &str, sql: String) {
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(admin)
        .await
        .expect("connect to the PostgreSQL admin URL");
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .execute(&mut conn)
        .await
        .unwrap();
}

fn pg_url(admin: &str, name: &str) -> String {
    let base = admin.rsplit_once('/').map_or(admin, |(b, _)| b);
    format!("{base}/{name}")
}

/// The sample council imported once per test process, through the import path, and then only
/// copied, rather than imported again for each of the many tests that start from it. SQLite: a
/// closed database file; PostgreSQL: a database no one is connected to, used as
/// `CREATE DATABASE`'s template.
enum Template {
    Sqlite(PathBuf, #[allow(dead_code)] tempfile::TempDir),
    Postgres(String),
}

static TEMPLATE: std::sync::OnceLock<Template> = std::sync::OnceLock::new();

fn template() -> &'static Template {
    TEMPLATE.get_or_init(|| {
        // Built on a runtime of its own, so that no test's runtime owns its connections.
        std::thread::spawn(|| {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap()
                .block_on(build_template())
        })
        .join()
        .unwrap_or_else(|_| panic!("importing the sample council failed; see above"))
    })
}

async fn build_template() -> Template {
    let db = match pg_admin() {
        Some(admin) => {
            let name = pg_name("tmpl_");
            pg_admin_exec(&admin, format!("CREATE DATABASE {name}")).await;
            TestDb::open(pg_url(&admin, &name), None).await
        }
        None => {
            // Under target/tmp: a static is never dropped, so the folder outlives the process.
            let dir = tempfile::Builder::new()
                .prefix("it-samples-")
                .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
                .unwrap();
            let url = format!("sqlite://{}", dir.path().join("test.db").display());
            TestDb::open(url, Some(dir)).await
        }
    };
    for set in SAMPLE_SETS {
        db.import(&sample(set))
            .await
            .unwrap_or_else(|e| panic!("{set}: {e}"));
    }
    // Closing the last connection checkpoints SQLite's WAL into the file and lets PostgreSQL
    // copy the database (it refuses a template with open connections).
    db.store.close().await;
    match db._dir {
        Some(dir) => Template::Sqlite(dir.path().join("test.db"), dir),
        None => Template::Postgres(db.url.rsplit_once('/').map(|(_, n)| n.to_string()).unwrap()),
    }
}

impl TestDb {
    async fn open(url: String, dir: Option<tempfile::TempDir>) -> TestDb {
        let store = Store::open(&url).await.expect("open test database");
        TestDb {
            store,
            url,
            _dir: dir,
        }
    }

    pub async fn new() -> TestDb {
        match pg_admin() {
            Some(admin) => {
                let name = pg_name("");
                pg_admin_exec(&admin, format!("CREATE DATABASE {name}")).await;
                TestDb::open(pg_url(&admin, &name), None).await
            }
            None => {
                let dir = tempfile::tempdir().unwrap();
                let url = format!("sqlite://{}", dir.path().join("test.db").display());
                TestDb::open(url, Some(dir)).await
            }
        }
    }

    /// A database of its own holding a copy of the imported sample council.
    async fn from_template() -> TestDb {
        match template() {
            Template::Postgres(tmpl) => {
                let admin = pg_admin().expect("SCRUTINY_TEST_PG");
                let name = pg_name("");
                pg_admin_exec(&admin, format!("CREATE DATABASE {name} TEMPLATE {tmpl}")).await;
                TestDb::open(pg_url(&admin, &name), None).await
            }
            Template::Sqlite(file, _) => {
                let dir = tempfile::tempdir().unwrap();
                let db = dir.path().join("test.db");
                std::fs::copy(file, &db).unwrap();
                TestDb::open(format!("sqlite://{}", db.display()), Some(dir)).await
            }
        }
    }

    /// Reads and applies one import set, as the CLI does.
    pub async fn import(
        &self,
        path: &Path,
    ) -> Result<scrutiny_store::ApplySummary, scrutiny_import::ImportErrors> {
        let known = self.store.known().await.unwrap();
        let data = scrutiny_import::read_set(path, &known)?;
        Ok(self
            .store
            .apply(
                &data,
                "test",
                "2026-11-23T00:00:00Z",
                &path.display().to_string(),
            )
            .await
            .unwrap())
    }

    /// The sample council, loaded through the same import path a council uses (once per test
    /// process; each test gets its own copy of the result, see `Template`).
    pub async fn with_samples() -> (TestDb, Dataset) {
        let db = TestDb::from_template().await;
        let data = db.store.load().await.unwrap();
        (db, data)
    }
}

/// The day the tests' complaints imports run on: fixed, so a test never depends on the clock.
pub fn import_day() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// Every sample set, in the order it must be imported (as `scrutiny demo` does).
pub use scrutiny_import::SAMPLE_SETS;

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn sample(set: &str) -> PathBuf {
    repo_root().join("data/sample").join(set)
}

/// A golden table from `data/golden`, as (header, rows) of tab-separated cells.
pub fn golden(name: &str) -> Vec<std::collections::HashMap<String, String>> {
    let text = std::fs::read_to_string(repo_root().join("data/golden").join(name)).unwrap();
    let mut lines = text.lines();
    let header: Vec<String> = lines
        .next()
        .unwrap()
        .split('\t')
        .map(str::to_string)
        .collect();
    let rows: Vec<_> = lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            header
                .iter()
                .cloned()
                .zip(
                    l.split('\t')
                        .map(|c| c.trim().to_string())
                        .chain(std::iter::repeat(String::new())),
                )
                .collect()
        })
        .collect();
    // A comparison over no rows would pass whatever the report printed.
    assert!(!rows.is_empty(), "the golden table {name} has no rows");
    rows
}

/// The numbers in a cell, for comparing "56%" with "56.0" and "54.0 (proposed; was 45)" with "54.0 (45)".
pub fn numbers(s: &str) -> Vec<f64> {
    s.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
        .filter_map(|t| t.trim_matches(['.', '-']).parse::<f64>().ok())
        .collect()
}

/// Whether our cell says what the seed's does: the same numbers, or the same words once brackets,
/// percent signs and punctuation are set aside.
/// The report prints one indicator's figures at one number of places and every negative in the
/// document's style ("(13%)"), where the seeds mix "24%" with "23.0%" and "-123" with "(20)": the
/// numbers must be equal, the places and the sign's style may differ.
pub fn same(ours: &str, seed: &str) -> bool {
    let n = (numbers(&minus(ours)), numbers(&minus(seed)));
    if !n.0.is_empty() || !n.1.is_empty() {
        return n.0 == n.1;
    }
    let words = |s: &str| {
        s.replace(['(', ')', ',', '.'], " ")
            .to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    words(ours) == words(seed)
}

/// A bracketed negative ("(13%)") with a minus ("-13%").
fn minus(s: &str) -> String {
    match scrutiny_domain::format::read_printed(s) {
        Some(r) if r.figure.starts_with('(') => {
            let inner = &r.figure[1..r.figure.len() - 1];
            s.replacen(&r.figure, &format!("-{inner}"), 1)
        }
        _ => s.to_string(),
    }
}

/// Every indicator row of a report, in order.
pub fn indicator_rows(
    doc: &scrutiny_report::document::Document,
) -> Vec<scrutiny_report::document::IndicatorRow> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            scrutiny_report::document::Block::Indicators { rows, .. } => Some(rows.clone()),
            _ => None,
        })
        .flatten()
        .collect()
}

/// Imports a one-table set written on the spot, e.g. a `values.csv` changing one figure.
pub async fn import_table(db: &TestDb, file: &str, csv: &str) {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join(file), csv).expect("write");
    db.import(dir.path()).await.expect("import");
}

/// The Q1 2012/13 Priority Based Report of the sample board.
pub fn pbr_q1(data: &scrutiny_domain::Dataset) -> scrutiny_report::document::Document {
    let period = scrutiny_domain::Period::parse("2012/13 Q1").expect("period");
    scrutiny_report::performance::pbr::priority_based_report(
        data,
        "CYPF",
        period,
        "23 November 2026",
    )
    .expect("pbr")
}
