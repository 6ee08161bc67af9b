//! The schema migrations, embedded in the binary. They are listed here rather than found by sqlx's
//! `migrate!` macro: that macro's feature compiles a second copy of SQLite's C code and of tokio
//! for the compiler (see docs/build.md). A test keeps this list equal to the folders' contents.

use std::borrow::Cow;

use sqlx::SqlSafeStr;
use sqlx::migrate::{Migration, MigrationType, Migrator};

use crate::Backend;

/// Each migration's file stem, with its SQLite and PostgreSQL text.
macro_rules! embed {
    ($($stem:literal),* $(,)?) => {
        &[$((
            $stem,
            include_str!(concat!("../migrations/sqlite/", $stem, ".sql")),
            include_str!(concat!("../migrations/postgres/", $stem, ".sql")),
        )),*]
    };
}

const FILES: &[(&str, &str, &str)] = embed![
    "20261123000001_framework",
    "20261123000002_plans",
    "20261123000003_business_plans",
    "20261123000004_indicator_year_refs",
    "20261202000005_web",
    "20261202000006_complaints",
    "20261203000007_complaint_procedure",
    "20261203000008_report_covers",
    "20261203000009_board_negatives",
    "20261203000010_indicator_bounds",
    "20261203130001_comparison_basis",
    "20261203130002_count_percentages",
    "20261203130003_exception_rule",
    "20261203140001_context_measures",
    "20261203140002_indicator_groups",
    "20261203170001_formula",
    "20261204090001_report_layouts",
    "20261204090002_frequency",
    "20261204090003_handling_code",
    "20261204090004_team_caseloads",
    "20261204090005_complaint_narrative",
    "20261204090006_complaint_editions",
    "20261205090001_restated_cells",
    "20261205090002_accounts",
    "20261205090003_approved_draft",
    "20261205090004_indicator_measures",
    "20261205090005_value_sources",
    "20261206090001_figure_records",
    "20261206090002_meetings",
    "20261206090003_minutes",
    "20261206090004_report_received",
    "20261206090005_public_questions",
    "20261206090006_agenda_published",
    "20261206090007_agenda_reports",
    "20261206090008_meeting_alerts",
    "20261206090009_work_programme",
    "20261206090010_item_uploads",
    "20261206090011_declarations",
    "20261206090012_board_clear_days",
    "20261206090013_jobs",
    "20261206090014_figure_record_days",
    "20261206090015_minutes_published",
];

/// The migrator for one backend, named and checksummed exactly as `migrate!` did, so databases
/// made by earlier releases see the same history.
pub(crate) fn migrator(backend: Backend) -> Migrator {
    let migrations = FILES
        .iter()
        .map(|&(stem, sqlite, postgres)| {
            let (version, name) = stem.split_once('_').unwrap_or((stem, ""));
            let sql = match backend {
                Backend::Sqlite => sqlite,
                Backend::Postgres => postgres,
            };
            Migration::new(
                version.parse().unwrap_or_default(),
                Cow::Owned(name.replace('_', " ")),
                MigrationType::Simple,
                sql.into_sql_str(),
                false,
            )
        })
        .collect();
    Migrator::with_migrations(migrations)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(backend: &str) -> Vec<String> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/");
        let mut found: Vec<String> = std::fs::read_dir(format!("{dir}{backend}"))
            .expect("migrations folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter_map(|n| n.strip_suffix(".sql").map(str::to_string))
            .collect();
        found.sort();
        found
    }

    #[test]
    fn every_migration_file_is_embedded_and_versions_parse() {
        let listed: Vec<String> = FILES.iter().map(|f| f.0.to_string()).collect();
        assert_eq!(stems("sqlite"), listed, "add the new migration to FILES");
        assert_eq!(stems("postgres"), listed, "add the new migration to FILES");
        for (stem, _, _) in FILES {
            let version = stem.split_once('_').map(|(v, _)| v.parse::<i64>());
            assert!(matches!(version, Some(Ok(_))), "{stem} has no version");
        }
        let m = migrator(Backend::Sqlite);
        assert_eq!(m.migrations.len(), FILES.len());
        assert_eq!(m.migrations[0].description, "framework");
    }
}
