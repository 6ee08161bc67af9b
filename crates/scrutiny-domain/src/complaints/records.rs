//! What is recorded about each complaint, representation, customer care contact, enquiry and
//! compliment, and the council's own lists (channels, categories, divisions, outcomes) that give
//! the codes their printed words. Lists are data, so another council's wording needs no code.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One entry of a configurable list, e.g. `channel` / `email` / "E-mail".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListItem {
    pub list: String,
    pub code: String,
    pub label: String,
    pub position: i64,
}

/// The lists a council configures.
pub const LISTS: [&str; 8] = [
    "kind",
    "channel",
    "profile",
    "category",
    "division",
    "outcome",
    "compliment_channel",
    "compliment_source",
];

/// One case: a statutory complaint, a corporate complaint, a representation, a customer care
/// contact, an MP enquiry or an ombudsman enquiry (its `kind`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Complaint {
    pub reference: String,
    pub kind: String,
    pub received: Option<NaiveDate>,
    pub channel: Option<String>,
    pub profile: Option<String>,
    pub advocacy: bool,
    pub advocate: Option<String>,
    pub division: Option<String>,
    pub team: Option<String>,
    pub category_receipt: Option<String>,
    pub category_closure: Option<String>,
    /// When Stage 1 started, if not on receipt (after a local stage).
    pub stage1_started: Option<NaiveDate>,
    pub local_resolved: Option<NaiveDate>,
    pub stage1_extended: bool,
    pub stage1_extension_reason: Option<String>,
    pub stage1_responded: Option<NaiveDate>,
    pub stage1_outcome: Option<String>,
    pub stage2_requested: Option<NaiveDate>,
    pub stage2_declined_reason: Option<String>,
    pub stage2_started: Option<NaiveDate>,
    pub investigator: Option<String>,
    pub independent_person: Option<String>,
    pub stage2_extended: bool,
    pub stage2_extension_reason: Option<String>,
    pub stage2_adjudicated: Option<NaiveDate>,
    pub adjudicator: Option<String>,
    pub stage3_requested: Option<NaiveDate>,
    pub stage3_panel_held: Option<NaiveDate>,
    /// The review panel's three independent people, separated by "; ".
    pub stage3_panel: Option<String>,
    pub ombudsman_referred: Option<NaiveDate>,
    pub ombudsman_decided: Option<NaiveDate>,
    /// The Ombudsman's finding (outcome list).
    pub ombudsman_outcome: Option<String>,
    pub withdrawn: Option<NaiveDate>,
    pub withdrawn_reason: Option<String>,
    pub closed: Option<NaiveDate>,
    pub equality: Equality,
    /// Personal data: shown only to the complaints role, never in anything published.
    pub personal: Personal,
}

/// Equality monitoring: optional, and "not declared" when absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Equality {
    pub gender: Option<String>,
    pub ethnicity: Option<String>,
    pub disability: Option<String>,
    pub age_band: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Personal {
    pub complainant_name: Option<String>,
    pub child_name: Option<String>,
}

/// One issue of a complaint (an "element" at Stage 2), with its own category and finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Element {
    pub reference: String,
    pub element: i64,
    pub summary: String,
    pub finding: Option<String>,
    pub recommendation: Option<String>,
    pub category: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Compliment {
    pub reference: String,
    pub received: NaiveDate,
    pub channel: Option<String>,
    pub source: Option<String>,
    pub division: Option<String>,
    pub team: Option<String>,
    pub text: String,
}

/// What was learned from a complaint, and what is being done about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearningAction {
    pub reference: String,
    pub action: String,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    pub status: String,
}

/// A year's count of one kind of case as the council published it, frozen when it published the
/// year's report (`scrutiny complaints publish`): a later report that counts differently (a
/// complaint recorded late) shows the difference as a restatement instead of changing silently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edition {
    pub year: crate::FinancialYear,
    pub kind: String,
    pub count: i64,
    pub published_on: NaiveDate,
}

/// The annual report's sections, by the key a council's narrative names them with, and the
/// heading each is printed under (the action plan's heading goes on with its year).
pub const REPORT_SECTIONS: [(&str, &str); 13] = [
    ("numbers", "Numbers of complaints"),
    ("profile", "Profile of complainants"),
    ("channels", "How complaints were made"),
    ("types", "Types of"),
    ("outcomes", "Outcome of Stage 1 complaints"),
    ("timescales", "Timescales"),
    ("escalations", "Stage 2, Stage 3 and the Ombudsman"),
    (
        "contacts",
        "Customer care, representations and MP enquiries",
    ),
    ("compliments", "Compliments"),
    ("equality", "Equality monitoring"),
    ("learning", "Learning and service improvement"),
    ("action_plan", "Action plan for"),
    ("handling_code", "Complaint Handling Code self-assessment"),
];

/// What the complaints manager writes for a section of a year's annual report, printed under its
/// heading before the figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Narrative {
    pub year: crate::FinancialYear,
    /// A key of [`REPORT_SECTIONS`].
    pub section: String,
    pub position: i64,
    pub text: String,
}

/// How far the council meets one requirement of the Ombudsman's Complaint Handling Code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeAnswer {
    Met,
    PartlyMet,
    NotMet,
}

impl CodeAnswer {
    pub const ALL: [CodeAnswer; 3] = [CodeAnswer::Met, CodeAnswer::PartlyMet, CodeAnswer::NotMet];

    pub fn code(self) -> &'static str {
        match self {
            CodeAnswer::Met => "met",
            CodeAnswer::PartlyMet => "partly_met",
            CodeAnswer::NotMet => "not_met",
        }
    }

    pub fn words(self) -> &'static str {
        match self {
            CodeAnswer::Met => "Met",
            CodeAnswer::PartlyMet => "Partly met",
            CodeAnswer::NotMet => "Not met",
        }
    }

    pub fn parse(text: &str) -> Result<CodeAnswer, crate::DomainError> {
        let t = text.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        let t = match t.as_str() {
            "yes" | "compliant" => "met",
            "partly" | "partial" | "partially_met" => "partly_met",
            "no" => "not_met",
            other => other,
        };
        CodeAnswer::ALL
            .into_iter()
            .find(|a| a.code() == t)
            .ok_or_else(|| crate::DomainError::NotOneOf(text.into(), "met, partly_met, not_met"))
    }
}

/// The council's self-assessment against one requirement of the Ombudsman's Complaint Handling
/// Code for a year: its answer, the evidence, and what it will do where it falls short.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeAssessment {
    pub year: crate::FinancialYear,
    /// The code's paragraph, e.g. 1.2.
    pub reference: String,
    pub requirement: String,
    pub answer: CodeAnswer,
    pub evidence: Option<String>,
    pub action: Option<String>,
}

/// The board's (or governing body's) response to a year's self-assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeResponse {
    pub year: crate::FinancialYear,
    pub response: String,
}

/// Everything the complaints service holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintsData {
    pub lists: Vec<ListItem>,
    pub cases: Vec<Complaint>,
    pub elements: Vec<Element>,
    pub compliments: Vec<Compliment>,
    pub learning_actions: Vec<LearningAction>,
    pub settings: Vec<crate::complaints::settings::Setting>,
    pub restatements: Vec<Restatement>,
    pub action_plan: Vec<PlanAction>,
    pub caseloads: Vec<Caseload>,
    #[serde(default)]
    pub editions: Vec<Edition>,
    #[serde(default)]
    pub narrative: Vec<Narrative>,
    #[serde(default)]
    pub team_caseloads: Vec<TeamCaseload>,
    #[serde(default)]
    pub handling_code: Vec<CodeAssessment>,
    #[serde(default)]
    pub handling_code_responses: Vec<CodeResponse>,
}

/// Children's social care cases open at the end of a financial year, so complaints can be read
/// against the work done (the seeds: 929 open cases at 31 March 2012, 4.4% made a complaint).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Caseload {
    /// First calendar year of the financial year.
    pub year: i32,
    pub open_cases: u64,
}

/// One team's open cases at the year's end and the referrals it took in the year, so that its
/// complaints can be read per 100 open cases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamCaseload {
    pub year: crate::FinancialYear,
    /// As the cases' `team` column names it.
    pub team: String,
    pub open_cases: i64,
    pub referrals: Option<i64>,
}

/// A figure an earlier report published that is now restated, with the council's note. The
/// report prints `restated` (or the count from the records when it is not given) and the note.
/// It is either a kind's yearly count (`kind`), which carries into the totals, the text and the
/// trend chart, or any other cell, named by its table's caption and its row's label as printed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Restatement {
    /// First calendar year of the financial year, e.g. 2016 for 2016/17.
    pub year: i32,
    /// The kind of case whose yearly count is restated (kind list), e.g. statutory; empty for a
    /// cell of another table.
    pub kind: String,
    pub published: String,
    pub restated: Option<u64>,
    pub note: String,
    /// The restated cell's table (its caption as printed) and row (its first cell as printed).
    pub table: Option<String>,
    pub row: Option<String>,
}

/// An action in the plan for the year after the report's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanAction {
    /// First calendar year of the financial year the action is for.
    pub year: i32,
    pub action: String,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
}

impl ComplaintsData {
    /// The printed words for a code in a list; the code itself when the list lacks it.
    pub fn label<'a>(&'a self, list: &str, code: &'a str) -> &'a str {
        self.lists
            .iter()
            .find(|i| i.list == list && i.code == code)
            .map_or(code, |i| i.label.as_str())
    }

    /// A list's entries in their order.
    pub fn list(&self, list: &str) -> Vec<&ListItem> {
        let mut v: Vec<&ListItem> = self.lists.iter().filter(|i| i.list == list).collect();
        v.sort_by_key(|i| (i.position, i.code.clone()));
        v
    }
}

/// Names reduced to initials for anything published: a run of two or three capitalised words
/// that are not at the start of a sentence and not common words ("Jane Smith" → "J.S.").
/// A heuristic, so the complaints manager reviews quotes before publication; single names are
/// left (the seeds already write workers as "A").
pub fn initials_only(text: &str) -> String {
    const NOT_NAMES: &[&str] = &[
        "I",
        "The",
        "Team",
        "Children",
        "Social",
        "Care",
        "Service",
        "Services",
        "Council",
        "Halton",
        "Family",
        "Families",
        "Worker",
        "Manager",
        "Mr",
        "Mrs",
        "Thank",
        "Thanks",
        "You",
        "Dear",
        "Many",
        "Kind",
        "Regards",
        "Best",
        "Wishes",
        "Christmas",
        "Happy",
    ];
    let words: Vec<&str> = text.split(' ').collect();
    let is_name = |w: &str| {
        let core = w.trim_end_matches([',', '.', '!', '?', ';', ':', '\'', '"', ')']);
        let mut c = core.chars();
        core.len() > 1
            && c.next().is_some_and(char::is_uppercase)
            && c.all(|ch| ch.is_alphabetic() || ch == '-' || ch == '\'')
            && core.chars().skip(1).any(char::is_lowercase)
            && !NOT_NAMES.contains(&core)
    };
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let sentence_start = i == 0 || words[i - 1].ends_with(['.', '!', '?']);
        let mut j = i;
        while j < words.len() && j - i < 3 && is_name(words[j]) {
            j += 1;
            if words[j - 1].ends_with([',', '.', '!', '?', ';', ':']) {
                break;
            }
        }
        if j - i >= 2 && !(sentence_start && j - i == 2 && !is_name(words[i])) {
            let tail: String = words[j - 1]
                .chars()
                .rev()
                .take_while(|c| !c.is_alphanumeric())
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let initials: String = words[i..j]
                .iter()
                .filter_map(|w| w.chars().next())
                .map(|c| format!("{c}."))
                .collect();
            out.push(format!("{initials}{}", tail.trim_start_matches('.')));
            i = j;
        } else {
            out.push(words[i].to_string());
            i += 1;
        }
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_names_become_initials() {
        assert_eq!(
            initials_only("Thanks to Jane Smith for all her help."),
            "Thanks to J.S. for all her help."
        );
        assert_eq!(
            initials_only("Jane Smith was brilliant, and so was Tom O'Neil!"),
            "J.S. was brilliant, and so was T.O.!"
        );
    }

    #[test]
    fn ordinary_words_and_single_names_stay() {
        let t = "Well done A. The Children in Care Team were kind.";
        assert_eq!(initials_only(t), t);
    }
}
