//! Declarations of interest, made at a meeting against the item of business they concern and
//! printed before its minute as the seeds print them: "(N.B. Councillor Nelson declared a
//! Disclosable Other Interest in the following item of business as Chair of Governors at The
//! Grange Schools.)".

use serde::{Deserialize, Serialize};

use crate::DomainError;

/// The kind of interest, under the members' code of conduct in force (the 2012 code's
/// disclosable interests, or the earlier personal and prejudicial ones), or a party whip.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Interest {
    Pecuniary,
    Other,
    Personal,
    Prejudicial,
    PartyWhip,
}

impl Interest {
    pub const ALL: [Interest; 5] = [
        Interest::Pecuniary,
        Interest::Other,
        Interest::Personal,
        Interest::Prejudicial,
        Interest::PartyWhip,
    ];
    pub const WORDS: &'static str = "pecuniary, other, personal, prejudicial or party_whip";

    pub fn code(self) -> &'static str {
        match self {
            Interest::Pecuniary => "pecuniary",
            Interest::Other => "other",
            Interest::Personal => "personal",
            Interest::Prejudicial => "prejudicial",
            Interest::PartyWhip => "party_whip",
        }
    }

    /// As the minutes name it, with its article: "a Disclosable Pecuniary Interest".
    pub fn words(self) -> &'static str {
        match self {
            Interest::Pecuniary => "a Disclosable Pecuniary Interest",
            Interest::Other => "a Disclosable Other Interest",
            Interest::Personal => "a personal interest",
            Interest::Prejudicial => "a personal and prejudicial interest",
            Interest::PartyWhip => "that they were subject to a party whip",
        }
    }

    pub fn parse(text: &str) -> Result<Self, DomainError> {
        let t = text.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        Interest::ALL
            .into_iter()
            .find(|k| k.code() == t)
            .ok_or_else(|| DomainError::NotOneOf(text.into(), Self::WORDS))
    }
}

/// One member's declaration on one item of business (a minute).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Declaration {
    pub meeting: String,
    /// The minute of the item it concerns, e.g. `CYP16`.
    pub minute: String,
    /// As the minutes print it: "Councillor Nelson".
    pub person: String,
    pub interest: Interest,
    /// Why: "Chair of Governors at The Grange Schools".
    pub reason: Option<String>,
}

/// The note printed before a minute for its declarations, one sentence per kind of interest;
/// none when nobody declared anything.
pub fn declaration_note(all: &[Declaration], meeting: &str, minute: &str) -> Option<String> {
    let mut here: Vec<&Declaration> = all
        .iter()
        .filter(|d| d.meeting == meeting && d.minute == minute)
        .collect();
    if here.is_empty() {
        return None;
    }
    here.sort_by(|a, b| (a.interest, &a.person).cmp(&(b.interest, &b.person)));
    let why = |d: &Declaration| {
        d.reason
            .as_deref()
            .filter(|r| !r.trim().is_empty())
            .map(|r| format!(" as {}", r.trim().trim_end_matches('.')))
            .unwrap_or_default()
    };
    let mut sentences = Vec::new();
    for kind in Interest::ALL {
        let of: Vec<&&Declaration> = here.iter().filter(|d| d.interest == kind).collect();
        let sentence = match of.as_slice() {
            [] => continue,
            [one] => format!(
                "{} declared {} in the following item of business{}",
                one.person,
                kind.words(),
                why(one)
            ),
            many => format!(
                "The Councillors listed declared {} in the following item of business for the reasons stated: {}",
                kind.words(),
                many.iter()
                    .map(|d| format!("{}{}", d.person, why(d)))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        };
        sentences.push(sentence);
    }
    Some(format!("(N.B. {}.)", sentences.join(". ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn declared(person: &str, interest: Interest, reason: &str) -> Declaration {
        Declaration {
            meeting: "EXB-2012-12-13".into(),
            minute: "EXB79".into(),
            person: person.into(),
            interest,
            reason: Some(reason.into()),
        }
    }

    #[test]
    fn the_note_reads_as_the_seeds_print_it() {
        let one = [declared(
            "Councillor Nelson",
            Interest::Other,
            "Chair of Governors at The Grange Schools",
        )];
        assert_eq!(
            declaration_note(&one, "EXB-2012-12-13", "EXB79").as_deref(),
            Some(
                "(N.B. Councillor Nelson declared a Disclosable Other Interest in the following item of business as Chair of Governors at The Grange Schools.)"
            )
        );
        let many = [
            declared(
                "Councillor Jones",
                Interest::Personal,
                "Governor of Wade Deacon High School",
            ),
            declared(
                "Councillor Harris",
                Interest::Personal,
                "Governor of The Bankfield School",
            ),
        ];
        assert_eq!(
            declaration_note(&many, "EXB-2012-12-13", "EXB79").as_deref(),
            Some(
                "(N.B. The Councillors listed declared a personal interest in the following item of business for the reasons stated: Councillor Harris as Governor of The Bankfield School; Councillor Jones as Governor of Wade Deacon High School.)"
            )
        );
        assert_eq!(declaration_note(&many, "EXB-2012-12-13", "EXB80"), None);
        assert_eq!(Interest::parse("Party whip"), Ok(Interest::PartyWhip));
    }
}
