//! The hand-over between the two loading threads: parsed records go from the parsing
//! thread to the building one in [`Batch`]es, each record with the hash of the id the
//! builder looks it up by ([`Keyed`]), and the builder fetches a few records ahead what
//! those lookups will read.

use super::super::build::{Bail, Builder};
use super::super::ids::IdHash;
use super::super::raw::{RawEntity, RawParticipation, RawProject, RawSource, RawTie};
use super::super::resolve::{At, Table};

/// How many links ahead the builder starts fetching a link's entity.
const PREFETCH: usize = 8;

/// Parsed records on their way to the builder.
pub(super) enum Batch<'t> {
    /// Make room for up to this many records of a table.
    Room(Table, usize),
    Sources(Records<RawSource<'t>>),
    Entities(Records<RawEntity<'t>>),
    Projects(Records<RawProject<'t>>),
    Participations(Records<RawParticipation<'t>>),
    Ties(Records<RawTie<'t>>),
}

/// Records of one array: the file they come from, the index of the first one in the
/// array, the records, and the hash of each one's [`Keyed::key`] (kept apart: a record,
/// of up to 200 bytes, is then moved once, into its place here).
pub(super) struct Records<T> {
    pub(super) file: u32,
    pub(super) first: usize,
    pub(super) records: Vec<T>,
    pub(super) hashes: Vec<IdHash>,
}

/// The id by which the builder looks a record up: its own, or a link's entity (links
/// usually come grouped by project, so the project is rarely looked up).
pub(super) trait Keyed {
    fn key(&self) -> &str;

    /// The first source the record cites, which the builder looks up too.
    fn cited(&self) -> Option<&str> {
        None
    }
}

/// Records looked up by their own `id`.
macro_rules! keyed_by_id {
    ($($record:ident),*) => {$(
        impl Keyed for $record<'_> {
            fn key(&self) -> &str {
                &self.id
            }
        }
    )*};
}

keyed_by_id!(RawSource, RawEntity, RawProject);

impl Keyed for RawTie<'_> {
    fn key(&self) -> &str {
        &self.from
    }

    fn cited(&self) -> Option<&str> {
        self.sources.first().map(|s| &**s)
    }
}

impl Keyed for RawParticipation<'_> {
    fn key(&self) -> &str {
        &self.entity
    }

    fn cited(&self) -> Option<&str> {
        self.sources.first().map(|s| &**s)
    }
}

impl<T: Keyed> Records<T> {
    /// Calls `build` on each record with its hash and place. Ids hash to random places of
    /// a table larger than the cache: each lookup would wait on memory, unless started a
    /// few records ahead (`ahead`).
    fn build(
        &self,
        b: &mut Builder,
        ahead: bool,
        build: fn(&mut Builder, &T, IdHash, At) -> Result<(), Bail>,
    ) -> Result<(), Bail> {
        for (i, (record, hash)) in self.records.iter().zip(&self.hashes).enumerate() {
            if let Some(next) = self.records.get(i + PREFETCH).filter(|_| ahead) {
                b.prefetch(self.hashes[i + PREFETCH]);
                crate::prefetch::prefetch(next.key().as_bytes(), 0);
                if let Some(source) = next.cited() {
                    b.prefetch_source(source);
                }
            }
            let at = At {
                file: self.file,
                index: self.first + i,
            };
            build(b, record, *hash, at)?;
        }
        Ok(())
    }
}

impl Batch<'_> {
    /// Builds the records (the batch keeps them, to be dropped by the parsing thread).
    pub(super) fn build(&mut self, b: &mut Builder) -> Result<(), Bail> {
        match self {
            Batch::Room(table, n) => b.room(*table, *n),
            // Sources have ids of their own, and are few; entities and projects are not
            // looked up as they come (see `Builder::streaming`).
            Batch::Sources(records) => records.build(b, false, |b, r, hash, at| b.source(r, hash, None, at))?,
            Batch::Entities(records) => {
                b.ahead(Table::Entities, records.records.len());
                records.build(b, false, |b, r, hash, at| b.entity(r, hash, None, at))?
            }
            Batch::Projects(records) => {
                b.ahead(Table::Projects, records.records.len());
                records.build(b, false, |b, r, hash, at| b.project(r, hash, None, at))?
            }
            Batch::Participations(records) => {
                b.ahead(Table::Participations, records.records.len());
                records.build(b, true, |b, r, hash, at| b.participation(r, hash, None, at))?
            }
            Batch::Ties(records) => {
                b.ahead(Table::Ties, records.records.len());
                records.build(b, true, |b, r, hash, at| b.tie(r, hash, None, at))?
            }
        }
        Ok(())
    }
}
