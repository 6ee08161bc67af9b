//! Public questions (the seeds' Standing Order 34(9)): written notice by 4.00 pm on the working
//! day before the meeting, one question per person or organisation per meeting, and the
//! grounds on which the chair may reject one.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

/// The latest a question is taken, on the day [`super::meeting::question_deadline`] gives.
pub const DEADLINE_HOUR: u32 = 16;
/// The longest question taken, in characters: a question, not a speech.
pub const LONGEST: usize = 2000;

/// The grounds for rejecting a question, in the standing order's words.
pub const GROUNDS: [&str; 5] = [
    "it is not about a matter for which the board has responsibility",
    "it is defamatory, frivolous or offensive",
    "it is substantially the same as a question put at a meeting of the board in the past six months",
    "it requires the disclosure of confidential or exempt information",
    "it was not received in time",
];

/// The moment questions close, on the deadline's day.
pub fn closes_at(deadline: NaiveDate) -> NaiveDateTime {
    deadline.and_time(NaiveTime::from_hms_opt(DEADLINE_HOUR, 0, 0).unwrap_or_default())
}

/// Where a question stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuestionState {
    Received,
    Accepted,
    Rejected,
}

impl QuestionState {
    pub fn code(self) -> &'static str {
        match self {
            QuestionState::Received => "received",
            QuestionState::Accepted => "accepted",
            QuestionState::Rejected => "rejected",
        }
    }

    pub fn parse(text: &str) -> Option<QuestionState> {
        [
            QuestionState::Received,
            QuestionState::Accepted,
            QuestionState::Rejected,
        ]
        .into_iter()
        .find(|s| s.code() == text)
    }
}

/// A question as held: who asked (personal data, shown to democratic services only), what,
/// when, and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub meeting: String,
    pub number: i64,
    pub asker: String,
    pub organisation: Option<String>,
    pub email: String,
    pub text: String,
    /// UK time, as the deadline is.
    pub received: NaiveDateTime,
    pub state: QuestionState,
    /// Why it was rejected, one of [`GROUNDS`].
    pub ground: Option<String>,
    /// The answer, given at the meeting or in writing.
    pub answer: Option<String>,
}

/// A name or organisation compared as people write them: case, spaces and punctuation aside.
fn plain(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Why a question cannot be taken, every reason, each said to the asker; none when it can.
/// `existing` are the meeting's questions so far; `deadline` the day of the deadline.
pub fn submission_problems(
    existing: &[Question],
    asker: &str,
    organisation: Option<&str>,
    email: &str,
    text: &str,
    received: NaiveDateTime,
    deadline: NaiveDate,
) -> Vec<(&'static str, String)> {
    let mut problems = Vec::new();
    if received > closes_at(deadline) {
        problems.push((
            "text",
            format!(
                "Questions for this meeting closed at 4.00 pm on {}",
                crate::period::long_date(deadline)
            ),
        ));
    }
    if asker.trim().is_empty() {
        problems.push(("asker", "Enter your name".into()));
    }
    if !email.contains('@') || email.trim().len() < 3 {
        problems.push((
            "email",
            "Enter an email address, like name@example.com, for the reply".into(),
        ));
    }
    if text.trim().is_empty() {
        problems.push(("text", "Enter your question".into()));
    } else if text.chars().count() > LONGEST {
        problems.push((
            "text",
            format!("Your question must be {LONGEST} characters or fewer"),
        ));
    }
    let same_person = existing
        .iter()
        .any(|q| !asker.trim().is_empty() && plain(&q.asker) == plain(asker));
    let same_body = organisation
        .filter(|o| !o.trim().is_empty())
        .is_some_and(|o| {
            existing.iter().any(|q| {
                q.organisation
                    .as_deref()
                    .is_some_and(|x| plain(x) == plain(o))
            })
        });
    if same_person || same_body {
        problems.push((
            "asker",
            "Only one question may be asked by each person or organisation at a meeting, and one has been received".into(),
        ));
    }
    problems
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn asked(asker: &str, organisation: Option<&str>) -> Question {
        Question {
            meeting: "M".into(),
            number: 1,
            asker: asker.into(),
            organisation: organisation.map(str::to_string),
            email: "a@example.com".into(),
            text: "Why?".into(),
            received: at("2018-11-05 10:00"),
            state: QuestionState::Received,
            ground: None,
            answer: None,
        }
    }

    #[test]
    fn a_question_is_taken_until_four_on_the_working_day_before() {
        let deadline: NaiveDate = "2018-11-09".parse().unwrap();
        let ask = |when: &str| {
            submission_problems(
                &[],
                "A Resident",
                None,
                "a@example.com",
                "Why?",
                at(when),
                deadline,
            )
        };
        assert!(ask("2018-11-09 16:00").is_empty());
        assert!(
            ask("2018-11-09 16:01")[0]
                .1
                .contains("closed at 4.00 pm on 9 November 2018")
        );
    }

    #[test]
    fn one_question_per_person_or_organisation() {
        let deadline: NaiveDate = "2018-11-09".parse().unwrap();
        let held = [asked("Jo Bloggs", Some("Runcorn Parents' Forum"))];
        let ask = |who: &str, org: Option<&str>| {
            submission_problems(
                &held,
                who,
                org,
                "b@example.com",
                "And?",
                at("2018-11-06 09:00"),
                deadline,
            )
        };
        assert_eq!(ask("jo  bloggs", None).len(), 1);
        assert_eq!(ask("Sam Other", Some("runcorn parents forum")).len(), 1);
        assert!(ask("Sam Other", Some("Widnes Youth Club")).is_empty());
        let bad = submission_problems(&[], " ", None, "nope", "", at("2018-11-06 09:00"), deadline);
        assert_eq!(bad.len(), 3, "{bad:?}");
    }
}
