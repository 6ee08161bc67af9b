//! The six front-door measures computed by Apache DataFusion from the Annex A CSV files that
//! `scrutiny cases synth` writes, for decision 005. The SQL follows `scripts/bench_cases.py`
//! (DuckDB) as closely as DataFusion allows. Prints one JSON line like that script.
//!
//! Usage: datafusion-probe <data folder> <year start, e.g. 2023> <bank-holidays.json>

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Instant;

use datafusion::arrow::array::{Array, Date32Array, Int64Array, RecordBatch};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::datasource::MemTable;
use datafusion::prelude::{CsvReadOptions, SessionContext};

/// Days since 1970-01-01 for a civil date (Howard Hinnant's days_from_civil).
fn day_number(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i32 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// Every day from 2000 to 2035 with its count of working days so far, so that the working days
/// after s up to and including e are idx(e) - idx(s), as in bench_cases.py.
fn calendar(holidays_file: &str) -> probe_error::Result<RecordBatch> {
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(holidays_file)?)?;
    let holidays: HashSet<i32> = json["england-and-wales"]["events"]
        .as_array()
        .ok_or("no england-and-wales events")?
        .iter()
        .filter_map(|e| e["date"].as_str())
        .map(|s| {
            let p: Vec<u32> = s.split('-').map(|x| x.parse().unwrap()).collect();
            day_number(p[0] as i32, p[1], p[2])
        })
        .collect();
    let (first, last) = (day_number(2000, 1, 1), day_number(2035, 12, 31));
    let (mut days, mut index, mut n) = (Vec::new(), Vec::new(), 0i64);
    for d in first..=last {
        // 1970-01-01 was a Thursday: weekday 0 = Monday.
        let weekday = (d + 3).rem_euclid(7);
        if weekday < 5 && !holidays.contains(&d) {
            n += 1;
        }
        days.push(d);
        index.push(n);
    }
    let schema = Arc::new(Schema::new(vec![
        Field::new("day", DataType::Date32, false),
        Field::new("idx", DataType::Int64, false),
    ]));
    Ok(RecordBatch::try_new(
        schema,
        vec![
            Arc::new(Date32Array::from(days)),
            Arc::new(Int64Array::from(index)),
        ],
    )?)
}

/// Plain boxed errors: the probe needs nothing richer.
mod probe_error {
    pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;
}

/// A CSV file read with every column as text: the lists carry dates as ISO text and empty cells
/// for missing dates, which the SQL casts (empty cells read as NULL).
async fn register(
    ctx: &SessionContext,
    name: &str,
    path: &str,
    columns: &[&str],
) -> probe_error::Result<()> {
    let schema = Schema::new(
        columns
            .iter()
            .map(|c| Field::new(*c, DataType::Utf8, true))
            .collect::<Vec<_>>(),
    );
    ctx.register_csv(
        name,
        path,
        CsvReadOptions::new().has_header(true).schema(&schema),
    )
    .await?;
    Ok(())
}

/// The first row of a one-row answer, as integers.
async fn row(ctx: &SessionContext, sql: &str) -> probe_error::Result<Vec<i64>> {
    let batches = ctx.sql(sql).await?.collect().await?;
    let batch = batches
        .iter()
        .find(|b| b.num_rows() > 0)
        .ok_or("no rows")?;
    (0..batch.num_columns())
        .map(|i| {
            let col = batch.column(i);
            let col = datafusion::arrow::compute::cast(col, &DataType::Int64)?;
            let col = col.as_any().downcast_ref::<Int64Array>().ok_or("not int")?;
            Ok(col.value(0))
        })
        .collect()
}

fn peak_mb() -> i64 {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    usage.ru_maxrss / 1024 // kilobytes on Linux
}

#[tokio::main]
async fn main() -> probe_error::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 4 {
        return Err("usage: datafusion-probe <data folder> <year start> <bank-holidays.json>".into());
    }
    let (folder, year, holidays_file) = (&args[1], args[2].parse::<i32>()?, &args[3]);
    let (start, end) = (format!("{year}-04-01"), format!("{}-03-31", year + 1));

    let t0 = Instant::now();
    let ctx = SessionContext::new();
    let cal = calendar(holidays_file)?;
    ctx.register_table("cal", Arc::new(MemTable::try_new(cal.schema(), vec![vec![cal]])?))?;
    register(
        &ctx,
        "l1",
        &format!("{folder}/List 1.csv"),
        &["Child Unique ID", "Date of Contact", "Contact Source"],
    )
    .await?;
    register(
        &ctx,
        "l3",
        &format!("{folder}/List 3.csv"),
        &["Child Unique ID", "Date of referral", "Referral Source", "Referral NFA?"],
    )
    .await?;
    register(
        &ctx,
        "l4",
        &format!("{folder}/List 4.csv"),
        &[
            "Child Unique ID",
            "Continuous Assessment Start Date",
            "Continuous Assessment Date of Authorisation",
        ],
    )
    .await?;

    let contacts = row(
        &ctx,
        &format!(
            r#"SELECT count(*) FROM l1
               WHERE CAST("Date of Contact" AS DATE) BETWEEN DATE '{start}' AND DATE '{end}'"#
        ),
    )
    .await?;
    let referrals = row(
        &ctx,
        &format!(
            r#"SELECT count(*),
                 count(*) FILTER (WHERE prev >= day - INTERVAL '12 months'),
                 count(*) FILTER (WHERE nfa)
               FROM (SELECT *, lag(day) OVER (PARTITION BY child ORDER BY day) AS prev
                     FROM (SELECT "Child Unique ID" AS child,
                                  CAST("Date of referral" AS DATE) AS day,
                                  bool_or("Referral NFA?" = 'a) Yes') AS nfa
                           FROM l3 GROUP BY 1, 2))
               WHERE day BETWEEN DATE '{start}' AND DATE '{end}'"#
        ),
    )
    .await?;
    let assessments = row(
        &ctx,
        &format!(
            r#"SELECT count(*), count(*) FILTER (WHERE e.idx - s.idx <= 45)
               FROM l4 a
               JOIN cal s ON s.day = CAST(a."Continuous Assessment Start Date" AS DATE)
               JOIN cal e ON e.day = CAST(a."Continuous Assessment Date of Authorisation" AS DATE)
               WHERE e.day BETWEEN DATE '{start}' AND DATE '{end}'"#
        ),
    )
    .await?;

    let seconds = t0.elapsed().as_secs_f64();
    let answers: Vec<i64> = [contacts, referrals, assessments].concat();
    println!(
        "{}",
        serde_json::json!({
            "engine": "datafusion",
            "seconds": (seconds * 100.0).round() / 100.0,
            "peak_mb": peak_mb(),
            "answers": answers,
        })
    );
    Ok(())
}
