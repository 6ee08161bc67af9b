//! Integration tests: the whole path from import files to printed reports.
//!
//! Every test that touches storage runs on SQLite by default, and on PostgreSQL when
//! `SCRUTINY_TEST_PG` holds an admin URL (the test script sets it): each test gets a fresh database.

mod harness;

// Across areas: the CLI, storage, import errors, the round trip of every table, the sample
// reports' HTML and PDF layout, the web application, the crash test and the sample workbooks.
mod accounts;
mod case_analysis;
mod case_records;
mod cases;
mod cli;
mod crash;
mod hostile;
mod html_snapshot;
mod import_errors;
mod import_keeps;
mod pdf_layout;
mod round_trip;
mod store;
mod web;
mod web_reach;
mod workbooks;

// One folder per area.
pub(crate) mod complaints;
pub(crate) mod meetings;
pub(crate) mod performance;
mod plans;
