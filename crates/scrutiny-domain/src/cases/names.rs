//! Children (and labels such as sources) numbered as they are first met in a return: each record
//! carries a small number instead of its own copy of the council's identifier. A return at a region's scale names
//! millions of children; one allocation per row made reading it slow and its memory several
//! times the file's size (`docs/decisions/005-case-measures-engine.md`).

use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};

/// A child of one return, by the order first met. Ordering by it groups a child's records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ChildId(pub u32);

/// A label as the return words it: a contact's or referral's source (`a) 1A: Individual`), a
/// referral's reason. Never zero, so that a record's optional label takes no more room.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Wording(pub std::num::NonZeroU32);

impl Wording {
    /// The label numbered `i` in its return's [`Names`].
    pub fn of(i: u32) -> Wording {
        Wording(std::num::NonZeroU32::MIN.saturating_add(i))
    }

    pub fn index(self) -> u32 {
        self.0.get() - 1
    }
}

/// Names (children's identifiers, sources' wordings) held end to end in one buffer, each
/// numbered by the order first met.
#[derive(Clone, Default)]
pub struct Names {
    text: String,
    /// Where each child's identifier ends in `text` (it starts where the one before ends).
    ends: Vec<u32>,
    /// Each name's number with its hash folded to 32 bits: growing the table moves entries
    /// without hashing their names again, and a lookup compares text only when the hashes
    /// agree (profiled: hashing again on growth was a fifth of reading a large return).
    table: HashTable<(u32, u32)>,
    hasher: DefaultHashBuilder,
}

/// A 64-bit hash folded to 32 bits, and spread back to 64 for the table (whose control bytes
/// read the top bits).
fn fold(hash: u64) -> u32 {
    (hash ^ (hash >> 32)) as u32
}

fn spread(folded: u32) -> u64 {
    u64::from(folded) | (u64::from(folded) << 32)
}

impl Names {
    /// The name's number, given now if first met.
    ///
    /// # Panics
    /// When a return holds more than four thousand million names or 4 GB of them, which no
    /// council's (nor the country's) does.
    pub fn id(&mut self, name: &str) -> u32 {
        let folded = fold(self.hasher.hash_one(name));
        let Names {
            text, ends, table, ..
        } = self;
        let found = table.find(spread(folded), |&(i, h)| {
            h == folded && slice(text, ends, i) == name
        });
        if let Some(&(i, _)) = found {
            return i;
        }
        text.push_str(name);
        let end = u32::try_from(text.len()).expect("identifiers within 4 GB");
        let i = u32::try_from(ends.len()).expect("fewer than 4,294,967,296 children");
        ends.push(end);
        table.insert_unique(spread(folded), (i, folded), |&(_, h)| spread(h));
        i
    }

    /// The name numbered `i`, as the return wrote it ("" for a number never given).
    pub fn name(&self, i: u32) -> &str {
        if (i as usize) < self.ends.len() {
            slice(&self.text, &self.ends, i)
        } else {
            ""
        }
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

fn slice<'a>(text: &'a str, ends: &[u32], i: u32) -> &'a str {
    let i = i as usize;
    let start = if i == 0 { 0 } else { ends[i - 1] as usize };
    text.get(start..ends[i] as usize).unwrap_or("")
}

/// A child's identifier as shown wherever records are listed ("why this number"): a keyed
/// hash, so a list names no child, the same child reads the same under one key, and without the
/// key the identifier cannot be worked back by trying the council's numbering.
pub fn pseudonym(key: &[u8], id: &str) -> String {
    use blake2::{Blake2b512, Digest};
    let digest = Blake2b512::new()
        .chain_update((key.len() as u64).to_le_bytes())
        .chain_update(key)
        .chain_update(id.as_bytes())
        .finalize();
    let hex: String = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
    format!("P-{hex}")
}

impl PartialEq for Names {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text && self.ends == other.ends
    }
}

impl Eq for Names {}

impl std::fmt::Debug for Names {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Names({})", self.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_pseudonym_depends_on_the_key_and_names_no_child() {
        let a = pseudonym(b"key one", "HC00001");
        assert_eq!(a, pseudonym(b"key one", "HC00001"));
        assert_ne!(a, pseudonym(b"key two", "HC00001"));
        assert_ne!(a, pseudonym(b"key one", "HC00002"));
        assert!(a.starts_with("P-") && a.len() == 12 && !a.contains("HC"));
    }

    proptest! {
        #[test]
        fn one_number_per_identifier(names in proptest::collection::vec("[a-c]{0,3}", 0..60)) {
            let mut children = Names::default();
            let ids: Vec<u32> = names.iter().map(|n| children.id(n)).collect();
            for (a, ia) in names.iter().zip(&ids) {
                prop_assert_eq!(children.name(*ia), a.as_str());
                for (b, ib) in names.iter().zip(&ids) {
                    prop_assert_eq!(a == b, ia == ib);
                }
            }
            let distinct: std::collections::HashSet<&String> = names.iter().collect();
            prop_assert_eq!(children.len(), distinct.len());
        }
    }
}
