//! The fast path for valid FtM files: three reads of the text, each record built into the
//! dataset as soon as it is read and then dropped, so a million-entity file is never held
//! as parsed records. FtM files come in any order (a participant before its project, a
//! project before the document that proves it), so the first read builds the sources and
//! notes where every other record starts; the second builds the entities, then the
//! projects; the third the participations, then the ties. At the first problem it gives up, and the full
//! path ([`super::parse_all`]) reads everything and reports it. Both feed the [`Builder`]
//! the same records in the same order, so they build the same dataset.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::BuildHasher;

use hashbrown::DefaultHashBuilder;

use crate::load::build::{Bail, Builder};
use crate::load::file::Contents;
use crate::load::raw::Text;
use crate::load::resolve::At;
use crate::model::Dataset;

use super::map::{entity, is_part_of, participations, project, source, Ids};
use super::record::{Head, Record, Records};
use super::ties::ties;
use super::{class, Class};

/// Where each file's entities, projects and participants start.
#[derive(Default)]
struct Offsets {
    entities: Vec<usize>,
    projects: Vec<usize>,
    participants: Vec<usize>,
    ties: Vec<usize>,
}

/// The entities of schemata partnet skips (Address, Sanction, Vessel, ...), so that a tie
/// to one is left out as the full path leaves it out. An OpenSanctions file holds millions
/// of them, so their ids are not kept: each is the hash of its FtM id and the place it
/// starts, 16 bytes. A reference whose hash matches one is compared with the id read again
/// at that place, so that no other id (one of an organisation, or one no file defines,
/// which must be reported) is ever taken for a skipped one by a collision.
struct Skipped {
    hasher: DefaultHashBuilder,
    /// What of the hash is kept: all of it, but in a test that makes every id collide.
    mask: u64,
    /// (hash, place), sorted once the first read is over; a place counts from the start of
    /// the first file, the files one after another.
    at: Vec<(u64, u64)>,
    /// Where each file starts in those places.
    starts: Vec<u64>,
}

impl Skipped {
    fn new(files: &[(&str, &Contents)], mask: u64) -> Skipped {
        let starts = files
            .iter()
            .scan(0u64, |next, (_, c)| {
                let start = *next;
                *next += c.len() as u64;
                Some(start)
            })
            .collect();
        Skipped {
            hasher: DefaultHashBuilder::default(),
            mask,
            at: Vec::new(),
            starts,
        }
    }

    fn hash(&self, id: &str) -> u64 {
        self.hasher.hash_one(id) & self.mask
    }

    /// The entity `id` at `offset` of file `fi` is of a skipped schema.
    fn add(&mut self, id: &str, fi: usize, offset: usize) {
        self.at.push((self.hash(id), self.starts[fi] + offset as u64));
    }

    /// Ready for lookups: sorted, and the room growing left given back.
    fn seal(&mut self) {
        self.at.sort_unstable();
        self.at.shrink_to_fit();
    }

    /// Whether the FtM id `id` is that of an entity of a skipped schema.
    fn contains(&self, id: &str, files: &[(&str, &Contents)]) -> bool {
        let hash = self.hash(id);
        let first = self.at.partition_point(|&(h, _)| h < hash);
        self.at[first..]
            .iter()
            .take_while(|&&(h, _)| h == hash)
            .any(|&(_, place)| {
                let fi = self.starts.partition_point(|&s| s <= place) - 1;
                let text: &[u8] = files[fi].1;
                let offset = (place - self.starts[fi]) as usize;
                Records::<Head>::at(text, offset)
                    .and_then(|r| r.id)
                    .is_some_and(|x| *x == *id)
            })
    }
}

/// Gives back the pages of a mapped file behind the reader, a few megabytes at a time, so
/// that the file does not stay resident beside the dataset built from it.
struct Window<'c> {
    contents: &'c Contents,
    released: usize,
}

impl Window<'_> {
    const STEP: usize = 16 << 20;

    fn passed(&mut self, offset: usize) {
        if offset >= self.released + Self::STEP {
            self.contents.release_before(offset);
            self.contents.populate(offset);
            self.released = offset;
        }
    }

    fn done(&mut self) {
        self.contents.release_before(self.contents.len());
        self.contents.populate(0);
        self.released = 0;
    }
}

/// Loads FtM files (label, bytes) into a dataset, or `None` when the full path must.
pub(crate) fn load(files: &[(&str, &Contents)]) -> Option<Dataset> {
    load_hashing(files, u64::MAX)
}

/// [`load`], keeping `mask` of the hashes of skipped entities' ids (0 in a test: every id
/// collides).
fn load_hashing(files: &[(&str, &Contents)], mask: u64) -> Option<Dataset> {
    let mut b = Builder::new(files.iter().map(|(label, _)| label.to_string()).collect());
    build(&mut b, files, Skipped::new(files, mask)).ok()?;
    Some(b.finish())
}

fn read<'a>(text: &'a [u8], offset: usize) -> Result<Record<'a>, Bail> {
    Records::<Record>::at(text, offset).ok_or(Bail)
}

fn build(b: &mut Builder, files: &[(&str, &Contents)], mut others: Skipped) -> Result<(), Bail> {
    let mut ids = Ids::default();
    let mut parts: HashMap<String, String> = HashMap::new();
    let mut offsets: Vec<Offsets> = Vec::with_capacity(files.len());
    // First: sources built, every other record's place noted.
    for (fi, (_, contents)) in files.iter().enumerate() {
        let text: &[u8] = contents;
        let mut window = Window { contents, released: 0 };
        let mut o = Offsets::default();
        let mut sources = 0;
        for (start, _, head) in Records::<Head>::new(text) {
            window.passed(start);
            let r = head.map_err(|_| Bail)?;
            let schema = r.schema.as_deref().ok_or(Bail)?;
            if r.id.as_deref().is_none_or(|id| id.trim().is_empty()) {
                return Err(Bail);
            }
            ids.note(&r);
            match class(schema) {
                Class::Source => {
                    let r = read(text, start)?;
                    let s = source(&r).map_err(|_| Bail)?;
                    let at = At {
                        file: fi as u32,
                        index: sources,
                    };
                    sources += 1;
                    b.source(&s, b.hasher().hash(&s.id), None, at)?;
                }
                Class::Entity => o.entities.push(start),
                Class::Project => o.projects.push(start),
                Class::Participant => o.participants.push(start),
                Class::Tie if is_part_of(&r) => {
                    if let (Some(s), Some(obj)) = (r.first("subject"), r.first("object")) {
                        parts.insert(s.to_string(), obj.to_string());
                    }
                }
                Class::Tie => o.ties.push(start),
                Class::Other => others.add(r.id.as_deref().unwrap_or_default(), fi, start),
            }
        }
        window.done();
        offsets.push(o);
    }
    others.seal();
    // Then the nodes, entities before projects as the full path takes them.
    for (fi, (_, contents)) in files.iter().enumerate() {
        let text: &[u8] = contents;
        let mut window = Window { contents, released: 0 };
        for (index, &start) in offsets[fi].entities.iter().enumerate() {
            window.passed(start);
            let r = read(text, start)?;
            let e = entity(&r, r.schema.as_deref().unwrap_or_default()).map_err(|_| Bail)?;
            b.entity(&e, b.hasher().hash(&e.id), None, At { file: fi as u32, index })?;
        }
        window.done();
    }
    // A part-of link whose subject is no project is a tie the full path reports.
    let mut parts_used = 0;
    for (fi, (_, contents)) in files.iter().enumerate() {
        let text: &[u8] = contents;
        let mut window = Window { contents, released: 0 };
        for (index, &start) in offsets[fi].projects.iter().enumerate() {
            window.passed(start);
            let r = read(text, start)?;
            let parent = r.id.as_deref().and_then(|id| parts.get(id));
            parts_used += usize::from(parent.is_some());
            let parent = parent.map(|o| ids.of(&Text(Cow::Owned(o.clone()))));
            let p = project(&r, &ids, parent).map_err(|_| Bail)?;
            b.project(&p, b.hasher().hash(&p.id), None, At { file: fi as u32, index })?;
        }
        window.done();
    }
    if parts_used != parts.len() {
        return Err(Bail);
    }
    b.link_parts(None)?;
    for (fi, (_, contents)) in files.iter().enumerate() {
        let text: &[u8] = contents;
        let mut window = Window { contents, released: 0 };
        let mut index = 0;
        for &start in &offsets[fi].participants {
            window.passed(start);
            let r = read(text, start)?;
            for p in participations(&r, &ids).map_err(|_| Bail)? {
                b.participation(&p, b.hasher().hash(&p.entity), None, At { file: fi as u32, index })?;
                index += 1;
            }
        }
        window.done();
    }
    for (fi, (_, contents)) in files.iter().enumerate() {
        let text: &[u8] = contents;
        let mut window = Window { contents, released: 0 };
        let mut index = 0;
        for &start in &offsets[fi].ties {
            window.passed(start);
            let r = read(text, start)?;
            for t in ties(&r, &ids, &|x| others.contains(x, files)).map_err(|_| Bail)? {
                b.tie(&t, b.hasher().hash(&t.from), None, At { file: fi as u32, index })?;
                index += 1;
            }
        }
        window.done();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{resolve, Input, Options};

    /// The shipped data and the hostile fixtures, written as FtM by the export.
    fn ftm_of(path: &str) -> Vec<u8> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let loaded = crate::load::load(&[Input::Path(root.join(path))], Options::default()).unwrap();
        let graph = crate::graph::PartnerGraph::build(&loaded.dataset);
        let view = crate::filter::View::all(&loaded.dataset, &graph);
        let mut out = Vec::new();
        crate::export::ftm::write(&crate::export::Selection::all(&view), &mut out).unwrap();
        out
    }

    #[test]
    fn builds_the_same_dataset_as_the_full_path() {
        for path in crate::load::SAME_DATASET_FIXTURES {
            let bytes = ftm_of(path);
            let contents = Contents::Read(bytes.clone());
            let fast = load(&[("x.ftm", &contents)]).expect("the fast path takes the export");
            let text = std::str::from_utf8(&bytes).unwrap();
            let mut diags = Vec::new();
            let files = super::super::parse_all(&[("x.ftm", text)], &mut diags);
            assert!(diags.is_empty(), "{diags:?}");
            let (full, diags) = resolve::resolve(files, Options::default());
            assert!(diags.is_empty(), "{diags:?}");
            assert_eq!(format!("{fast:?}"), format!("{full:?}"), "{path}");
        }
    }

    #[test]
    fn leaves_out_a_link_to_a_skipped_schema_as_the_full_path_does() {
        let text = [
            r#"{"id":"v","schema":"Vessel","properties":{"name":["Boat"]}}"#,
            r#"{"id":"c1","schema":"Company","properties":{"name":["C1"]}}"#,
            r#"{"id":"c2","schema":"Company","properties":{"name":["C2"]}}"#,
            r#"{"id":"o3","schema":"Ownership","properties":{"owner":["c1"],"asset":["v"]}}"#,
            r#"{"id":"o4","schema":"Ownership","properties":{"owner":["c1","v"],"asset":["c2"]}}"#,
        ]
        .join("\n");
        let contents = Contents::Read(text.clone().into_bytes());
        let fast = load(&[("x.ftm", &contents)]).expect("the fast path takes it");
        assert_eq!(fast.ties.len(), 1);
        let mut diags = Vec::new();
        let files = super::super::parse_all(&[("x.ftm", &text)], &mut diags);
        let (full, _) = resolve::resolve(files, Options::default());
        assert_eq!(format!("{fast:?}"), format!("{full:?}"));
        let messages: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
        for end in ["asset", "owner"] {
            let want = format!("skipped 1 Ownership link whose `{end}` is a Vessel, which partnet does not read as an organisation (\"v\")");
            assert!(messages.contains(&want.as_str()), "{messages:?}");
        }
    }

    #[test]
    fn a_colliding_hash_never_makes_an_id_a_skipped_one() {
        // A mask of 0 gives every id the same hash: only the ids read again tell them apart.
        let first = [
            r#"{"id":"v","schema":"Vessel","properties":{"name":["Boat"]}}"#,
            r#"{"id":"c1","schema":"Company","properties":{"name":["C1"]}}"#,
            r#"{"id":"o1","schema":"Ownership","properties":{"owner":["c1"],"asset":["v"]}}"#,
        ]
        .join("\n");
        let second = [
            r#"{"id":"a","schema":"Address","properties":{"full":["1 Main St"]}}"#,
            r#"{"id":"c2","schema":"Company","properties":{"name":["C2"]}}"#,
            r#"{"id":"o2","schema":"Ownership","properties":{"owner":["c1"],"asset":["c2"]}}"#,
            r#"{"id":"o3","schema":"Ownership","properties":{"owner":["a"],"asset":["c2"]}}"#,
        ]
        .join("\n");
        let (one, two) = (
            Contents::Read(first.clone().into_bytes()),
            Contents::Read(second.clone().into_bytes()),
        );
        let files = [("x.ftm", &one), ("y.ftm", &two)];
        let fast = load_hashing(&files, 0).expect("the fast path takes it");
        assert_eq!(fast.ties.len(), 1);
        let mut diags = Vec::new();
        let parsed = super::super::parse_all(&[("x.ftm", &first), ("y.ftm", &second)], &mut diags);
        let (full, _) = resolve::resolve(parsed, Options::default());
        assert_eq!(format!("{fast:?}"), format!("{full:?}"));
        // An id no file defines is reported by the full path, never left out as skipped.
        let ghost = format!(
            "{first}\n{}",
            r#"{"id":"o9","schema":"Ownership","properties":{"owner":["c1"],"asset":["ghost"]}}"#
        );
        let contents = Contents::Read(ghost.into_bytes());
        assert!(load_hashing(&[("x.ftm", &contents)], 0).is_none());
    }

    #[test]
    fn gives_up_on_what_it_cannot_take() {
        let line = |s: &str| format!("{s}\n");
        for text in [
            // A reference to nothing, a proof naming a company, a bad line, no schema.
            line(
                r#"{"id": "pp", "schema": "ProjectParticipant", "properties": {"participant": ["a"], "project": ["p"]}}"#,
            ),
            line(r#"{"id": "a", "schema": "Company", "properties": {"name": ["A"]}}"#)
                + &line(r#"{"id": "p", "schema": "Project", "properties": {"name": ["P"], "proof": ["a"]}}"#),
            line("{\"id\": \"a\" \"schema\": \"Company\"}"),
            line(r#"{"id": "a", "properties": {"name": ["A"]}}"#),
            line(r#"{"id": "p", "schema": "Project", "properties": {"name": ["P"], "amountUsd": ["lots"]}}"#),
        ] {
            let contents = Contents::Read(text.clone().into_bytes());
            assert!(load(&[("x.ftm", &contents)]).is_none(), "{text}");
        }
    }
}
