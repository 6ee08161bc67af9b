//! Children (and labels such as sources) numbered once in a return: each record carries a
//! small number instead of its own copy of the council's identifier. A return at a region's scale names
//! millions of children; one allocation per row made reading it slow and its memory several
//! times the file's size (`docs/decisions/005-case-measures-engine.md`).

use hashbrown::HashTable;

/// A child of one return, by its number there ([`Names`]). Ordering by it groups a child's
/// records.
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

/// Names (children's identifiers, sources' wordings), each numbered once.
///
/// Held in [`SHARDS`] shards chosen by the name's hash, each with its names end to end in one
/// buffer and a hash table of their numbers; a name's number says its shard (low bits) and its
/// place there (high bits). Sharding lets a large return be read in parallel parts whose names
/// are then joined shard by shard on every core ([`Names::merged`]), each shard small enough to
/// stay in cache, where one table of millions of names made every lookup a miss
/// (`docs/decisions/005-case-measures-engine.md`). Numbers are given in the order names are
/// first met within their shard, so the same return always gives the same numbers.
#[derive(Clone, Default)]
pub struct Names {
    /// Empty until the first name; then [`SHARDS`] of them.
    shards: Vec<Shard>,
    /// The name last asked for: returns list a child's records together, so many rows name the
    /// child of the row before and need no hashing at all.
    last: Option<u32>,
    /// Every name met numbered anew unless it repeats the one before ([`Names::for_merging`]).
    appending: bool,
}

/// How many shards [`Names`] holds: enough for every core to join its own, few enough that a
/// small return's empty ones cost nothing.
pub const SHARDS: usize = 1 << SHARD_BITS;
const SHARD_BITS: u32 = 6;

#[derive(Clone, Default)]
struct Shard {
    text: String,
    /// Where each name ends in `text` (it starts where the one before ends).
    ends: Vec<u32>,
    /// Each name's place with its hash folded to 32 bits: growing the table moves entries
    /// without hashing their names again, and a lookup compares text only when the hashes
    /// agree (profiled: hashing again on growth was a fifth of reading a large return).
    table: HashTable<(u32, u32)>,
    /// Each name's folded hash, kept only when appending, for the merge.
    hashes: Vec<u32>,
}

/// A name's hash folded to 32 bits, the same for every [`Names`], so that a name falls in the
/// same shard in each part of a return. A fixed seed: the names come from the council's own
/// files, uploaded by its officers, so there is no one to mount a collision attack.
fn hash(name: &str) -> u32 {
    use std::hash::BuildHasher;
    static STATE: foldhash::fast::FixedState = foldhash::fast::FixedState::with_seed(0x5c20_7515);
    let hash = STATE.hash_one(name);
    (hash ^ (hash >> 32)) as u32
}

/// The shard of a folded hash: its top bits (a shard's table uses the rest, see [`spread`]).
fn shard_of(folded: u32) -> usize {
    (folded >> (32 - SHARD_BITS)) as usize
}

/// A folded hash spread to 64 bits for a shard's table: its low bits (the bucket) come from
/// the hash's low bits and its top bits (the control byte) from all of them, so neither is
/// constant within a shard.
fn spread(folded: u32) -> u64 {
    u64::from(folded).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// A name's number: its place in its shard, then the shard.
fn number(shard: usize, place: u32) -> u32 {
    let place = place
        .checked_mul(SHARDS as u32)
        .expect("fewer than 67 million names in a shard (4,000 million in all)");
    place | shard as u32
}

/// The name at `place` of names held end to end in `text`, each ending at its `ends`.
fn slice<'a>(text: &'a str, ends: &[u32], place: usize) -> &'a str {
    let start = if place == 0 {
        0
    } else {
        ends[place - 1] as usize
    };
    text.get(start..ends[place] as usize).unwrap_or("")
}

impl Shard {
    fn name(&self, place: usize) -> &str {
        slice(&self.text, &self.ends, place)
    }

    /// The name's place here, given now if first met.
    fn place(&mut self, name: &str, folded: u32) -> u32 {
        if self.table.len() < self.ends.len() {
            self.index();
        }
        let Shard {
            text, ends, table, ..
        } = self;
        let found = table.find(spread(folded), |&(i, h)| {
            h == folded && slice(text, ends, i as usize) == name
        });
        if let Some(&(i, _)) = found {
            return i;
        }
        text.push_str(name);
        let end = u32::try_from(text.len()).expect("a shard's names within 4 GB");
        let i = u32::try_from(ends.len()).expect("fewer than 4,294,967,296 names");
        ends.push(end);
        table.insert_unique(spread(folded), (i, folded), |&(_, h)| spread(h));
        i
    }

    /// The name given the next place, without looking for it.
    fn append(&mut self, name: &str, folded: u32) -> u32 {
        self.text.push_str(name);
        let end = u32::try_from(self.text.len()).expect("a shard's names within 4 GB");
        let i = u32::try_from(self.ends.len()).expect("fewer than 4,294,967,296 names");
        self.ends.push(end);
        self.hashes.push(folded);
        i
    }

    /// The folded hash of the name at `place`, kept or worked out again.
    fn hash_at(&self, place: usize) -> u32 {
        match self.hashes.get(place) {
            Some(&h) => h,
            None => hash(self.name(place)),
        }
    }

    /// The lookup table made again after [`Names::compact`] let it go.
    fn index(&mut self) {
        self.table = HashTable::with_capacity(self.ends.len());
        for place in 0..self.ends.len() {
            let folded = hash(self.name(place));
            let place = u32::try_from(place).unwrap_or(u32::MAX);
            self.table
                .insert_unique(spread(folded), (place, folded), |&(_, h)| spread(h));
        }
    }
}

impl Names {
    /// Names for a piece of a return that will be [merged](Names::merged): each name met is
    /// numbered anew unless it repeats the one before, and the merge tells repeats apart. A
    /// piece's names are mostly new to it, so looking each up there was a miss in a table
    /// larger than the cache, a third of reading a large return; the merge looks them up shard
    /// by shard, each shard's table small enough to stay in cache
    /// (`docs/decisions/005-case-measures-engine.md`).
    pub fn for_merging() -> Names {
        Names {
            appending: true,
            ..Names::default()
        }
    }

    /// Lets go of the lookup tables and spare room, keeping the names and their numbers: a part
    /// of a return waiting to be [merged](Names::merged) needs only those, and a large return
    /// has millions of names. Looking a name up again makes the table again.
    pub fn compact(&mut self) {
        for shard in &mut self.shards {
            shard.table = HashTable::new();
            shard.text.shrink_to_fit();
            shard.ends.shrink_to_fit();
            shard.hashes.shrink_to_fit();
        }
    }

    /// Makes room for about `names` more names of about `bytes` bytes each, spread over the
    /// shards, so that reading a large part of a return does not grow its tables step by step.
    pub fn reserve(&mut self, names: usize, bytes: usize) {
        let each = names.div_ceil(SHARDS);
        let appending = self.appending;
        for shard in self.shards_mut() {
            shard.text.reserve(each * bytes);
            shard.ends.reserve(each);
            if appending {
                shard.hashes.reserve(each);
            } else {
                shard.table.reserve(each, |&(_, h)| spread(h));
            }
        }
    }

    /// The name's number, given now if first met.
    ///
    /// # Panics
    /// When a shard holds more than 67 million names or 4 GB of them, which no council's (nor
    /// the country's) return does.
    pub fn id(&mut self, name: &str) -> u32 {
        if let Some(last) = self.last
            && self.name(last) == name
        {
            return last;
        }
        let folded = hash(name);
        let shard = shard_of(folded);
        let appending = self.appending;
        let own = &mut self.shards_mut()[shard];
        let place = if appending {
            own.append(name, folded)
        } else {
            own.place(name, folded)
        };
        let i = number(shard, place);
        self.last = Some(i);
        i
    }

    /// The shards, made on first use.
    fn shards_mut(&mut self) -> &mut [Shard] {
        if self.shards.is_empty() {
            self.shards = vec![Shard::default(); SHARDS];
        }
        &mut self.shards
    }

    /// The name numbered `i`, as the return wrote it ("" for a number never given).
    pub fn name(&self, i: u32) -> &str {
        let (shard, place) = (i as usize % SHARDS, (i >> SHARD_BITS) as usize);
        match self.shards.get(shard) {
            Some(s) if place < s.ends.len() => s.name(place),
            _ => "",
        }
    }

    pub fn len(&self) -> usize {
        self.shards.iter().map(|s| s.ends.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every name with its number, shard by shard.
    pub fn iter(&self) -> impl Iterator<Item = (u32, &str)> {
        self.shards.iter().enumerate().flat_map(|(shard, s)| {
            (0..s.ends.len()).map(move |place| (number(shard, place as u32), s.name(place)))
        })
    }

    /// The names of several parts (a return read in pieces) as one, numbered as if the parts
    /// had been read one after another, with each part's numbers in the whole. The shards are
    /// joined on every core at once, each part's shard let go once joined.
    pub fn merged(parts: Vec<Names>) -> (Names, Vec<Renumbering>) {
        use rayon::prelude::*;
        let count = parts.len();
        let mut columns: Vec<Vec<Shard>> = (0..SHARDS).map(|_| Vec::with_capacity(count)).collect();
        for part in parts {
            let mut own = part.shards.into_iter();
            for column in &mut columns {
                column.push(own.next().unwrap_or_default());
            }
        }
        let joined: Vec<Joined> = columns
            .into_par_iter()
            .enumerate()
            .map(|(shard, column)| {
                let mut whole = Shard::default();
                let numbers = column
                    .into_iter()
                    .map(|own| {
                        (0..own.ends.len())
                            .map(|place| {
                                number(shard, whole.place(own.name(place), own.hash_at(place)))
                            })
                            .collect()
                    })
                    .collect();
                (whole, numbers)
            })
            .collect();
        let mut renumberings = vec![Renumbering::default(); count];
        let mut shards = Vec::with_capacity(SHARDS);
        for (whole, numbers) in joined {
            shards.push(whole);
            for (renumbering, these) in renumberings.iter_mut().zip(numbers) {
                renumbering.shards.push(these);
            }
        }
        (
            Names {
                shards,
                ..Names::default()
            },
            renumberings,
        )
    }
}

/// A shard joined from every part, with each part's numbers in it.
type Joined = (Shard, Vec<Vec<u32>>);

/// A part's numbers in the whole it was merged into ([`Names::merged`]).
#[derive(Debug, Clone, Default)]
pub struct Renumbering {
    shards: Vec<Vec<u32>>,
}

impl Renumbering {
    /// The whole's number for the part's number `i`.
    pub fn get(&self, i: u32) -> u32 {
        self.shards[i as usize % SHARDS][(i >> SHARD_BITS) as usize]
    }
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
        self.iter().eq(other.iter())
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
            // Compacted half way, as a part of a return is: numbers keep and lookups go on.
            let ids: Vec<u32> = names
                .iter()
                .enumerate()
                .map(|(i, n)| {
                    if i == names.len() / 2 {
                        children.compact();
                    }
                    children.id(n)
                })
                .collect();
            for (a, ia) in names.iter().zip(&ids) {
                prop_assert_eq!(children.name(*ia), a.as_str());
                for (b, ib) in names.iter().zip(&ids) {
                    prop_assert_eq!(a == b, ia == ib);
                }
            }
            let distinct: std::collections::HashSet<&String> = names.iter().collect();
            prop_assert_eq!(children.len(), distinct.len());
        }

        /// A return read in parts and merged numbers every name as reading it whole would,
        /// whether each part told its repeats apart or numbered them anew ([`Names::for_merging`]);
        /// every number a part gave (each record's) is renumbered to its name's.
        #[test]
        fn merged_parts_number_as_one_reading(
            parts in proptest::collection::vec(proptest::collection::vec("[a-d]{0,3}", 0..40), 0..6),
            appending in any::<bool>(),
        ) {
            let mut whole = Names::default();
            let mut given = Vec::new();
            let read: Vec<Names> = parts
                .iter()
                .map(|part| {
                    let mut own = if appending { Names::for_merging() } else { Names::default() };
                    let mut these = Vec::new();
                    for name in part {
                        these.push((own.id(name), name.clone()));
                        whole.id(name);
                    }
                    given.push(these);
                    own
                })
                .collect();
            let (merged, renumberings) = Names::merged(read.clone());
            prop_assert_eq!(&merged, &whole);
            for (these, renumbering) in given.iter().zip(&renumberings) {
                for (i, name) in these {
                    prop_assert_eq!(renumbering.get(*i), whole.id(name));
                }
            }
        }
    }
}
