//! The fast path for valid FtM files: three reads of the text, each record built into the
//! dataset as soon as it is read and then dropped, so a million-entity file is never held
//! as parsed records. FtM files come in any order (a participant before its project, a
//! project before the document that proves it), so the first read builds the sources and
//! notes where every other record starts; the second builds the entities, then the
//! projects; the third the participations, then the ties. At the first problem it gives up, and the full
//! path ([`super::parse_all`]) reads everything and reports it. Both feed the [`Builder`]
//! the same records in the same order, so they build the same dataset.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

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
    let mut b = Builder::new(files.iter().map(|(label, _)| label.to_string()).collect());
    build(&mut b, files).ok()?;
    Some(b.finish())
}

fn read<'a>(text: &'a [u8], offset: usize) -> Result<Record<'a>, Bail> {
    Records::<Record>::at(text, offset).ok_or(Bail)
}

fn build(b: &mut Builder, files: &[(&str, &Contents)]) -> Result<(), Bail> {
    let mut ids = Ids::default();
    let mut parts: HashMap<String, String> = HashMap::new();
    // The entities of schemata partnet skips: a link to one is left out, as the full path does.
    let mut others: HashSet<String> = HashSet::new();
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
                Class::Other => {
                    others.extend(r.id.as_deref().map(str::to_string));
                }
            }
        }
        window.done();
        offsets.push(o);
    }
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
            for t in ties(&r, &ids, &|x| others.contains(x)).map_err(|_| Bail)? {
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
