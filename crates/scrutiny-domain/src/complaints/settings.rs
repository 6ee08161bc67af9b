//! The council's own settings for its complaints procedure and annual report, held as data (a
//! `settings` table of key and value) so another council's way of working needs no code: an
//! extra local stage, how long personal data is kept, and the report's counting rules.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::complaints::figures::{Basis, Rules};
use crate::complaints::procedure::LocalStage;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Setting {
    pub key: String,
    pub value: String,
}

/// Every setting: its key and what to give.
pub const SETTINGS: [(&str, &str); 13] = [
    (
        "routes",
        "the kinds of case counted as complaints, by route, separated by commas, e.g. statutory, corporate (blank: statutory)",
    ),
    (
        "received_by",
        "also count statutory complaints received by quarter or month across the years compared: year (blank), quarter or month",
    ),
    (
        "period_tables",
        "tables also given by quarter or month (as received_by) across the years compared, separated by commas: kinds, stages, channels, profiles, categories, teams, outcomes (blank: none)",
    ),
    (
        "council",
        "the council's name as printed on the annual report, e.g. Halton Borough Council",
    ),
    (
        "report_title",
        "the annual report's title (blank: Annual Report: Comments, Complaints and Compliments relating to Children's Social Care)",
    ),
    (
        "local_stage",
        "name of a stage before Stage 1, e.g. Informal resolution (blank: none)",
    ),
    (
        "local_stage_days",
        "working days allowed at the local stage, e.g. 5",
    ),
    (
        "retention_years",
        "years after closure that names are kept before they are erased, e.g. 6",
    ),
    (
        "basis",
        "count outcomes and timeliness over cases 'received' or 'closed' in the year",
    ),
    (
        "suppress_below",
        "published counts below this are shown as 'fewer than N' (0: none), e.g. 5",
    ),
    (
        "percent_dp",
        "decimal places of percentages, rounded by the rounding setting, e.g. 0",
    ),
    (
        "rounding",
        "how percentages are rounded: half_up (62.5 to 63, the default), half_even, or down (62.9 to 62)",
    ),
    (
        "earlier_years",
        "earlier years the report compares with, 0 to 4",
    ),
];

/// A period shorter than the year that counts are also given by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Interval {
    Quarter,
    Month,
}

/// A breakdown the annual report can also give by quarter or month (`period_tables`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PeriodTable {
    Kinds,
    Stages,
    Channels,
    Profiles,
    Categories,
    Teams,
    Outcomes,
}

impl PeriodTable {
    pub const ALL: [(&'static str, PeriodTable); 7] = [
        ("kinds", PeriodTable::Kinds),
        ("stages", PeriodTable::Stages),
        ("channels", PeriodTable::Channels),
        ("profiles", PeriodTable::Profiles),
        ("categories", PeriodTable::Categories),
        ("teams", PeriodTable::Teams),
        ("outcomes", PeriodTable::Outcomes),
    ];

    /// The tables a setting's value names, or the first word that is not one.
    pub fn parse_list(value: &str) -> Result<Vec<PeriodTable>, String> {
        value
            .split(',')
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .map(|w| {
                Self::ALL
                    .iter()
                    .find(|(name, _)| name.eq_ignore_ascii_case(w))
                    .map(|(_, t)| *t)
                    .ok_or_else(|| {
                        let names: Vec<&str> = Self::ALL.iter().map(|(n, _)| *n).collect();
                        format!(
                            "'{w}' is not a table given by period; use: {}",
                            names.join(", ")
                        )
                    })
            })
            .collect()
    }
}

/// The settings in force, with defaults for any not given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// The kinds of case reported as complaints, each a route (statutory first by default).
    pub routes: Vec<String>,
    /// Statutory complaints received also counted by quarter or by month.
    pub received_by: Option<Interval>,
    /// Breakdowns also given by that quarter or month, in an annex.
    pub period_tables: Vec<PeriodTable>,
    /// The council's name and the report's title, as printed.
    pub council: Option<String>,
    pub report_title: Option<String>,
    pub local_stage: Option<LocalStage>,
    pub retention_years: Option<u32>,
    /// The published report's rules.
    pub rules: Rules,
}

/// The retention cut-off on `today`, names being kept `years` after closure: cases closed before
/// it have their names erased. It is the day `years` whole years before `today`; 29 February
/// counts back to 28 February when the earlier year has none. An error only for a count reaching
/// before the calendar's start.
pub fn retention_cut_off(today: NaiveDate, years: u32) -> Result<NaiveDate, String> {
    years
        .checked_mul(12)
        .and_then(|months| today.checked_sub_months(Months::new(months)))
        .ok_or_else(|| format!("cannot count {years} years back from {today}"))
}

/// Checks one setting's value; the error says what to give.
pub fn check(key: &str, value: &str) -> Result<(), String> {
    let number = |max: u64| -> Result<(), String> {
        match value.parse::<u64>() {
            Ok(n) if n <= max => Ok(()),
            _ => Err(format!("'{value}' is not a whole number from 0 to {max}")),
        }
    };
    match key {
        "local_stage" | "council" | "report_title" | "routes" => Ok(()),
        "period_tables" => PeriodTable::parse_list(value).map(|_| ()),
        "received_by" if ["year", "quarter", "month"].contains(&value) => Ok(()),
        "received_by" => Err(format!("'{value}' is not year, quarter or month")),
        "local_stage_days" => number(65),
        "retention_years" => number(100),
        "basis" if ["received", "closed"].contains(&value) => Ok(()),
        "basis" => Err(format!("'{value}' is not 'received' or 'closed'")),
        "suppress_below" => number(100),
        "percent_dp" => number(3),
        "rounding" => crate::format::Rounding::parse(value)
            .map(|_| ())
            .map_err(|_| format!("'{value}' is not half_up, half_even or down")),
        "earlier_years" => number(4),
        _ => {
            let keys: Vec<&str> = SETTINGS.iter().map(|(k, _)| *k).collect();
            Err(format!(
                "'{key}' is not a setting; use one of: {}",
                keys.join(", ")
            ))
        }
    }
}

/// The settings from their stored pairs. Values were checked on the way in, so one that does
/// not read (it cannot, short of editing the database) keeps its default.
pub fn settings(pairs: &[Setting]) -> Settings {
    let get = |k: &str| {
        pairs
            .iter()
            .find(|s| s.key == k)
            .map(|s| s.value.trim())
            .filter(|v| !v.is_empty())
    };
    let num = |k: &str| get(k).and_then(|v| v.parse::<u32>().ok());
    let mut s = Settings {
        routes: get("routes")
            .map(|v| {
                v.split(',')
                    .map(|k| k.trim().to_string())
                    .filter(|k| !k.is_empty())
                    .collect()
            })
            .filter(|r: &Vec<String>| !r.is_empty())
            .unwrap_or_else(|| vec!["statutory".to_string()]),
        received_by: match get("received_by") {
            Some("quarter") => Some(Interval::Quarter),
            Some("month") => Some(Interval::Month),
            _ => None,
        },
        period_tables: get("period_tables")
            .and_then(|v| PeriodTable::parse_list(v).ok())
            .unwrap_or_default(),
        council: get("council").map(str::to_string),
        report_title: get("report_title").map(str::to_string),
        local_stage: get("local_stage").map(|label| LocalStage {
            label: label.to_string(),
            days: num("local_stage_days").unwrap_or(5),
        }),
        retention_years: num("retention_years"),
        rules: Rules::default(),
    };
    if get("basis") == Some("closed") {
        s.rules.basis = Basis::Closed;
    }
    if let Some(n) = num("suppress_below") {
        s.rules.suppress_below = u64::from(n);
    }
    if let Some(n) = num("percent_dp") {
        s.rules.percent_dp = n;
    }
    if let Some(r) = get("rounding").and_then(|v| crate::format::Rounding::parse(v).ok()) {
        s.rules.rounding = r;
    }
    if let Some(n) = num("earlier_years") {
        s.rules.earlier_years = u8::try_from(n.min(4)).unwrap_or(4);
    }
    s
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn pair(k: &str, v: &str) -> Setting {
        Setting {
            key: k.into(),
            value: v.into(),
        }
    }

    #[test]
    fn settings_fill_in_defaults() {
        assert_eq!(settings(&[]).routes, ["statutory"]);
        assert_eq!(
            settings(&[pair("routes", "statutory, corporate")]).routes,
            ["statutory", "corporate"]
        );
        assert_eq!(
            settings(&[pair("received_by", "month")]).received_by,
            Some(Interval::Month)
        );
        assert!(check("received_by", "week").is_err());
        let s = settings(&[
            pair("local_stage", "Informal resolution"),
            pair("basis", "closed"),
            pair("suppress_below", "10"),
            pair("retention_years", "6"),
        ]);
        assert_eq!(
            s.local_stage.map(|l| (l.label, l.days)),
            Some(("Informal resolution".into(), 5))
        );
        assert_eq!(s.rules.basis, Basis::Closed);
        assert_eq!(s.rules.suppress_below, 10);
        assert_eq!(s.retention_years, Some(6));
    }

    fn d(s: &str) -> NaiveDate {
        crate::period::parse_date(s).unwrap()
    }

    #[test]
    fn retention_counts_whole_years_back() {
        assert_eq!(retention_cut_off(d("2026-12-03"), 6), Ok(d("2020-12-03")));
        // No 29 February in 2018: the day before it.
        assert_eq!(retention_cut_off(d("2024-02-29"), 6), Ok(d("2018-02-28")));
        assert_eq!(retention_cut_off(d("2024-02-29"), 4), Ok(d("2020-02-29")));
        assert_eq!(retention_cut_off(d("2026-12-03"), 0), Ok(d("2026-12-03")));
        assert!(retention_cut_off(d("2026-12-03"), u32::MAX).is_err());
    }

    proptest::proptest! {
        /// The cut-off is the same day and month `years` earlier, or 28 February for 29 February.
        #[test]
        fn retention_keeps_the_day_and_month(days in 0i64..30_000, years in 0u32..100) {
            use chrono::Datelike;
            let today = d("1950-01-01") + chrono::Duration::days(days);
            let cut = retention_cut_off(today, years).unwrap();
            proptest::prop_assert_eq!(cut.year(), today.year() - i32::try_from(years).unwrap());
            proptest::prop_assert_eq!(cut.month(), today.month());
            let leap_day = (today.month(), today.day()) == (2, 29) && cut.day() == 28;
            proptest::prop_assert!(cut.day() == today.day() || leap_day);
            proptest::prop_assert!(cut <= today);
        }
    }

    #[test]
    fn bad_values_are_refused_with_what_to_give() {
        assert!(
            check("basis", "opened")
                .unwrap_err()
                .contains("'received' or 'closed'")
        );
        assert!(check("earlier_years", "5").is_err());
        assert!(check("colour", "red").unwrap_err().contains("local_stage"));
        assert_eq!(check("percent_dp", "1"), Ok(()));
        assert_eq!(check("rounding", "down"), Ok(()));
        assert!(check("rounding", "up").unwrap_err().contains("half_even"));
        assert_eq!(
            settings(&[pair("rounding", "half_even")]).rules.rounding,
            crate::format::Rounding::HalfEven
        );
    }
}
