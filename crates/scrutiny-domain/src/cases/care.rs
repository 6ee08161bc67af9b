//! Children looked after, as the DfE's SSDA903 return records them: episodes of care (a change
//! of legal status or placement starts a new one), the care leavers' outcomes (OC3), adoption
//! matches (AD1), placements for adoption and missing or absent episodes, reduced to the fields
//! a measure needs. Children are numbered per return ([`Names`]), as for the front door.
//!
//! The measures are in `placements.rs` (looked after, rate, NI 62, NI 63), `leavers.rs`,
//! `adoption.rs` and `missing.rs`, each as written in `docs/measures/children-in-care.md`
//! (version [`VERSION`]).

use std::fmt;

use chrono::NaiveDate;

pub use crate::cases::names::{ChildId, Names};

/// The care definitions' version, carried with every figure computed from a 903 return.
pub const VERSION: &str = "care 1.1 (2026-12-05)";

/// A code from one of the 903's code sets as the DfE writes it (`S`, `C2`, `E11`, `YES`, `DIED`):
/// up to four capital letters or digits, held inline (a return has a code per cell).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Code([u8; 4]);

impl Code {
    /// The code for `text` (trimmed, any case); none when it is not one to four letters or digits.
    pub fn new(text: &str) -> Option<Code> {
        let t = text.trim().as_bytes();
        if t.is_empty() || t.len() > 4 || !t.iter().all(u8::is_ascii_alphanumeric) {
            return None;
        }
        let mut b = [0u8; 4];
        for (to, from) in b.iter_mut().zip(t) {
            *to = from.to_ascii_uppercase();
        }
        Some(Code(b))
    }

    pub fn as_str(&self) -> &str {
        let n = self.0.iter().position(|b| *b == 0).unwrap_or(4);
        std::str::from_utf8(&self.0[..n]).unwrap_or("")
    }

    /// One of `set`.
    pub fn is_in(&self, set: &[&str]) -> bool {
        set.contains(&self.as_str())
    }
}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The 903 code sets an import checks cells against (DfE's guidance, as the open validator
/// `csc-validator-be-903` and the standards file list them).
pub mod codes {
    /// RNE, the reason for a new episode: S started to be looked after, L legal status only,
    /// P placement and carer, T placement with the same carer, B both L and P, U both L and T.
    pub const RNE: &[&str] = &["S", "L", "P", "T", "B", "U"];
    /// RNE values that start a placement (NI 62).
    pub const PLACEMENT_STARTS: &[&str] = &["S", "P", "B", "T", "U"];
    /// RNE values that keep the carer (a new placement type or legal status with the same carer).
    pub const SAME_CARER: &[&str] = &["L", "T", "U"];
    /// LS, the legal status.
    pub const LS: &[&str] = &[
        "C1", "C2", "D1", "E1", "J1", "J2", "J3", "L1", "L2", "L3", "V2", "V3", "V4",
    ];
    /// Agreed series of short-term breaks: excluded from the looked-after counts.
    pub const SHORT_BREAKS: &[&str] = &["V3", "V4"];
    /// Legal statuses that are an order to place for adoption: E1 placement order, D1 freeing
    /// order (A2's clock starts at the first of them).
    pub const ADOPTION_ORDERS: &[&str] = &["E1", "D1"];
    /// PLACE, the placement type.
    pub const PLACE: &[&str] = &[
        "A3", "A4", "A5", "A6", "H5", "K1", "K2", "K3", "P1", "P2", "P3", "R1", "R2", "R3", "R4",
        "R5", "S1", "T0", "T1", "T2", "T3", "T4", "U1", "U2", "U3", "U4", "U5", "U6", "Z1",
    ];
    /// Temporary placements (holiday, hospital, custody, …): not a placement move.
    pub const TEMPORARY: &[&str] = &["T0", "T1", "T2", "T3", "T4"];
    /// Placed for adoption.
    pub const PLACED_FOR_ADOPTION: &[&str] = &["A3", "A4", "A5", "A6"];
    /// REC, the reason an episode ended.
    pub const REC: &[&str] = &[
        "E11", "E12", "E13", "E14", "E15", "E16", "E17", "E2", "E3", "E41", "E45", "E46", "E47",
        "E48", "E4A", "E4B", "E5", "E6", "E7", "E8", "E9", "X1",
    ];
    /// Adopted (E11 by former foster carers, E12 by others).
    pub const ADOPTED: &[&str] = &["E11", "E12"];
    /// The episode ends and a new one starts the same day: the care goes on.
    pub const CONTINUES: &str = "X1";
    /// OC3 IN_TOUCH.
    pub const IN_TOUCH: &[&str] = &["YES", "NO", "DIED", "REFU", "NREQ", "RHOM"];
    /// OC3 ACTIV: F full time, P part time (1 higher education, 2 other education, 4 training
    /// or employment, 5 apprenticeship; 3 as the standards file lists it), G4–G6 not in
    /// education, employment or training.
    pub const ACTIV: &[&str] = &[
        "F1", "F2", "F3", "F4", "F5", "P1", "P2", "P3", "P4", "P5", "G4", "G5", "G6",
    ];

    /// OC3 ACCOM: a letter B to Z for the kind of accommodation, then 1 (suitable) or 2 (not).
    pub fn accommodation_allowed(code: &str) -> bool {
        let b = code.as_bytes();
        b.len() == 2 && (b'B'..=b'Z').contains(&b[0]) && (b[1] == b'1' || b[1] == b'2')
    }
}

/// An episode of care (903 `Episodes`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Episode {
    pub child: ChildId,
    /// DECOM.
    pub start: NaiveDate,
    /// RNE.
    pub reason: Code,
    /// LS.
    pub legal: Code,
    /// PLACE.
    pub placement: Code,
    /// DEC: the day the episode ended (the child is no longer in it that day); open when none.
    pub end: Option<NaiveDate>,
    /// REC.
    pub reason_ended: Option<Code>,
}

impl Episode {
    /// Looked after under this episode on `day`: started by then and not yet ended.
    pub fn open_on(&self, day: NaiveDate) -> bool {
        self.start <= day && self.end.is_none_or(|e| e > day)
    }

    pub fn short_break(&self) -> bool {
        self.legal.is_in(codes::SHORT_BREAKS)
    }

    pub fn temporary(&self) -> bool {
        self.placement.is_in(codes::TEMPORARY)
    }

    /// Ended with X1: the next episode starting that day carries the same period of care on.
    pub fn continues(&self) -> bool {
        self.reason_ended
            .is_some_and(|r| r.as_str() == codes::CONTINUES)
    }
}

/// A child of the return (903 `Header`): only the date of birth is kept (NI 63's age).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Child {
    pub child: ChildId,
    pub born: Option<NaiveDate>,
}

/// A care leaver's outcome (903 `OC3`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Leaver {
    pub child: ChildId,
    /// IN_TOUCH.
    pub in_touch: Code,
    /// ACTIV.
    pub activity: Option<Code>,
    /// ACCOM.
    pub accommodation: Option<Code>,
}

/// A decision and match for adoption (903 `AD1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AdoptionMatch {
    pub child: ChildId,
    /// DATE_INT: the decision that the child should be placed for adoption.
    pub decided: Option<NaiveDate>,
    /// DATE_MATCH: matched with the adopters.
    pub matched: Option<NaiveDate>,
    /// FOSTER_CARE: adopted by the foster carers the child was placed with.
    pub by_foster_carer: bool,
}

/// A placement for adoption (903 `PlacedAdoption`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlacedForAdoption {
    pub child: ChildId,
    /// DATE_PLACED: the child moved in with the adoptive family.
    pub placed: NaiveDate,
    /// DATE_PLACED_CEASED.
    pub ceased: Option<NaiveDate>,
}

/// Missing from placement, or away from it without authorisation (903 `MISSING` M or A).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Away {
    Missing,
    Absent,
}

/// A missing or absent episode (903 `Missing`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MissingEpisode {
    pub child: ChildId,
    pub kind: Away,
    /// MIS_START.
    pub start: NaiveDate,
    /// MIS_END: returned; still missing when none.
    pub end: Option<NaiveDate>,
    /// The day the child's return interview was held: local data (column `RHI_DATE`), not part
    /// of the national 903.
    pub interview: Option<NaiveDate>,
}

/// The records of one 903 return.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CareRecords {
    /// The children's identifiers (CHILD), numbered as first met; records carry the numbers.
    pub children: Names,
    pub header: Vec<Child>,
    pub episodes: Vec<Episode>,
    pub leavers: Vec<Leaver>,
    pub matches: Vec<AdoptionMatch>,
    pub placed: Vec<PlacedForAdoption>,
    pub missing: Vec<MissingEpisode>,
    /// Tables present but not read by this version (reviews, UASC, OC2, …), by file name.
    pub not_read: Vec<String>,
}

impl CareRecords {
    /// The child with this identifier in this return, numbered now if first met.
    pub fn child(&mut self, id: &str) -> ChildId {
        ChildId(self.children.id(id))
    }

    pub fn child_name(&self, child: ChildId) -> &str {
        self.children.name(child.0)
    }

    /// The episodes in order of child, then start (then end, open last): each child's history
    /// together, as [`by_child`] reads it.
    pub fn sorted_episodes(&self) -> Vec<Episode> {
        let mut sorted = self.episodes.clone();
        sorted.sort_by_key(|e| (e.child, e.start, e.end.is_none(), e.end));
        sorted
    }
}

/// Each child's episodes, from episodes sorted by [`CareRecords::sorted_episodes`].
pub fn by_child(sorted: &[Episode]) -> impl Iterator<Item = &[Episode]> {
    sorted.chunk_by(|a, b| a.child == b.child)
}
