//! FollowTheMoney (FtM): one entity per line, `{"id", "schema", "properties": {name:
//! [values]}}`, as OpenSanctions, OCCRP Aleph and the `ftm` tool read it. The mapping is
//! the one `--data` reads ([`crate::load::ftm`]), in reverse:
//!
//! - a source is an `Article` (FtM's document "reporting about a subject"; `Document`
//!   itself wants a file name): `title`, `publisher`, `publishedAt`, `sourceUrl`, `notes`;
//! - an organisation is a `Company`, `Organization`, `PublicBody`, `LegalEntity` or
//!   `Person` after its kind ([`crate::load::ftm::schema_of_kind`]; a kind its schema does
//!   not say is its `legalForm`): `name`, `alias`, `country`, `sector`, `website`, `notes`;
//! - a project is a `Project`: `name`, `keywords` (its sector: FtM projects have none),
//!   `amountUsd` (the upper bound), `summary` (the value as the dataset states it: FtM has no
//!   property for "up to" or a range), `status`, `address`, `date`, `notes`, `proof`;
//! - a programme's part is an `UnknownLink` from the part to the programme, `role` "part of";
//! - a participation is a `ProjectParticipant`: `participant`, `project`, `role`, `status`,
//!   `startDate`, `description` (the evidence), `proof`;
//! - a tie is an `Ownership`, `Directorship`, `Employment`, `Membership`, `Family`,
//!   `Payment` or `UnknownLink` after its kind (the table in `export/ftm/ties.rs`).
//!
//! FtM ids allow only `[0-9a-zA-Z.-]`. An id that is already such a slug (no dot, at most
//! 100 characters) stays as it is; any other becomes `h.` and a hash of it, and a source
//! whose id is also a node's takes `s.` before it; participations are `p.` and a hash of
//! their pair and place, ties `t.` and a hash of their pair and place, part-of links `u.`
//! and a hash of the pair. The forms cannot meet.
//! Wherever the FtM id is not the partnet id, the entity's `keywords` carry
//! `partnet-id:<id>`, from which `--data` restores it. The same data gives the same bytes.

use std::borrow::Cow;
use std::collections::HashSet;
use std::io::{self, Write};

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::load::ftm::{schema_of_kind, ID_MARK, PART_OF_ROLE};
use crate::model::{NodeRef, Source};

use super::Selection;

mod ties;

/// Whether a partnet id can be its own FtM id: a slug of letters, digits and inner hyphens,
/// 1 to 100 characters. (FtM also allows dots; partnet keeps them for its derived ids.)
///
/// ```
/// use partnet::export::ftm::is_slug;
/// assert!(is_slug("westinghouse-ap1000-smr") && is_slug("S1"));
/// assert!(!is_slug("tab\tid") && !is_slug("a.b") && !is_slug("-a") && !is_slug("東芝") && !is_slug(""));
/// ```
pub fn is_slug(id: &str) -> bool {
    let b = id.as_bytes();
    (1..=100).contains(&b.len())
        && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
        && b[0] != b'-'
        && b[b.len() - 1] != b'-'
}

/// `prefix.` and the first 128 bits of the SHA-256 of `parts` (each ended by a NUL, so
/// ("ab", "c") and ("a", "bc") differ), in hex.
fn hashed(prefix: &str, parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for part in parts {
        h.update(part.as_bytes());
        h.update([0]);
    }
    let digest = h.finalize();
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("{prefix}.{hex}")
}

/// The FtM id of an entity or project.
pub fn node_id(id: &str) -> Cow<'_, str> {
    if is_slug(id) {
        Cow::Borrowed(id)
    } else {
        Cow::Owned(hashed("h", &[id]))
    }
}

/// The FtM id of a source: its id when that is a slug no node has, else `s.` and the slug
/// or `s.h.` and a hash.
fn source_id<'a>(id: &'a str, nodes: &HashSet<&str>) -> Cow<'a, str> {
    match (is_slug(id), nodes.contains(id)) {
        (true, false) => Cow::Borrowed(id),
        (true, true) => Cow::Owned(format!("s.{id}")),
        (false, _) => Cow::Owned(hashed("s.h", &[id])),
    }
}

/// A number as FtM writes amounts: digits, with a fraction only when there is one.
fn amount(usd: f64) -> String {
    if usd.fract() == 0.0 && usd.abs() < 1e16 {
        format!("{usd:.0}")
    } else {
        usd.to_string()
    }
}

/// One FtM entity, its properties in the order given (empty ones left out).
struct Entity<'a> {
    id: Cow<'a, str>,
    schema: &'static str,
    properties: Vec<(&'static str, Vec<Cow<'a, str>>)>,
}

impl Serialize for Entity<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Properties<'p, 'a>(&'p [(&'static str, Vec<Cow<'a, str>>)]);
        impl Serialize for Properties<'_, '_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut map = s.serialize_map(None)?;
                for (k, v) in self.0.iter().filter(|(_, v)| !v.is_empty()) {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
        let mut map = s.serialize_map(Some(3))?;
        map.serialize_entry("id", &self.id)?;
        map.serialize_entry("schema", self.schema)?;
        map.serialize_entry("properties", &Properties(&self.properties))?;
        map.end()
    }
}

impl<'a> Entity<'a> {
    fn new(id: Cow<'a, str>, schema: &'static str) -> Entity<'a> {
        Entity {
            id,
            schema,
            properties: Vec::new(),
        }
    }

    fn set(&mut self, key: &'static str, values: impl IntoIterator<Item = Cow<'a, str>>) -> &mut Self {
        self.properties.push((key, values.into_iter().collect()));
        self
    }

    fn one(&mut self, key: &'static str, value: Option<impl Into<Cow<'a, str>>>) -> &mut Self {
        self.set(key, value.map(Into::into))
    }

    /// `partnet-id:<id>` among the keywords when the FtM id is not the partnet id.
    fn mark(&mut self, id: &'a str, more: impl IntoIterator<Item = Cow<'a, str>>) -> &mut Self {
        let mark = (self.id != id).then(|| Cow::Owned(format!("{ID_MARK}{id}")));
        self.set("keywords", more.into_iter().chain(mark))
    }

    fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer(&mut *out, self)?;
        out.write_all(b"\n")
    }
}

pub fn write(sel: &Selection, out: &mut dyn Write) -> io::Result<()> {
    let ds = sel.ds();
    let view = sel.view;
    let node_ids: HashSet<&str> = ds
        .entities
        .iter()
        .map(|e| e.id())
        .chain(ds.projects.iter().map(|p| p.id()))
        .collect();
    let sources = sel.sources();
    let cited: HashSet<*const Source> = sources.iter().map(|s| *s as *const Source).collect();
    let proof = |span| -> Vec<Cow<str>> {
        ds.sources_in(span)
            .filter(|s| view.source_ok(s) && cited.contains(&(*s as *const Source)))
            .map(|s| source_id(&s.id, &node_ids))
            .collect()
    };
    for s in &sources {
        let mut e = Entity::new(source_id(&s.id, &node_ids), "Article");
        e.one("title", s.title.as_deref())
            .one("publisher", s.publisher.as_deref())
            .one("publishedAt", s.date.map(|d| d.to_string()))
            .one("sourceUrl", s.url.as_deref())
            .one("notes", s.note.as_deref())
            .mark(&s.id, None);
        e.write(out)?;
    }
    let exported: HashSet<usize> = sel.nodes.iter().map(|n| n.index()).collect();
    for &n in &sel.nodes {
        match ds.node(n) {
            NodeRef::Entity(x) => {
                let (schema, legal_form) = schema_of_kind(&x.kind);
                let mut e = Entity::new(node_id(x.id()), schema);
                e.one("name", Some(x.name()))
                    .set("alias", x.aliases().iter().map(|a| Cow::Borrowed(&**a)))
                    .one("country", x.country.as_deref().map(str::to_ascii_lowercase))
                    .set("sector", x.sectors.iter().map(|s| Cow::Borrowed(&**s)))
                    .one("legalForm", legal_form.then_some(&*x.kind))
                    .one("website", x.url())
                    .one("notes", x.note())
                    .mark(x.id(), None);
                e.write(out)?;
            }
            NodeRef::Project(p) => {
                let mut e = Entity::new(node_id(p.id()), "Project");
                e.one("name", Some(p.name()))
                    .one("amountUsd", p.value.map(|v| amount(v.max_usd())))
                    .one("summary", p.stated_value())
                    .one("status", p.status.as_deref())
                    .one("address", p.location())
                    .one("date", p.date.map(|d| d.to_string()))
                    .one("notes", p.note())
                    .set("proof", proof(p.sources))
                    .mark(p.id(), p.sector.as_deref().map(Cow::Borrowed));
                e.write(out)?;
            }
        }
    }
    // Parts of programmes, when both ends are exported: FtM has no project hierarchy.
    for &n in &sel.nodes {
        let NodeRef::Project(p) = ds.node(n) else { continue };
        let Some(parent) = p.part_of else { continue };
        let parent_node = ds.project_node(parent);
        if !exported.contains(&parent_node.index()) {
            continue;
        }
        let parent = &ds.projects[parent as usize];
        let mut e = Entity::new(Cow::Owned(hashed("u", &[p.id(), parent.id()])), "UnknownLink");
        e.set("subject", [node_id(p.id())])
            .set("object", [node_id(parent.id())])
            .set("role", [Cow::Borrowed(PART_OF_ROLE)]);
        e.write(out)?;
    }
    for &edge in sel.edges.iter().filter(|&&e| !view.is_tie(e)) {
        let (entity, project) = sel.ends(edge);
        let visible: Vec<*const crate::model::Participation> = view.records(edge).map(|p| p as *const _).collect();
        for (place, p) in view.graph.edge_records(ds, edge).enumerate() {
            if !visible.contains(&(p as *const _)) {
                continue;
            }
            let place = place.to_string();
            let mut e = Entity::new(
                Cow::Owned(hashed("p", &[entity.id(), project.id(), &place])),
                "ProjectParticipant",
            );
            e.set("participant", [node_id(entity.id())])
                .set("project", [node_id(project.id())])
                .one("role", Some(ds.role(p)))
                .one("status", Some(ds.status(p)))
                .one("startDate", p.date.map(|d| d.to_string()))
                .one("description", ds.evidence_of(p))
                .set("proof", proof(p.sources));
            e.write(out)?;
        }
    }
    ties::write(sel, &proof, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_ids_are_ftm_ids_and_never_meet() {
        let ftm = |id: &str| {
            let b = id.as_bytes();
            !b.is_empty()
                && b.iter().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-'))
                && b[0].is_ascii_alphanumeric()
                && b[b.len() - 1].is_ascii_alphanumeric()
        };
        let nodes: HashSet<&str> = ["S1"].into_iter().collect();
        let mut seen = HashSet::new();
        for id in ["westinghouse", "tab\tid", "東芝", "a.b", "-x", "S1", &"x".repeat(101)] {
            let n = node_id(id);
            assert!(ftm(&n), "{n}");
            assert!(seen.insert(n.into_owned()), "{id}");
        }
        for id in ["S1", "S2", "src \"one\""] {
            let s = source_id(id, &nodes);
            assert!(ftm(&s), "{s}");
            assert!(seen.insert(s.into_owned()), "{id}");
        }
        assert_eq!(source_id("S1", &nodes), "s.S1");
        assert_eq!(source_id("S2", &nodes), "S2");
        assert_ne!(hashed("p", &["ab", "c"]), hashed("p", &["a", "bc"]));
        assert_eq!(amount(1e11), "100000000000");
        assert_eq!(amount(1234567.5), "1234567.5");
    }
}
