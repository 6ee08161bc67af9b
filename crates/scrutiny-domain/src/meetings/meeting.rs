//! A board's meeting and its agenda: numbered items with lettered sub-items, Part I (public) and
//! Part II (exempt, citing the paragraph of Schedule 12A to the Local Government Act 1972), and
//! the dates the law and the council's standing orders count back from the meeting.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::calendar::{BankHolidays, CalendarError};
use crate::meetings::ReportKind;

/// A meeting of a board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    /// The council's reference, e.g. `CYPF-2018-11-12`.
    pub code: String,
    pub board: String,
    pub date: NaiveDate,
    /// As the agenda prints it, e.g. `6.30 p.m.`; `start` is the same as 24-hour `18:30`.
    pub start: String,
    pub venue: String,
    /// Who to contact about the meeting: "Ann Jones on 0151 511 8276".
    pub contact: Option<String>,
    /// The day democratic services published the agenda; until then the public sees the
    /// meeting but not its items.
    pub published: Option<NaiveDate>,
    /// The day the minutes were published, once every minute is in; until then they are a
    /// draft that only members and officers see, and no alert is sent.
    #[serde(default)]
    pub minutes_published: Option<NaiveDate>,
}

impl Meeting {
    /// Whether the public may see the agenda on `today`.
    pub fn agenda_public(&self, today: NaiveDate) -> bool {
        self.published.is_some_and(|p| p <= today)
    }

    /// Whether the public may see the minutes on `today`.
    pub fn minutes_public(&self, today: NaiveDate) -> bool {
        self.minutes_published.is_some_and(|p| p <= today)
    }
}

impl Meeting {
    /// The start as hours and minutes, when `start` is written `18:30` or `6.30 p.m.`.
    pub fn start_time(&self) -> Option<(u32, u32)> {
        let t = self.start.trim().to_ascii_lowercase().replace(' ', "");
        let (pm, t) = match (t.strip_suffix("p.m."), t.strip_suffix("pm")) {
            (Some(t), _) | (None, Some(t)) => (true, t.to_string()),
            _ => (
                false,
                t.trim_end_matches("a.m.")
                    .trim_end_matches("am")
                    .to_string(),
            ),
        };
        let (h, m) = t.split_once([':', '.']).unwrap_or((&t, "0"));
        let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
        let h = if pm && h < 12 { h + 12 } else { h };
        (h < 24 && m < 60).then_some((h, m))
    }
}

/// One item of an agenda: `item` "5" is the fifth, "5a" (or "5(a)") its first sub-item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub meeting: String,
    pub item: String,
    pub title: String,
    /// Part II: the paragraph of Schedule 12A to the Local Government Act 1972 (1 to 7) that
    /// makes the item exempt; none for a Part I (public) item.
    pub exempt_paragraph: Option<i64>,
    /// The officer whose report it is, for the chase list.
    pub owner: Option<String>,
    /// The day the item's report reached democratic services; none while it is awaited.
    pub report_received: Option<NaiveDate>,
    /// The report the pack prints for the item, found as a cover is: by kind, scope and period.
    pub report: Option<ReportKind>,
    /// What the report is for (board, department, strategy or plan; for minutes the meeting);
    /// blank for a paper, which belongs to this meeting.
    pub report_scope: Option<String>,
    /// The period the report is for ("2012/13 Q1", "2017/18"); blank for a paper or minutes.
    pub report_period: Option<String>,
    /// Words printed under the item on the agenda (the reminder about declaring interests).
    pub note: Option<String>,
}

/// Which report an agenda item prints, each part as the report is found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemReport {
    pub kind: ReportKind,
    pub scope: String,
    pub period: String,
}

impl ItemReport {
    /// A business plan's first year, as its period names it: `2013`, or `2013/14`.
    pub fn first_year(&self) -> Option<crate::period::FinancialYear> {
        match self.period.trim().parse::<i32>() {
            Ok(y) => Some(crate::period::FinancialYear(y)),
            Err(_) => crate::period::FinancialYear::parse(&self.period).ok(),
        }
    }

    /// An action plan's as-at date (`2013-01-03`): none for blank (as it stands), an error for
    /// anything else.
    pub fn as_at(&self) -> Result<Option<NaiveDate>, String> {
        match self.period.trim() {
            "" => Ok(None),
            d => NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| format!("'{d}' is not a date like 2013-01-03")),
        }
    }
}

impl AgendaItem {
    /// The item's number and its sub-item's letter (lower case), when `item` is written as a
    /// number with an optional letter: `5`, `5a`, `5(a)`, `5 (A)`.
    pub fn number_and_letter(&self) -> Option<(i64, Option<char>)> {
        let t: String = self
            .item
            .chars()
            .filter(|c| !matches!(c, ' ' | '(' | ')' | '.'))
            .collect();
        let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
        let rest: Vec<char> = t[digits.len()..].chars().collect();
        let number: i64 = digits.parse().ok().filter(|n| *n >= 1)?;
        match rest.as_slice() {
            [] => Some((number, None)),
            [l] if l.is_ascii_alphabetic() => Some((number, Some(l.to_ascii_lowercase()))),
            _ => None,
        }
    }

    /// As the agenda prints it: "5", "5(A)"; as typed when it cannot be read.
    pub fn reference(&self) -> String {
        match self.number_and_letter() {
            Some((n, Some(l))) => format!("{n}({})", l.to_ascii_uppercase()),
            Some((n, None)) => n.to_string(),
            None => self.item.clone(),
        }
    }

    pub fn is_exempt(&self) -> bool {
        self.exempt_paragraph.is_some()
    }

    /// The report the pack prints for this item: a paper is this meeting's, set for this item.
    pub fn report(&self) -> Option<ItemReport> {
        let kind = self.report?;
        let given = |t: &Option<String>| t.as_deref().map(str::trim).unwrap_or("").to_string();
        Some(match kind {
            ReportKind::Paper | ReportKind::Uploaded => ItemReport {
                kind,
                scope: self.meeting.clone(),
                period: self.item.trim().to_string(),
            },
            _ => ItemReport {
                kind,
                scope: given(&self.report_scope),
                period: given(&self.report_period),
            },
        })
    }

    /// Why a row cannot be an agenda item, in words.
    pub fn check(&self) -> Result<(), String> {
        if let Some(p) = self.exempt_paragraph
            && !(1..=7).contains(&p)
        {
            return Err(format!(
                "paragraph {p}: Schedule 12A to the Local Government Act 1972 has paragraphs 1 to 7"
            ));
        }
        if let Some(kind) = self.report
            && kind != ReportKind::Paper
            && self
                .report_scope
                .as_deref()
                .is_none_or(|s| s.trim().is_empty())
        {
            return Err(format!(
                "a {} report needs its report_scope: what it is for (a board, department, strategy, plan, or for minutes the meeting's code)",
                kind.code()
            ));
        }
        if self.number_and_letter().is_none() {
            return Err(format!(
                "'{}' is not an item number: write 1, 2 … and sub-items 5a, 5b …",
                self.item
            ));
        }
        Ok(())
    }
}

/// The UK's offset from UTC in hours on `date` for a meeting's hours: 1 in British Summer Time
/// (the last Sunday of March to the day before the last Sunday of October), 0 otherwise. The
/// change happens at 1 am UTC, an hour no board meets, so the day alone decides. Hand-written:
/// the one rule this needs does not justify a time-zone database.
pub fn uk_offset_hours(date: NaiveDate) -> i32 {
    use chrono::Datelike;
    let last_sunday = |month: u32| {
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(date.year() + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(date.year(), month + 1, 1)
        };
        next.map(|n| {
            let last = n - Duration::days(1);
            last - Duration::days(i64::from(last.weekday().num_days_from_sunday()))
        })
    };
    match (last_sunday(3), last_sunday(10)) {
        (Some(start), Some(end)) if date >= start && date < end => 1,
        _ => 0,
    }
}

/// What makes an item exempt, in the words of the paragraph of Schedule 12A to the Local
/// Government Act 1972 it cites (Part I of the Schedule, as amended in 2006).
pub fn exempt_reason(paragraph: i64) -> &'static str {
    match paragraph {
        1 => "Information relating to any individual",
        2 => "Information which is likely to reveal the identity of an individual",
        3 => {
            "Information relating to the financial or business affairs of any particular person (including the authority holding that information)"
        }
        4 => {
            "Information relating to any consultations or negotiations in connection with any labour relations matter"
        }
        5 => {
            "Information in respect of which a claim to legal professional privilege could be maintained in legal proceedings"
        }
        6 => {
            "Information which reveals that the authority proposes to give a notice, or to make an order or direction, under any enactment"
        }
        7 => {
            "Information relating to any action taken or to be taken in connection with the prevention, investigation or prosecution of crime"
        }
        _ => "",
    }
}

/// The agenda's items in order: by number, the item before its lettered sub-items.
pub fn agenda<'a>(items: &'a [AgendaItem], meeting: &str) -> Vec<&'a AgendaItem> {
    let mut out: Vec<&AgendaItem> = items.iter().filter(|i| i.meeting == meeting).collect();
    out.sort_by_key(|i| i.number_and_letter());
    out
}

/// Clear working days before a meeting its papers are published, unless a board sets more:
/// section 100B of the Local Government Act 1972.
pub const CLEAR_DAYS: u32 = 5;

/// The working day `n` working days before `date`.
fn working_days_before(
    calendar: &BankHolidays,
    date: NaiveDate,
    n: u32,
) -> Result<NaiveDate, CalendarError> {
    let (mut day, mut left) = (date, n);
    while left > 0 {
        day -= Duration::days(1);
        if calendar.is_working_day(day)? {
            left -= 1;
        }
    }
    Ok(day)
}

/// The reports still awaited for a meeting, for the chase list: items with a reporting officer
/// and no report received, in agenda order.
pub fn awaited<'a>(items: &'a [AgendaItem], meeting: &str) -> Vec<&'a AgendaItem> {
    agenda(items, meeting)
        .into_iter()
        .filter(|i| i.owner.is_some() && i.report_received.is_none())
        .collect()
}

/// The last day the agenda and its reports may be published for the meeting to be lawful:
/// `clear_days` clear working days before it (five in England under section 100B of the Local
/// Government Act 1972). Clear days leave out the day of publication and the day of the
/// meeting, weekends and bank holidays, so the pack goes out on the working day before them: a
/// Monday meeting's five clear days are Monday to Friday of the week before, and the pack is
/// published by the Friday before that.
pub fn dispatch_by(
    calendar: &BankHolidays,
    meeting: NaiveDate,
    clear_days: u32,
) -> Result<NaiveDate, CalendarError> {
    working_days_before(calendar, meeting, clear_days + 1)
}

/// The deadline for a public question: 4.00 pm on the working day before the meeting by default
/// (the seeds' Standing Order 34(9)); the day is given, the hour is the council's setting.
pub fn question_deadline(
    calendar: &BankHolidays,
    meeting: NaiveDate,
) -> Result<NaiveDate, CalendarError> {
    working_days_before(calendar, meeting, 1)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_pack_goes_out_five_clear_working_days_before() {
        let cal = BankHolidays::england_and_wales().unwrap();
        // The seeds' meeting, Monday 12 November 2018: clear days 5 to 9 November.
        assert_eq!(
            dispatch_by(&cal, d("2018-11-12"), 5).unwrap(),
            d("2018-11-02")
        );
        assert_eq!(
            question_deadline(&cal, d("2018-11-12")).unwrap(),
            d("2018-11-09")
        );
        // Monday 28 January 2019; and a Tuesday after the Easter Monday of 22 April 2019.
        assert_eq!(
            dispatch_by(&cal, d("2019-01-28"), 5).unwrap(),
            d("2019-01-18")
        );
        // Easter Monday and Good Friday are not clear days: 12 and 15 to 18 April are.
        assert_eq!(
            dispatch_by(&cal, d("2019-04-23"), 5).unwrap(),
            d("2019-04-11")
        );
        assert_eq!(
            question_deadline(&cal, d("2019-04-23")).unwrap(),
            d("2019-04-18")
        );
    }

    #[test]
    fn summer_time_runs_from_the_last_sunday_of_march_to_the_last_of_october() {
        assert_eq!(uk_offset_hours(d("2018-11-12")), 0);
        assert_eq!(uk_offset_hours(d("2018-09-10")), 1);
        assert_eq!(uk_offset_hours(d("2018-03-24")), 0);
        assert_eq!(uk_offset_hours(d("2018-03-25")), 1);
        assert_eq!(uk_offset_hours(d("2018-10-27")), 1);
        assert_eq!(uk_offset_hours(d("2018-10-28")), 0);
        assert_eq!(uk_offset_hours(d("2024-03-31")), 1);
    }

    #[test]
    fn times_and_items_read_as_agendas_print_them() {
        let meeting = |start: &str| Meeting {
            code: "M".into(),
            board: "CYPF".into(),
            date: d("2018-11-12"),
            start: start.into(),
            venue: "Civic Suite".into(),
            contact: None,
            published: None,
            minutes_published: None,
        };
        assert_eq!(meeting("6.30 p.m.").start_time(), Some((18, 30)));
        assert_eq!(meeting("18:30").start_time(), Some((18, 30)));
        assert_eq!(meeting("10 am").start_time(), Some((10, 0)));
        assert_eq!(meeting("12.15 pm").start_time(), Some((12, 15)));
        assert_eq!(meeting("evening").start_time(), None);
        let published = Meeting {
            published: Some(d("2018-11-02")),
            ..meeting("18:30")
        };
        assert!(!meeting("18:30").agenda_public(d("2018-11-12")));
        assert!(!published.agenda_public(d("2018-11-01")));
        assert!(published.agenda_public(d("2018-11-02")));
        let item = |item: &str, para| AgendaItem {
            meeting: "M".into(),
            item: item.into(),
            title: "T".into(),
            exempt_paragraph: para,
            owner: None,
            report_received: None,
            report: None,
            report_scope: None,
            report_period: None,
            note: None,
        };
        let items = [
            item("10", None),
            item("6", None),
            item("5 (b)", None),
            item("5", None),
            item("5a", Some(3)),
        ];
        let refs: Vec<String> = agenda(&items, "M").iter().map(|i| i.reference()).collect();
        assert_eq!(refs, ["5", "5(A)", "5(B)", "6", "10"]);
        assert!(item("7", Some(8)).check().is_err());
        assert!(item("7ab", None).check().is_err());
        assert!(item("0", None).check().is_err());
        assert!(item("7(a)", Some(3)).check().is_ok());
        // Only items with a reporting officer are chased, until their report arrives.
        let mut items = items.to_vec();
        items[0].owner = Some("Strategic Director".into());
        items[1].owner = Some("Operational Director".into());
        items[1].report_received = Some(d("2018-11-01"));
        let chased: Vec<String> = awaited(&items, "M").iter().map(|i| i.reference()).collect();
        assert_eq!(chased, ["10"]);
    }
}
