//! Integration tests: the whole path from import files to printed reports.
//!
//! Every test that touches storage runs on SQLite by default, and on PostgreSQL when
//! `SCRUTINY_TEST_PG` holds an admin URL (the test script sets it): each test gets a fresh database.

mod harness;

mod action_plans;
mod cli;
mod complaints;
mod crash;
mod golden_business_plan;
mod golden_complaints;
mod golden_pbr;
mod golden_qmr;
mod golden_scs;
mod html_snapshot;
mod import_errors;
mod one_history;
mod round_trip;
mod store;
mod web;
