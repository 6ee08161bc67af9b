//! A board's membership: councillors by role and party, co-optees and substitutes, each for a
//! term (the seeds' "BOARD MEMBERSHIP" block on every agenda).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::DomainError;

/// A member's place on the board.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum MemberRole {
    Chair,
    ViceChair,
    Member,
    CoOptee,
    Substitute,
}

impl MemberRole {
    pub const ALL: [MemberRole; 5] = [
        MemberRole::Chair,
        MemberRole::ViceChair,
        MemberRole::Member,
        MemberRole::CoOptee,
        MemberRole::Substitute,
    ];
    pub const WORDS: &'static str = "chair, vice_chair, member, co_optee or substitute";

    pub fn code(self) -> &'static str {
        match self {
            MemberRole::Chair => "chair",
            MemberRole::ViceChair => "vice_chair",
            MemberRole::Member => "member",
            MemberRole::CoOptee => "co_optee",
            MemberRole::Substitute => "substitute",
        }
    }

    /// As the agenda prints it after the name: "(Chair)", "(Vice-Chair)"; nothing for a member.
    pub fn shown(self) -> &'static str {
        match self {
            MemberRole::Chair => "Chair",
            MemberRole::ViceChair => "Vice-Chair",
            MemberRole::Member => "",
            MemberRole::CoOptee => "Co-optee",
            MemberRole::Substitute => "Substitute",
        }
    }

    pub fn parse(text: &str) -> Result<Self, DomainError> {
        let t = text.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        MemberRole::ALL
            .into_iter()
            .find(|r| r.code() == t || r.code().replace('_', "") == t.replace('_', ""))
            .ok_or_else(|| DomainError::NotOneOf(text.into(), Self::WORDS))
    }
}

/// One person's membership of one board for a term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    pub board: String,
    /// As the agenda prints it: "Councillor Mark Dennett".
    pub person: String,
    /// The term's first day and last (none while it runs).
    pub starts: NaiveDate,
    pub ends: Option<NaiveDate>,
    pub role: MemberRole,
    pub party: Option<String>,
}

impl Membership {
    /// A member on `date`: the term started by then and had not ended before it.
    pub fn serves_on(&self, date: NaiveDate) -> bool {
        self.starts <= date && self.ends.is_none_or(|t| t >= date)
    }
}

/// The board's members on `date`, as the agenda lists them: the chair, the vice-chair, then
/// members, co-optees and substitutes, each by surname.
pub fn members_on<'a>(all: &'a [Membership], board: &str, date: NaiveDate) -> Vec<&'a Membership> {
    let mut on: Vec<&Membership> = all
        .iter()
        .filter(|m| m.board == board && m.serves_on(date))
        .collect();
    on.sort_by_cached_key(|m| (m.role, surname(&m.person).to_lowercase(), m.person.clone()));
    on
}

/// The surname in a name as an agenda prints it: what follows the title and the first name
/// ("Councillor Peter Lloyd Jones" → "Lloyd Jones"; "Miss Elizabeth Lawler" → "Lawler").
pub fn surname(person: &str) -> &str {
    const TITLES: [&str; 9] = [
        "councillor",
        "cllr",
        "cllr.",
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "mx",
    ];
    let mut rest = person.trim();
    if let Some((first, after)) = rest.split_once(' ')
        && TITLES.contains(&first.to_lowercase().as_str())
    {
        rest = after.trim_start();
    }
    match rest.split_once(' ') {
        Some((_, surname)) if !surname.trim().is_empty() => surname.trim(),
        _ => rest,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn roles_read_as_councils_write_them() {
        for (text, role) in [
            ("Chair", MemberRole::Chair),
            ("Vice-Chair", MemberRole::ViceChair),
            ("vice chair", MemberRole::ViceChair),
            ("Co-optee", MemberRole::CoOptee),
            ("member", MemberRole::Member),
        ] {
            assert_eq!(MemberRole::parse(text).unwrap(), role, "{text}");
        }
        assert!(MemberRole::parse("president").is_err());
    }

    #[test]
    fn the_membership_on_a_day_is_the_terms_running_then_chair_first() {
        let m = |person: &str, role, from: &str, to: Option<&str>| Membership {
            board: "CYPF".into(),
            person: person.into(),
            starts: d(from),
            ends: to.map(d),
            role,
            party: None,
        };
        let all = [
            m("Councillor B", MemberRole::Member, "2018-05-01", None),
            m("Councillor A", MemberRole::Member, "2018-05-01", None),
            m(
                "Councillor C",
                MemberRole::Chair,
                "2018-05-01",
                Some("2019-05-01"),
            ),
            m(
                "Councillor D",
                MemberRole::Member,
                "2016-05-01",
                Some("2018-04-30"),
            ),
        ];
        let names: Vec<&str> = members_on(&all, "CYPF", d("2018-11-12"))
            .iter()
            .map(|m| m.person.as_str())
            .collect();
        assert_eq!(names, ["Councillor C", "Councillor A", "Councillor B"]);
        // The last day of a term is still in it.
        assert_eq!(surname("Councillor Peter Lloyd Jones"), "Lloyd Jones");
        assert_eq!(surname("Miss Elizabeth Lawler"), "Lawler");
        assert_eq!(surname("Councillor Carol Plumpton Walsh"), "Plumpton Walsh");
        assert_eq!(surname("Dennett"), "Dennett");
        assert_eq!(members_on(&all, "CYPF", d("2018-04-30")).len(), 1);
    }
}
