//! What only the streaming loader (`super::super::stream`) needs of the [`Builder`]: nodes
//! indexed while the builder waits for the parser, room made ahead of each batch, and
//! lookups started a few records early.

use super::{Bail, Builder, PROJECT_BIT};
use crate::load::ids::IdHash;
use crate::load::resolve::Table;

/// How many nodes ahead [`Builder::index_nodes`] fetches their id table slots.
const PREFETCH: usize = 32;

/// Nodes the streaming loader has read but not yet put in the id table: those from `next`
/// on, each with its id's hash and its value in the table.
#[derive(Default)]
pub(super) struct Unindexed {
    pub(super) nodes: Vec<(IdHash, u32)>,
    pub(super) next: usize,
}

impl Builder {
    /// A builder for the streaming loader, which gives up at a duplicate id wherever it
    /// is found, so it need not look up each node as it comes: nodes are indexed while
    /// the builder would otherwise wait for the parser ([`Builder::index_nodes`]), and the
    /// rest before the first link or `part_of` is resolved. Each node then costs one
    /// probe of the id table instead of two, mostly off the critical path.
    pub(in crate::load) fn streaming(files: Vec<String>) -> Builder {
        Builder {
            unindexed: Some(Unindexed::default()),
            ..Builder::new(files)
        }
    }

    /// Indexes up to `limit` of the nodes read and not yet indexed, oldest first; whether
    /// some are left that it could index. [`Bail`] at a duplicate id. The streaming loader
    /// calls it while it waits for records, and every lookup first indexes all that are
    /// left (`all`).
    ///
    /// Only `all` grows the id table; otherwise the table takes what fits. The table is
    /// sized for the queued nodes when a kind of node has been read whole (see
    /// [`Builder::room`]): grown as entities came, it was rebuilt four times over, and the
    /// last copy (35 ms at a million entities) held up both threads.
    pub(in crate::load) fn index_nodes(&mut self, limit: usize, all: bool) -> Result<bool, Bail> {
        let Some(u) = self.unindexed.as_mut() else {
            return Ok(false);
        };
        let ids = &mut self.node_ids;
        if all {
            ids.reserve(u.nodes.len() - u.next);
        }
        let end = u.nodes.len().min(u.next.saturating_add(limit.min(ids.room())));
        if u.next == end {
            return Ok(false);
        }
        let ds = &self.ds;
        let id = |v: u32| -> &str {
            if v & PROJECT_BIT != 0 {
                ds.projects[(v & !PROJECT_BIT) as usize].id()
            } else {
                ds.entities[v as usize].id()
            }
        };
        for i in u.next..end {
            if let Some(&(ahead, _)) = u.nodes[..end].get(i + PREFETCH) {
                ids.prefetch(ahead);
            }
            let (hash, v) = u.nodes[i];
            let text = id(v);
            if !ids.insert_new(text, hash, v, |w| id(w) == text) {
                return Err(Bail);
            }
        }
        u.next = end;
        if end == u.nodes.len() {
            u.nodes.clear();
            u.next = 0;
        }
        Ok(u.next < u.nodes.len() && ids.room() > 0)
    }

    /// Room for up to `n` more records of `table`, if the allocator grants it. The
    /// streaming loader passes an upper bound (bytes left in the file over the shortest
    /// possible record), so the table never grows by copying; the room it does not use is
    /// address space that is never touched, and costs no memory.
    ///
    /// While streaming, room for projects or links also means that the nodes before them
    /// are all read: the id table is sized for those waiting to be indexed.
    pub(in crate::load) fn room(&mut self, table: Table, n: usize) {
        if let (Some(u), Table::Projects | Table::Participations) = (&self.unindexed, table) {
            self.node_ids.reserve(u.nodes.len() - u.next);
        }
        let _ = match table {
            Table::Entities => self.ds.entities.try_reserve_exact(n),
            Table::Projects => self.ds.projects.try_reserve_exact(n),
            Table::Participations => self.ds.participations.try_reserve_exact(n),
            Table::Ties => self.ds.ties.try_reserve_exact(n),
            Table::Sources => Ok(()),
        };
    }

    /// Makes the places of the next `n` records of `table` resident (see
    /// [`crate::prefetch::populate_spare`]): the streaming loader calls it before each
    /// batch, so that a table of hundreds of megabytes does not fill a page fault at a time.
    pub(in crate::load) fn ahead(&mut self, table: Table, n: usize) {
        use crate::prefetch::populate_spare;
        match table {
            Table::Entities => populate_spare(&mut self.ds.entities, n),
            Table::Projects => populate_spare(&mut self.ds.projects, n),
            Table::Participations => populate_spare(&mut self.ds.participations, n),
            Table::Ties => populate_spare(&mut self.ds.ties, n),
            Table::Sources => {}
        }
    }

    /// Starts fetching the id table slot a lookup of the entity or project id with this
    /// hash reads (see [`IdMap::prefetch`](crate::load::ids::IdMap::prefetch)).
    pub(in crate::load) fn prefetch(&self, hash: IdHash) {
        self.node_ids.prefetch(hash);
    }

    /// Starts fetching the source table slot a lookup of source `id` reads: the table is
    /// small, but the builder's other work pushes it out of the cache.
    pub(in crate::load) fn prefetch_source(&self, id: &str) {
        self.source_ids.prefetch(self.source_ids.hash(id));
    }
}
