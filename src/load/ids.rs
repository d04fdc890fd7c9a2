//! The two lookup tables of loading: interned low-cardinality strings, and ids to indices.

use hashbrown::{DefaultHashBuilder, HashMap};

use crate::model::{Sym, SymId, Syms};

/// Low-cardinality strings (kinds, roles, statuses, countries, sectors), stored once, each
/// with its [`SymId`]: its place in the list that becomes [`Dataset::symbols`](crate::model::Dataset::symbols).
#[derive(Default)]
pub(super) struct Interner {
    ids: HashMap<Sym, SymId>,
    pub(super) symbols: Vec<Sym>,
    /// Lists of symbols (an organisation's sectors), each kept once.
    lists: HashMap<Box<[SymId]>, Syms>,
    /// The list being looked up, kept to spare an allocation per lookup.
    scratch: Vec<SymId>,
}

impl Interner {
    pub(super) fn id(&mut self, s: &str) -> SymId {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = SymId(self.symbols.len() as u32);
        let sym = Sym::from(s);
        self.symbols.push(sym.clone());
        self.ids.insert(sym, id);
        id
    }

    pub(super) fn get(&mut self, s: &str) -> Sym {
        let id = self.id(s);
        self.symbols[id.0 as usize].clone()
    }

    /// The list of these strings, shared with every earlier list of the same ones.
    pub(super) fn list<'s>(&mut self, items: impl IntoIterator<Item = &'s str>) -> Syms {
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        scratch.extend(items.into_iter().map(|s| self.id(s)));
        let list = match self.lists.get(&scratch[..]) {
            Some(list) => list.clone(),
            None if scratch.is_empty() => Syms::default(),
            None => {
                let list = Syms::from(
                    scratch
                        .iter()
                        .map(|id| self.symbols[id.0 as usize].clone())
                        .collect::<Vec<_>>(),
                );
                self.lists.insert(scratch.as_slice().into(), list.clone());
                list
            }
        };
        self.scratch = scratch;
        list
    }

    /// `s` trimmed and lowercased; allocates only when that changes it.
    pub(super) fn lower_id(&mut self, s: &str) -> SymId {
        let plain = s.bytes().all(|b| b.is_ascii_graphic() && !b.is_ascii_uppercase()) || s.is_empty();
        if plain {
            self.id(s)
        } else {
            self.id(&s.trim().to_lowercase())
        }
    }

    pub(super) fn lower(&mut self, s: &str) -> Sym {
        let id = self.lower_id(s);
        self.symbols[id.0 as usize].clone()
    }
}

/// How ids are hashed: one hasher serves every [`IdMap`] of a load, and can be cloned to
/// another thread, so that the parsing thread hashes each id while its text is in cache
/// and the building thread, the busier one, only looks it up.
#[derive(Clone, Default)]
pub(super) struct IdHasher(DefaultHashBuilder);

/// An id's hash under an [`IdHasher`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct IdHash(u32);

impl IdHasher {
    pub(super) fn hash(&self, id: &str) -> IdHash {
        use std::hash::BuildHasher;
        IdHash(self.0.hash_one(id) as u32)
    }
}

/// Ids to indices: an open-addressing table with linear probing, whose slots hold each id's
/// hash, length, first bytes and index. A lookup of an id of up to [`INLINE`] bytes reads
/// one slot, usually one cache line, and nothing else; only longer ids are compared in full
/// where the dataset stores them. On a million ids a lookup is a cache miss, the main cost
/// of resolving a link: a general-purpose map, with its control bytes apart from its slots,
/// takes two.
///
/// Lookups take the id's hash from the caller, who hashed it with this map's hasher.
#[derive(Default)]
pub(super) struct IdMap {
    /// A power of two of them, or none.
    slots: Vec<Slot>,
    len: usize,
    hasher: IdHasher,
}

/// Ids up to this many bytes are compared inside the table.
const INLINE: usize = 20;

/// One place of the table: 32 bytes, two to a cache line.
#[derive(Clone, Copy)]
struct Slot {
    /// The id's hash, which also says where its probe starts.
    hash: u32,
    /// The id's length plus one; 0 marks an empty slot.
    len: u32,
    value: u32,
    head: [u8; INLINE],
}

const EMPTY: Slot = Slot {
    hash: 0,
    len: 0,
    value: 0,
    head: [0; INLINE],
};

fn head(id: &str) -> [u8; INLINE] {
    let mut head = [0; INLINE];
    let n = id.len().min(INLINE);
    head[..n].copy_from_slice(&id.as_bytes()[..n]);
    head
}

impl IdMap {
    /// An empty map hashing with `hasher`.
    pub(super) fn with_hasher(hasher: IdHasher) -> IdMap {
        IdMap {
            slots: Vec::new(),
            len: 0,
            hasher,
        }
    }

    pub(super) fn hasher(&self) -> &IdHasher {
        &self.hasher
    }

    pub(super) fn hash(&self, id: &str) -> IdHash {
        self.hasher.hash(id)
    }

    /// The value of `id`; `is(value)` confirms a match of an id longer than [`INLINE`].
    pub(super) fn find(&self, id: &str, hash: IdHash, is: impl Fn(u32) -> bool) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        self.probe(id, hash, is).ok().map(|i| self.slots[i].value)
    }

    /// Walks the probe of `id` in a table with at least one empty slot: `Ok` with the slot
    /// that holds it, or `Err` with the empty slot where it would go.
    fn probe(&self, id: &str, hash: IdHash, is: impl Fn(u32) -> bool) -> Result<usize, usize> {
        debug_assert_eq!(hash, self.hash(id), "hashed by another hasher");
        let (len, head) = (id.len() as u32 + 1, head(id));
        let mask = self.slots.len() - 1;
        let mut i = hash.0 as usize & mask;
        loop {
            let slot = &self.slots[i];
            if slot.len == 0 {
                return Err(i);
            }
            if slot.hash == hash.0 && slot.len == len && slot.head == head && (id.len() <= INLINE || is(slot.value)) {
                return Ok(i);
            }
            i = (i + 1) & mask;
        }
    }

    /// Starts fetching the slot where a lookup of the id with this hash begins: a lookup
    /// made a few records later then finds it in the cache instead of waiting on memory.
    pub(super) fn prefetch(&self, hash: IdHash) {
        if self.slots.is_empty() {
            return;
        }
        let i = hash.0 as usize & (self.slots.len() - 1);
        crate::prefetch::prefetch(&self.slots, i);
    }

    /// Adds `id` unless the map holds it already (`is` as in [`IdMap::find`]); whether it
    /// was added. One probe does both.
    pub(super) fn insert_new(&mut self, id: &str, hash: IdHash, value: u32, is: impl Fn(u32) -> bool) -> bool {
        self.reserve(1);
        let Err(i) = self.probe(id, hash, is) else {
            return false;
        };
        self.slots[i] = Slot {
            hash: hash.0,
            len: id.len() as u32 + 1,
            value,
            head: head(id),
        };
        self.len += 1;
        true
    }

    /// Adds an id known to be absent.
    pub(super) fn insert(&mut self, id: &str, hash: IdHash, value: u32) {
        debug_assert_eq!(hash, self.hash(id), "hashed by another hasher");
        self.reserve(1);
        let slot = Slot {
            hash: hash.0,
            len: id.len() as u32 + 1,
            value,
            head: head(id),
        };
        self.place(slot);
        self.len += 1;
    }

    /// Puts a slot in the first empty place of its probe.
    fn place(&mut self, slot: Slot) {
        let mask = self.slots.len() - 1;
        let mut i = slot.hash as usize & mask;
        while self.slots[i].len != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = slot;
    }

    /// How many more ids fit before the table must grow.
    pub(super) fn room(&self) -> usize {
        (self.slots.len() * 3 / 4).saturating_sub(self.len)
    }

    /// Room for `more` ids, keeping the table at most three quarters full: linear probes
    /// stay a few slots long.
    pub(super) fn reserve(&mut self, more: usize) {
        let want = self.len + more;
        if want * 4 <= self.slots.len() * 3 {
            return;
        }
        let capacity = (want * 4 / 3 + 1).next_power_of_two().max(16);
        let mut slots = Vec::with_capacity(capacity);
        // Read at random, one lookup per link: huge pages spare each a page walk.
        crate::prefetch::populate_spare_huge(&mut slots, capacity);
        slots.resize(capacity, EMPTY);
        let old = std::mem::replace(&mut self.slots, slots);
        for slot in old.into_iter().filter(|s| s.len != 0) {
            self.place(slot);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn equal_lists_are_kept_once_and_others_apart() {
        let mut strings = Interner::default();
        let a = strings.list(["energy", "nuclear"]);
        let b = strings.list(["energy", "nuclear"]);
        let c = strings.list(["nuclear", "energy"]);
        assert_eq!((&*a[0], &*a[1]), ("energy", "nuclear"));
        assert!(std::ptr::eq(a.as_ptr(), b.as_ptr()), "one list for the same strings");
        assert!(!std::ptr::eq(a.as_ptr(), c.as_ptr()) && a != c, "order counts");
        assert_eq!(strings.list([]), Syms::default());
        assert!(strings.list([]).is_empty());
    }

    proptest! {
        /// The table finds every id it holds, with its value, and no other: ids sharing
        /// their first bytes, longer than the inline part, or differing by a NUL included.
        #[test]
        fn finds_what_it_holds_and_nothing_else(
            ids in prop::collection::hash_set("(abcdefghijklmnopqrstu){0,2}[ab\\x00é]{0,3}", 0..200),
            absent in prop::collection::vec("[abc\\x00]{0,25}", 0..20),
        ) {
            let ids: Vec<String> = ids.into_iter().collect();
            let mut map = IdMap::default();
            for (i, id) in ids.iter().enumerate() {
                // Every other id added by each way.
                if i % 2 == 0 {
                    map.insert(id, map.hash(id), i as u32);
                } else {
                    prop_assert!(map.insert_new(id, map.hash(id), i as u32, |v| ids[v as usize] == *id));
                }
            }
            for (i, id) in ids.iter().enumerate() {
                prop_assert!(!map.insert_new(id, map.hash(id), 0, |v| ids[v as usize] == *id), "{} twice", i);
            }
            for (i, id) in ids.iter().enumerate() {
                prop_assert_eq!(map.find(id, map.hash(id), |v| ids[v as usize] == *id), Some(i as u32));
            }
            for id in absent.iter().filter(|a| !ids.contains(a)) {
                prop_assert_eq!(map.find(id, map.hash(id), |v| ids[v as usize] == *id), None);
            }
        }
    }

    #[test]
    fn interned_strings_keep_their_ids() {
        let mut strings = Interner::default();
        let partner = strings.id("partner");
        assert_eq!(strings.lower_id(" Partner "), partner);
        assert_ne!(strings.id("lead"), partner);
        assert_eq!(&*strings.symbols[partner.0 as usize], "partner");
    }
}
