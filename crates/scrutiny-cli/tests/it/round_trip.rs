//! Every sample set, performance and complaints, imported into a fresh store and read back: every
//! table and every column the same, on either backend. Driven by the tables' descriptions, so a
//! table or column added later is covered without touching this test; a column that is not saved
//! or not read back makes it fail.

#![allow(clippy::unwrap_used)]

use std::fmt::Debug;

use scrutiny_domain::Dataset;
use scrutiny_domain::complaints::records::ComplaintsData;
use scrutiny_domain::table::{TableSet, Value};

use crate::harness::{SAMPLE_SETS, TestDb, sample};

const AT: &str = "2026-12-03T00:00:00Z";

/// Rows for the columns the sample council's performance files leave empty, so that every column
/// is tried.
const EXTRA_PERFORMANCE: [(&str, &str); 17] = [
    (
        "indicator_bounds.csv",
        "indicator,minimum,maximum\nNI148,0,95\n",
    ),
    (
        "indicator_measures.csv",
        "indicator,measure\nNI148,re_referrals\n",
    ),
    (
        "value_sources.csv",
        "indicator,year,quarter,source,computed_on\nNI148,2012/13,1,Annex A return (definitions front-door 1.0),2026-12-04\n",
    ),
    (
        "boards.csv",
        "code,name,percent_places,exception_rule,count_by_group,clear_days\nRT,Round trip board,1,red or off_target 5%,yes,7\n",
    ),
    (
        "rag_rules.csv",
        "code,method,amber_band,band_unit,description,compare_with,compare_fallback\n\
         PREVIOUS,annual_target,5,percent,Against the previous quarter,previous_period,last_year_outturn; baseline\n",
    ),
    (
        "indicator_groups.csv",
        "code,label,position\nNAT,National indicator set,1\n",
    ),
    (
        "indicators.csv",
        "code,description,department,polarity,unit,rag_rule,compare_with,compare_fallback,baseline,baseline_label,formula,ytd_rule,population,context,group,period_basis,frequency\n\
         RT1,A measure,CFS,higher,percent,PREVIOUS,baseline,none,42.5,2010/11 baseline,,,,yes,NAT,snapshot,annual\n\
         RT2,A rate,CFS,lower,rate_per_10000,PREVIOUS,,,,,rate_per_10000,ratio_of_sums,0-17,,,year_to_date,\n\
         RT3,A share,CFS,higher,percent,PREVIOUS,,,,,percent,sum,,,,,half_yearly\n",
    ),
    (
        "memberships.csv",
        "board,person,starts,ends,role,party\nRT,Councillor Round Trip,2017-05-22,2018-05-20,co_optee,\n",
    ),
    (
        "minute_actions.csv",
        "meeting,minute,position,action,owner,due,done\nCYPF-2018-09-10,CYP21,1,Round trip,An officer,2018-10-01,2018-09-30\n",
    ),
    (
        "report_layouts.csv",
        "board,report,part,heading,hide\n\
         RT,qmr,title,Quarterly Performance Report,\n\
         RT,qmr,risks,,yes\n\
         RT,pbr,period_line,Year to date to {end},\n",
    ),
    (
        "populations.csv",
        "area,year,age_band,count\nRound trip council,2012/13,0-17,30000\n",
    ),
    (
        "targets.csv",
        "indicator,year,quarter,target,original_target\nNI148,2012/13,Q2,60,55\n",
    ),
    (
        "values.csv",
        "indicator,year,quarter,value,initials,numerator,denominator\n\
         NI148,2012/13,Q2,61%,NM,,\n\
         RT2,2012/13,Q2,50,,150,\n\
         RT3,2012/13,Q2,48.3,,29,60\n",
    ),
    (
        "milestone_progress.csv",
        "milestone,year,quarter,progress,initials\n2012-LAS1-a,2012/13,Q2,amber,NM\n",
    ),
    (
        "benchmarks.csv",
        "indicator,year,top_quartile,bottom_quartile\nNI148,2012/13,70.5,40\n",
    ),
    (
        "risks.csv",
        "department,year,quarter,ref,risk,control_measure,target,progress\nSS,2009/10,Q4,SS 2,A risk,A measure,March 2010,green\n",
    ),
    (
        "target_revisions.csv",
        "indicator,year,review,previous,proposed,rationale,proposed_by,proposed_on,decision,decided_by,decided_on\n\
         NI080,2014/15,Round trip review,50,55,Better data,Test Officer,2012-10-01,approved,Test Board,2012-11-01\n",
    ),
];

/// Rows for the complaints tables and columns the sample council's files leave empty, so that
/// every column is tried.
const EXTRA_COMPLAINTS: [(&str, &str); 10] = [
    (
        "editions.csv",
        "year,kind,count,published_on\n2016/17,statutory,23,2017-06-30\n",
    ),
    (
        "narrative.csv",
        "year,section,position,text\n2017/18,timescales,1,Responses were slower this year.\n",
    ),
    (
        "team_caseloads.csv",
        "year,team,open_cases,referrals\n2017/18,Assessment Team,210,1380\n",
    ),
    (
        "handling_code.csv",
        "year,ref,requirement,answer,evidence,action\n2017/18,5.1,Respond at Stage 1 within 10 working days,partly_met,Monthly reports,Weekly chasing\n",
    ),
    (
        "handling_code_responses.csv",
        "year,response\n2017/18,The board accepts the assessment.\n",
    ),
    (
        "settings.csv",
        "key,value\nlocal_stage,Informal resolution\nsuppress_below,3\n",
    ),
    (
        "restatements.csv",
        "year,kind,published,restated,note,table,row\n2016/17,statutory,2,3,A complaint logged late.,,\n2016/17,,4,5,One outcome corrected.,Stage 1 outcomes,Upheld\n",
    ),
    (
        "cases.csv",
        "reference,kind,received,advocacy,advocate,local_resolved,stage1_started,stage1_extended,stage1_extension_reason,stage1_responded,stage2_requested,stage2_declined_reason,stage2_started,investigator,independent_person,stage2_extended,stage2_extension_reason,stage2_adjudicated,adjudicator,stage3_requested,stage3_panel_held,stage3_panel,ombudsman_referred,ombudsman_decided,ombudsman_outcome,withdrawn,withdrawn_reason,closed,gender,ethnicity,disability,age_band,complainant_name,child_name\n\
         RT1,statutory,2017-04-03,yes,NYAS,,2017-04-06,yes,Complex,2017-05-02,2017-05-03,,2017-05-04,Test Investigator,Test Person,yes,Many issues,2017-08-01,Test Adjudicator,2017-08-02,2017-09-01,A; B; C,2017-09-10,2017-12-01,upheld,,,2017-12-02,Female,White British,None,18-24,Test Complainant,Test Child\n\
         RT2,statutory,2017-04-10,,,,,,,2017-04-20,2017-05-01,Out of time,,,,,,,,,,,,,,2017-05-20,Resolved informally,2017-05-20,,,,,,\n\
         RT3,statutory,2017-04-11,,,2017-04-12,,,,,,,,,,,,,,,,,,,,,,2017-04-12,,,,,,\n",
    ),
    (
        "compliments.csv",
        "reference,received,channel,source,division,team,text\nRTK1,2017-06-01,email,service_user,CIC,Fostering,Thank you.\n",
    ),
    (
        "learning_actions.csv",
        "reference,action,owner,due,status\nRT1,Review the letters,Test Owner,2018-01-31,in_progress\n",
    ),
];

#[tokio::test]
async fn every_sample_table_and_column_reads_back_as_imported() {
    let db = TestDb::new().await;
    let mut expected = Dataset::default();
    let extra = files(&EXTRA_PERFORMANCE);
    let sets = SAMPLE_SETS.iter().map(|s| sample(s));
    for path in sets.chain([extra.path().to_path_buf()]) {
        let known = db.store.known().await.unwrap();
        let data = scrutiny_import::read_set(&path, &known)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        db.store
            .apply(&data, "test", AT, "round trip")
            .await
            .unwrap();
        expected.upsert(data);
    }
    let loaded = db.store.load().await.unwrap();
    every_column_tried(&expected);
    same(expected, loaded);
}

#[tokio::test]
async fn every_complaints_table_and_column_reads_back_as_imported() {
    let db = TestDb::new().await;
    let mut expected = ComplaintsData::default();
    let extra = files(&EXTRA_COMPLAINTS);
    for path in [sample("complaints"), extra.path().to_path_buf()] {
        let held = db.store.load_complaints().await.unwrap();
        let data = scrutiny_import::complaints::read_complaints(
            &path,
            &held,
            crate::harness::import_day(),
        )
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        db.store
            .apply_complaints(&data, "test", AT, "round trip")
            .await
            .unwrap();
        expected.upsert(data);
    }
    every_column_tried(&expected);
    // Names are read back only through the audited door, never with the records.
    for case in &mut expected.cases {
        let personal = db
            .store
            .case_personal(&case.reference, "test", AT, "round trip")
            .await
            .unwrap();
        assert_eq!(
            personal.as_ref(),
            Some(&case.personal),
            "{}",
            case.reference
        );
        case.personal = Default::default();
    }
    let loaded = db.store.load_complaints().await.unwrap();
    same(expected, loaded);
}

/// A folder holding the given files.
fn files(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (file, text) in files {
        std::fs::write(dir.path().join(file), text).unwrap();
    }
    dir
}

/// Every table has rows and every column a value in at least one of them, so that a column
/// lost on the way would show.
fn every_column_tried<S: TableSet>(data: &S) {
    let blank = |v: &Value| matches!(v, Value::Null | Value::Bool(false)) || *v == Value::text("");
    let mut untried = Vec::new();
    for t in S::TABLES {
        let rows = data.rows(t.name);
        for (i, c) in t.columns.iter().enumerate() {
            if !rows.iter().any(|r| !blank(&r[i])) {
                untried.push(format!("{}.{}", t.name, c.name));
            }
        }
    }
    assert!(untried.is_empty(), "blank in every sample row: {untried:?}");
}

fn same<S: TableSet + PartialEq + Debug>(mut expected: S, mut loaded: S) {
    expected.sort();
    loaded.sort();
    for t in S::TABLES {
        // Table by table first, for a readable failure.
        assert_eq!(
            loaded.rows(t.name),
            expected.rows(t.name),
            "{} does not read back as imported",
            t.name
        );
    }
    assert_eq!(loaded, expected);
}
