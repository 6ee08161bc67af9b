//! The DfE children in need census (XML), read as a stream into the front-door records: each
//! child's `CINdetails` episode gives a referral (`CINreferralDate`, `ReferralSource`,
//! `ReferralNFA`) and each of its `Assessments` an assessment (`AssessmentActualStartDate`,
//! `AssessmentAuthorisationDate`), each `Section47` an enquiry (`S47ActualStartDate`,
//! `DateOfInitialCPC`, `ICPCnotRequired`) and each `ChildProtectionPlans` a plan (`CPPstartDate`,
//! `CPPendDate`, `NumberOfPreviousCPP`, each review's `CPPreviewDate`). Element names are the same in the 2017 to 2026 schemas for
//! these fields. Memory holds one child at a time, whatever the file's size. All or nothing:
//! every date or flag that cannot be read is reported with the child's position and identifier.

use std::path::Path;

use chrono::NaiveDate;
use quick_xml::events::Event;
use scrutiny_domain::cases::{
    Assessment, AssessmentKind, CinEpisode, FrontDoor, PlanReview, ProtectionPlan, Referral,
    Section47,
};

use crate::error::{Code, ImportError, ImportErrors, Location};

/// A `CINdetails` episode's fields as text.
#[derive(Default)]
struct Episode {
    referral: String,
    source: Option<String>,
    nfa: String,
    closed: String,
    need: String,
}

/// What has been read of the child being read.
#[derive(Default)]
struct Child {
    id: String,
    referrals: Vec<Episode>,
    assessments: Vec<(String, String, String)>,
    /// Section 47 enquiries: start, conference, conference not required.
    enquiries: Vec<(String, String, String)>,
    /// Protection plans: start, end, previous plans, each review's date.
    plans: Vec<(String, String, String, Vec<String>)>,
}

fn flag(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "y" | "yes" => Some(true),
        "false" | "0" | "n" | "no" | "" => Some(false),
        _ => None,
    }
}

fn bad_date(location: Location, text: &str) -> ImportError {
    ImportError {
        code: Code::WrongPeriod,
        location,
        message: format!("'{text}' is not a date: the census writes 2023-04-04"),
    }
}

/// Reads a CIN census XML file's referrals and assessments.
pub fn read_cin_census(path: &Path) -> Result<FrontDoor, ImportErrors> {
    let file = path.display().to_string();
    let at = |child: usize, id: &str, column: &str| Location {
        file: file.clone(),
        sheet: Some(format!("child {child} ({id})")),
        row: None,
        column: Some(column.to_string()),
    };
    let mut reader = quick_xml::Reader::from_file(path).map_err(|e| {
        ImportErrors(vec![ImportError {
            code: Code::NotASpreadsheet,
            location: Location {
                file: file.clone(),
                ..Location::default()
            },
            message: format!("cannot open the census file: {e}"),
        }])
    })?;
    let mut out = FrontDoor::default();
    let mut errors = Vec::new();
    let mut buf = Vec::new();
    let mut path_now: Vec<String> = Vec::new();
    let mut child = Child::default();
    let mut children = 0usize;
    // The episode and assessment being read: their fields as text.
    let mut episode = Episode::default();
    let mut assessment: (String, String) = Default::default();
    let mut enquiry: (String, String, String) = Default::default();
    let mut plan: (String, String, String, Vec<String>) = Default::default();
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(e) => {
                errors.push(ImportError {
                    code: Code::NotASpreadsheet,
                    location: Location {
                        file: file.clone(),
                        ..Location::default()
                    },
                    message: format!(
                        "the census file is not well-formed XML at byte {}: {e}",
                        reader.buffer_position()
                    ),
                });
                break;
            }
        };
        match event {
            Event::Start(e) => {
                let name = e.local_name().as_ref().to_string();
                match name.as_str() {
                    "Child" => {
                        child = Child::default();
                        children += 1;
                    }
                    "CINdetails" => episode = Default::default(),
                    "Assessments" => assessment = Default::default(),
                    "Section47" => enquiry = Default::default(),
                    "ChildProtectionPlans" => plan = Default::default(),
                    _ => {}
                }
                path_now.push(name);
            }
            Event::Text(t) => {
                let text = t.xml10_content().trim().to_string();
                match path_now.last().map(String::as_str) {
                    Some("LAchildID") => child.id = text,
                    Some("CINreferralDate") => episode.referral = text,
                    Some("ReferralSource") => {
                        episode.source = Some(text).filter(|s| !s.is_empty());
                    }
                    Some("ReferralNFA") => episode.nfa = text,
                    Some("CINclosureDate") => episode.closed = text,
                    Some("PrimaryNeedCode") => episode.need = text,
                    Some("AssessmentActualStartDate") => assessment.0 = text,
                    Some("AssessmentAuthorisationDate") => assessment.1 = text,
                    Some("S47ActualStartDate") => enquiry.0 = text,
                    Some("DateOfInitialCPC") if path_now.iter().any(|p| p == "Section47") => {
                        enquiry.1 = text
                    }
                    Some("ICPCnotRequired") => enquiry.2 = text,
                    Some("CPPstartDate") => plan.0 = text,
                    Some("CPPendDate") => plan.1 = text,
                    Some("NumberOfPreviousCPP") => plan.2 = text,
                    Some("CPPreviewDate") => plan.3.push(text),
                    _ => {}
                }
            }
            Event::End(_) => match path_now.pop().as_deref() {
                Some("Assessments") => child.assessments.push((
                    std::mem::take(&mut assessment.0),
                    std::mem::take(&mut assessment.1),
                    String::new(),
                )),
                Some("CINdetails") => child.referrals.push(std::mem::take(&mut episode)),
                Some("Section47") => child.enquiries.push(std::mem::take(&mut enquiry)),
                Some("ChildProtectionPlans") => child.plans.push(std::mem::take(&mut plan)),
                Some("Child") => {
                    let id = child.id.clone();
                    let child_id = out.child(&id);
                    for e in child.referrals.drain(..) {
                        let Episode {
                            referral: date,
                            source,
                            nfa,
                            closed,
                            need,
                        } = e;
                        let Ok(date) = NaiveDate::parse_from_str(&date, "%Y-%m-%d") else {
                            errors.push(bad_date(at(children, &id, "CINreferralDate"), &date));
                            continue;
                        };
                        let closed = match NaiveDate::parse_from_str(&closed, "%Y-%m-%d") {
                            Ok(c) if c < date => {
                                errors.push(ImportError {
                                    code: Code::WrongPeriod,
                                    location: at(children, &id, "CINclosureDate"),
                                    message: format!(
                                        "the episode closed on {c}, before its referral on {date} (DfE rule 8630)"
                                    ),
                                });
                                continue;
                            }
                            Ok(c) => Some(c),
                            Err(_) if closed.is_empty() => None,
                            Err(_) => {
                                errors.push(bad_date(at(children, &id, "CINclosureDate"), &closed));
                                continue;
                            }
                        };
                        let Some(nfa) = flag(&nfa) else {
                            errors.push(ImportError {
                                code: Code::NotAllowed,
                                location: at(children, &id, "ReferralNFA"),
                                message: format!("'{nfa}' is not true or false"),
                            });
                            continue;
                        };
                        let source = source.map(|s| out.wording(&s));
                        let reason = Some(need)
                            .filter(|n| !n.is_empty())
                            .map(|n| out.wording(&n));
                        out.referrals.push(Referral {
                            child: child_id,
                            date,
                            source,
                            reason,
                            nfa,
                        });
                        // The census's episodes of need leave out referrals ending in no
                        // further action.
                        if !nfa {
                            out.episodes.push(CinEpisode {
                                child: child_id,
                                start: date,
                                closed,
                                team: None,
                                worker: None,
                            });
                        }
                    }
                    for (start, done, _) in child.assessments.drain(..) {
                        let day = |t: &str| NaiveDate::parse_from_str(t, "%Y-%m-%d");
                        let (Ok(s), authorised) = (day(&start), day(&done)) else {
                            errors.push(bad_date(
                                at(children, &id, "AssessmentActualStartDate"),
                                &start,
                            ));
                            continue;
                        };
                        if authorised.is_err() && !done.is_empty() {
                            errors.push(bad_date(
                                at(children, &id, "AssessmentAuthorisationDate"),
                                &done,
                            ));
                            continue;
                        }
                        out.assessments.push(Assessment {
                            child: child_id,
                            kind: AssessmentKind::Single,
                            start: s,
                            authorised: authorised.ok(),
                        });
                    }
                    let mut date = |text: &str, column: &str| -> Result<Option<NaiveDate>, ()> {
                        if text.is_empty() {
                            return Ok(None);
                        }
                        NaiveDate::parse_from_str(text, "%Y-%m-%d")
                            .map(Some)
                            .map_err(|_| errors.push(bad_date(at(children, &id, column), text)))
                    };
                    let mut enquiries = Vec::new();
                    for (start, held, unneeded) in child.enquiries.drain(..) {
                        if let (Ok(Some(start)), Ok(conference)) = (
                            date(&start, "S47ActualStartDate"),
                            date(&held, "DateOfInitialCPC"),
                        ) {
                            enquiries.push(Section47 {
                                child: child_id,
                                start,
                                conference,
                                no_conference_needed: flag(&unneeded).unwrap_or(false),
                            });
                        }
                    }
                    let mut plans = Vec::new();
                    let mut reviews = Vec::new();
                    let mut early = Vec::new();
                    for (start, end, previous, held) in child.plans.drain(..) {
                        if let (Ok(Some(start)), Ok(end)) =
                            (date(&start, "CPPstartDate"), date(&end, "CPPendDate"))
                        {
                            plans.push(ProtectionPlan {
                                child: child_id,
                                start,
                                end,
                                previous_plans: previous.trim().parse().ok(),
                            });
                            for held in held {
                                match date(&held, "CPPreviewDate") {
                                    Ok(Some(day)) if day < start => early.push(ImportError {
                                        code: Code::WrongPeriod,
                                        location: at(children, &id, "CPPreviewDate"),
                                        message: format!(
                                            "the review conference on {day} is before the plan started on {start}"
                                        ),
                                    }),
                                    Ok(Some(day)) => reviews.push(PlanReview {
                                        child: child_id,
                                        plan_start: start,
                                        date: day,
                                        latest_only: false,
                                    }),
                                    _ => {}
                                }
                            }
                        }
                    }
                    errors.append(&mut early);
                    out.enquiries.extend(enquiries);
                    out.plans.extend(plans);
                    out.plan_reviews.extend(reviews);
                }
                _ => {}
            },
            Event::Eof => {
                // A file cut short ends inside an element: say so rather than read half of it.
                if let Some(open) = path_now.last() {
                    errors.push(ImportError {
                        code: Code::NotASpreadsheet,
                        location: Location {
                            file: file.clone(),
                            ..Location::default()
                        },
                        message: format!(
                            "the file ends inside <{open}>: it was cut short; send the whole file"
                        ),
                    });
                }
                break;
            }
            _ => {}
        }
        buf.clear();
    }
    if errors.is_empty() && children == 0 {
        errors.push(ImportError {
            code: Code::NotASpreadsheet,
            location: Location {
                file,
                ..Location::default()
            },
            message: "no <Child> was found: is this a CIN census file?".into(),
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(ImportErrors(errors))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const CENSUS: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<Message>
  <Header><CollectionDetails><Collection>CIN</Collection><Year>2024</Year></CollectionDetails></Header>
  <Children>
    <Child>
      <ChildIdentifiers><LAchildID>A1</LAchildID><Sex>F</Sex></ChildIdentifiers>
      <CINdetails>
        <CINreferralDate>2023-04-04</CINreferralDate>
        <ReferralSource>3A</ReferralSource>
        <PrimaryNeedCode>N1</PrimaryNeedCode>
        <CINclosureDate>2023-09-30</CINclosureDate>
        <ReferralNFA>false</ReferralNFA>
        <Assessments>
          <AssessmentActualStartDate>2023-04-05</AssessmentActualStartDate>
          <AssessmentAuthorisationDate>2023-05-10</AssessmentAuthorisationDate>
        </Assessments>
      </CINdetails>
      <CINdetails>
        <CINreferralDate>2023-11-07</CINreferralDate>
        <ReferralNFA>true</ReferralNFA>
      </CINdetails>
    </Child>
    <Child>
      <ChildIdentifiers><LAchildID>B2</LAchildID></ChildIdentifiers>
      <CINdetails>
        <CINreferralDate>2024-01-15</CINreferralDate>
        <ReferralNFA>0</ReferralNFA>
        <Assessments><AssessmentActualStartDate>2024-01-16</AssessmentActualStartDate></Assessments>
        <Section47><S47ActualStartDate>2024-01-17</S47ActualStartDate><DateOfInitialCPC>2024-02-01</DateOfInitialCPC><ICPCnotRequired>false</ICPCnotRequired></Section47>
        <ChildProtectionPlans><CPPstartDate>2024-02-01</CPPstartDate><NumberOfPreviousCPP>1</NumberOfPreviousCPP><Reviews><CPPreviewDate>2024-03-01</CPPreviewDate><CPPreviewDate>2024-04-20</CPPreviewDate></Reviews></ChildProtectionPlans>
      </CINdetails>
    </Child>
  </Children>
</Message>"#;

    #[test]
    fn a_census_gives_each_episodes_referral_and_assessments() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cin.xml");
        std::fs::write(&path, CENSUS).unwrap();
        let read = read_cin_census(&path).unwrap();
        let refs: Vec<(String, String, bool)> = read
            .referrals
            .iter()
            .map(|r| {
                (
                    read.child_name(r.child).to_string(),
                    r.date.to_string(),
                    r.nfa,
                )
            })
            .collect();
        assert_eq!(
            refs,
            [
                ("A1".to_string(), "2023-04-04".to_string(), false),
                ("A1".into(), "2023-11-07".into(), true),
                ("B2".into(), "2024-01-15".into(), false)
            ]
        );
        assert_eq!(read.assessments.len(), 2);
        // An episode of need for each referral not ending in no further action.
        let episodes: Vec<(String, Option<String>)> = read
            .episodes
            .iter()
            .map(|e| (e.start.to_string(), e.closed.map(|c| c.to_string())))
            .collect();
        assert_eq!(
            episodes,
            [
                ("2023-04-04".to_string(), Some("2023-09-30".to_string())),
                ("2024-01-15".to_string(), None)
            ]
        );
        assert_eq!(read.wording_text(read.referrals[0].reason.unwrap()), "N1");
        assert!(read.assessments[1].authorised.is_none());
        assert_eq!(
            read.enquiries[0].conference.unwrap().to_string(),
            "2024-02-01"
        );
        assert_eq!(read.plans[0].previous_plans, Some(1));
        assert!(read.plans[0].end.is_none());
        let reviews: Vec<(&str, String, String)> = read
            .plan_reviews
            .iter()
            .map(|r| {
                (
                    read.child_name(r.child),
                    r.plan_start.to_string(),
                    r.date.to_string(),
                )
            })
            .collect();
        assert_eq!(
            reviews,
            [
                ("B2", "2024-02-01".into(), "2024-03-01".into()),
                ("B2", "2024-02-01".into(), "2024-04-20".into())
            ]
        );
    }

    #[test]
    fn a_bad_date_is_named_with_its_child() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cin.xml");
        std::fs::write(&path, CENSUS.replace("2023-11-07", "07/11/2023")).unwrap();
        let errors = read_cin_census(&path).unwrap_err().to_string();
        assert!(errors.contains("child 1 (A1)"), "{errors}");
        assert!(errors.contains("'07/11/2023' is not a date"), "{errors}");
        std::fs::write(&path, "<Message><Children><Child>").unwrap();
        assert!(read_cin_census(&path).is_err());
        // A plan reviewed before it started, as list 7 refuses it too.
        std::fs::write(&path, CENSUS.replace("2024-03-01", "2024-01-20")).unwrap();
        let errors = read_cin_census(&path).unwrap_err().to_string();
        assert!(
            errors.contains("the review conference on 2024-01-20 is before the plan started"),
            "{errors}"
        );
    }
}
