//! The fast path for valid JSON: each record is read by [`super::scan`] and goes to the
//! [`Builder`] as soon as it is read, so a million-record file is never held as parsed
//! records, only as the finished dataset.
//!
//! It needs what a file written in the schema's order gives: sources, entities and projects
//! before the participations that name them. At the first thing it cannot take (a problem
//! in the data, a reference to a record not read yet, invalid JSON) it gives up, and the full
//! loader ([`super::resolve`]) runs instead: it parses everything, resolves in any order and
//! reports every problem. Both build the same dataset, so the fast path changes speed only.

use std::sync::mpsc::{sync_channel, Receiver, SyncSender, TryRecvError};

use crate::model::Dataset;

use super::build::{Bail, Builder};
use super::file::Contents;
use super::ids::IdHasher;
use super::raw::Text;
use super::resolve::Table;
use super::scan::{self, Record, Scan};

mod batch;

use batch::{Batch, Keyed, Records};

/// Records go from the parsing thread to the building one in batches of this many.
const BATCH: usize = 1024;

/// How many nodes the builder indexes between two looks for a batch, when none is waiting.
const INDEX_CHUNK: usize = 2048;

/// Loads JSON files (label, bytes) into a dataset, or `None` when the full loader must do
/// it. The bytes need not be UTF-8: the reader checks every string it takes, and gives up
/// on anything else.
///
/// Two threads share the work: this one parses, a second one builds the dataset from the
/// records as they come (resolving a link is mostly waiting on memory, parsing is mostly
/// computing, so they overlap well). Either stops the other by dropping its end of the
/// channel between them.
pub(super) fn load(files: &[(&str, &Contents)]) -> Option<Dataset> {
    let texts: Vec<&[u8]> = files.iter().map(|(_, contents)| &***contents).collect();
    let mut builder = Builder::streaming(files.iter().map(|(label, _)| label.to_string()).collect());
    let hasher = builder.hasher().clone();
    std::thread::scope(|scope| {
        let (send, batches) = sync_channel::<Batch>(4);
        // Emptied batches go back to be filled again: reusing their memory saves the page
        // faults of half a gigabyte of fresh batches on a million-record file.
        let (give_back, used) = sync_channel::<Batch>(8);
        let building = scope.spawn(move || -> Result<Builder, Bail> {
            loop {
                let mut batch = match batches.try_recv() {
                    Ok(batch) => batch,
                    // Nothing to build: index nodes meanwhile, or wait.
                    Err(TryRecvError::Empty) if builder.index_nodes(INDEX_CHUNK, false)? => continue,
                    Err(TryRecvError::Empty) => match batches.recv() {
                        Ok(batch) => batch,
                        Err(_) => break,
                    },
                    Err(TryRecvError::Disconnected) => break,
                };
                batch.build(&mut builder)?;
                let _ = give_back.try_send(batch);
            }
            builder.link_parts(None)?;
            Ok(builder)
        });
        let parsed = texts.iter().enumerate().all(|(file, text)| {
            File {
                text,
                contents: files[file].1,
                hasher: &hasher,
                send: &send,
                used: &used,
                file: file as u32,
                released: 0,
            }
            .read()
            .is_some()
        });
        drop(send);
        let built = building.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        match (parsed, built) {
            (true, Ok(builder)) => Some(builder.finish()),
            _ => None,
        }
    })
}

/// The shortest entity or project and the shortest participation a file can hold, with
/// the comma after them: the bytes left over these bound how many can follow.
const SHORTEST_NODE: usize = r#"{"id":"a","name":"b"},"#.len();
const SHORTEST_LINK: usize = r#"{"entity":"a","project":"b"},"#.len();
const SHORTEST_TIE: usize = r#"{"from":"a","to":"b","kind":"c"},"#.len();

/// One file: a JSON object of record arrays. `None` when the fast path gives up.
struct File<'s, 't> {
    text: &'t [u8],
    contents: &'s Contents,
    hasher: &'s IdHasher,
    send: &'s SyncSender<Batch<'t>>,
    used: &'s Receiver<Batch<'t>>,
    file: u32,
    /// Bytes of a mapped file given back so far.
    released: usize,
}

impl<'t> File<'_, 't> {
    fn read(mut self) -> Option<()> {
        let mut s = Scan::new(self.text);
        if self.text.starts_with(super::BOM) {
            s.pos = super::BOM.len();
        }
        if !s.eat(b'{') {
            return None;
        }
        let mut seen = [false; 6];
        if !s.eat(b'}') {
            loop {
                s.ws();
                let key_at = s.pos;
                let slot = match s.plain()? {
                    "$schema" => 0,
                    "sources" => 1,
                    "entities" => 2,
                    "projects" => 3,
                    "participations" => 4,
                    "ties" => 5,
                    _ => return None,
                };
                if std::mem::replace(&mut seen[slot], true) || !s.eat(b':') {
                    return None;
                }
                // The key's place in the text bounds the records that can follow it.
                let left = self.text.len() - key_at;
                let room = match slot {
                    2 => Some((Table::Entities, SHORTEST_NODE)),
                    3 => Some((Table::Projects, SHORTEST_NODE)),
                    4 => Some((Table::Participations, SHORTEST_LINK)),
                    5 => Some((Table::Ties, SHORTEST_TIE)),
                    _ => None,
                };
                if let Some((table, shortest)) = room {
                    self.send.send(Batch::Room(table, left / shortest)).ok()?;
                }
                match slot {
                    0 => s.serde::<Option<Text>>().map(drop)?,
                    1 => self.records(&mut s, Batch::Sources, |b| match b {
                        Batch::Sources(records) => Some(records),
                        _ => None,
                    })?,
                    2 => self.records(&mut s, Batch::Entities, |b| match b {
                        Batch::Entities(records) => Some(records),
                        _ => None,
                    })?,
                    3 => self.records(&mut s, Batch::Projects, |b| match b {
                        Batch::Projects(records) => Some(records),
                        _ => None,
                    })?,
                    4 => self.records(&mut s, Batch::Participations, |b| match b {
                        Batch::Participations(records) => Some(records),
                        _ => None,
                    })?,
                    _ => self.records(&mut s, Batch::Ties, |b| match b {
                        Batch::Ties(records) => Some(records),
                        _ => None,
                    })?,
                }
                if s.eat(b',') {
                    continue;
                }
                if s.eat(b'}') {
                    break;
                }
                return None;
            }
        }
        s.at_end().then_some(())
    }

    /// One array of records, sent to the builder a batch at a time.
    fn records<T: Record<'t> + Keyed>(
        &mut self,
        s: &mut Scan<'t>,
        wrap: fn(Records<T>) -> Batch<'t>,
        unwrap: fn(Batch<'t>) -> Option<Records<T>>,
    ) -> Option<()> {
        if !s.eat(b'[') {
            return None;
        }
        let mut first = 0;
        let mut batch = self.fresh(unwrap);
        if !s.eat(b']') {
            loop {
                s.ws();
                batch.records.push(scan::record(s)?);
                // Hashed here, with the text in cache, and off the builder's path.
                let record = &batch.records[batch.records.len() - 1];
                batch.hashes.push(self.hasher.hash(record.key()));
                if batch.records.len() == BATCH {
                    let full = std::mem::replace(&mut batch, self.fresh(unwrap));
                    first += self.send(s.pos, first, full, wrap)?;
                }
                if s.eat(b',') {
                    continue;
                }
                if s.eat(b']') {
                    break;
                }
                return None;
            }
        }
        if !batch.records.is_empty() {
            self.send(s.pos, first, batch, wrap)?;
        }
        Some(())
    }

    /// Sends a batch of records to the builder, once the text up to `parsed` is read;
    /// returns how many records went. `None` when the builder hung up: it met something
    /// the full loader must report.
    fn send<T>(
        &mut self,
        parsed: usize,
        first: usize,
        mut records: Records<T>,
        wrap: fn(Records<T>) -> Batch<'t>,
    ) -> Option<usize> {
        self.release(parsed);
        let n = records.records.len();
        (records.file, records.first) = (self.file, first);
        self.send.send(wrap(records)).ok()?;
        Some(n)
    }

    /// Gives back the memory of the part of a mapped file already parsed, a few megabytes
    /// at a time, and maps the part ahead, so that a large file does not stay resident
    /// beside the dataset built from it.
    fn release(&mut self, parsed: usize) {
        const STEP: usize = 16 << 20;
        // The builder reads the text of the batches it has not built yet (a few hundred
        // kilobytes behind the parser): those pages stay, or it would map them again.
        const BEHIND: usize = 2 << 20;
        if parsed < self.text.len() && parsed >= self.released + STEP {
            self.contents.release_before(parsed - BEHIND);
            self.contents.populate(parsed);
            self.released = parsed;
        }
    }

    /// An empty batch: one the builder gave back, or a new one. The records the builder
    /// is done with are dropped here, on the thread that allocated their strings: a free
    /// from another thread is several times slower, and leaves the memory unused longer.
    fn fresh<T>(&self, unwrap: fn(Batch<'t>) -> Option<Records<T>>) -> Records<T> {
        while let Ok(used) = self.used.try_recv() {
            if let Some(mut batch) = unwrap(used) {
                batch.records.clear();
                batch.hashes.clear();
                return batch;
            }
        }
        Records {
            file: self.file,
            first: 0,
            records: Vec::with_capacity(BATCH),
            hashes: Vec::with_capacity(BATCH),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{resolve, Options, RawFile};

    /// The full loader's dataset, for comparison.
    fn full(label: &str, text: &str) -> Dataset {
        let data = crate::load::json::parse(label, text).expect("valid JSON");
        let file = RawFile {
            label: label.to_string(),
            data,
            json: Some(text),
            rows: None,
            mentions: Default::default(),
        };
        let (ds, diags) = resolve::resolve(vec![file], Options::default());
        assert!(diags.is_empty(), "{diags:?}");
        ds
    }

    #[test]
    fn builds_the_same_dataset_as_the_full_loader() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for path in crate::load::SAME_DATASET_FIXTURES {
            let text = std::fs::read_to_string(root.join(path)).unwrap();
            let contents = Contents::Read(text.clone().into_bytes());
            let fast = load(&[(path, &contents)]).expect("the fast path takes a valid file");
            assert_eq!(format!("{fast:?}"), format!("{:?}", full(path, &text)), "{path}");
            // A byte order mark changes nothing.
            let marked = Contents::Read([super::super::BOM, text.as_bytes()].concat());
            let fast = load(&[(path, &marked)]).expect("the fast path takes a file with a BOM");
            assert_eq!(format!("{fast:?}"), format!("{:?}", full(path, &text)), "{path}");
        }
    }

    #[test]
    fn gives_up_on_what_it_cannot_take() {
        let links_first = r#"{"participations": [{"entity": "a", "project": "p"}],
            "entities": [{"id": "a", "name": "A"}], "projects": [{"id": "p", "name": "P"}]}"#;
        let unknown =
            r#"{"entities": [{"id": "a", "name": "A"}], "participations": [{"entity": "a", "project": "q"}]}"#;
        let twice = r#"{"entities": [], "entities": []}"#;
        let bad_date = r#"{"projects": [{"id": "p", "name": "P", "date": "2025-13"}]}"#;
        let no_such_day = r#"{"sources": [{"id": "s", "date": "2026-02-29"}]}"#;
        let cycle =
            r#"{"projects": [{"id": "p", "name": "P", "part_of": "q"}, {"id": "q", "name": "Q", "part_of": "p"}]}"#;
        // Ids used twice, found when the nodes are indexed: with no link, at the end.
        let same_entity = r#"{"entities": [{"id": "a", "name": "A"}, {"id": "a", "name": "B"}]}"#;
        let entity_and_project = r#"{"entities": [{"id": "a", "name": "A"}], "projects": [{"id": "a", "name": "P"}]}"#;
        // Bytes that are not UTF-8, in a string or between values.
        let bad_name = b"{\"entities\": [{\"id\": \"a\", \"name\": \"\xe6\x9d\"}]}";
        let bad_space = b"{\"entities\": [{\"id\": \"a\", \"name\": \"A\"}\xff]}";
        for text in [
            links_first.as_bytes(),
            unknown.as_bytes(),
            twice.as_bytes(),
            bad_date.as_bytes(),
            no_such_day.as_bytes(),
            cycle.as_bytes(),
            same_entity.as_bytes(),
            entity_and_project.as_bytes(),
            b"[]",
            b"{} x",
            b"{\"entities\": [{\"id\": \"a\"}]}",
            bad_name,
            bad_space,
        ] {
            let contents = Contents::Read(text.to_vec());
            assert!(
                load(&[("t.json", &contents)]).is_none(),
                "{}",
                String::from_utf8_lossy(text)
            );
        }
        // The full loader still reads a valid file in any order.
        let loaded = crate::load::load(
            &[crate::load::Input::Text("t.json".into(), links_first.into())],
            Options::default(),
        )
        .unwrap();
        assert_eq!(loaded.dataset.participations.len(), 1);
    }

    /// A file larger than the window the parser keeps mapped: pages behind it are given
    /// back while the builder still holds strings borrowed from them, and reading them
    /// again must give the same bytes. The mapped file must build what the same bytes
    /// read into memory build.
    #[test]
    fn a_mapped_file_past_the_release_window_builds_what_its_bytes_build() {
        use std::fmt::Write as _;
        use std::sync::atomic::Ordering;
        let mut text = String::from(r#"{"sources": [{"id": "s", "title": "T"}], "entities": ["#);
        let entities = 60_000;
        for i in 0..entities {
            let sep = if i == 0 { "" } else { "," };
            // Names long enough that the file passes 40 MB, with escapes (owned strings)
            // and without (borrowed from the map).
            let escaped = if i % 7 == 0 { "\\\"" } else { "" };
            write!(
                text,
                r#"{sep}{{"id": "e{i}", "name": "Company {i} {escaped}{}"}}"#,
                "x".repeat(640)
            )
            .unwrap();
        }
        text.push_str(r#"], "projects": [{"id": "p", "name": "P"}], "participations": ["#);
        for i in 0..entities {
            let sep = if i == 0 { "" } else { "," };
            write!(text, r#"{sep}{{"entity": "e{i}", "project": "p", "sources": ["s"]}}"#).unwrap();
        }
        text.push_str("]}");
        assert!(text.len() > 40 << 20, "{} bytes", text.len());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.json");
        std::fs::write(&path, &text).unwrap();
        let mapped = crate::load::file::read(&path).unwrap();
        assert!(matches!(mapped, Contents::Mapped(_)));
        let released = crate::load::file::RELEASED.load(Ordering::Relaxed);
        let from_map = load(&[("big.json", &mapped)]).expect("the fast path takes it");
        assert!(
            crate::load::file::RELEASED.load(Ordering::Relaxed) >= released + (16 << 20),
            "the parser gave back the pages behind it"
        );
        let read = Contents::Read(text.into_bytes());
        let from_memory = load(&[("big.json", &read)]).expect("the fast path takes it");
        assert_eq!(from_map.entities.len(), entities);
        assert_eq!(format!("{from_map:?}"), format!("{from_memory:?}"));
    }
}
