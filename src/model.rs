//! The resolved dataset: every reference checked and turned into a compact index.
//!
//! Loading ([`crate::load`]) reads the JSON or CSV text into borrowed records, validates
//! them and produces a [`Dataset`]. Everything after loading works on indices: a node is a
//! [`NodeId`] (entities first, then projects), a participation points at its entity and
//! project by index and at its sources through a [`Span`] of a shared arena. Low-cardinality
//! strings (kinds, roles, statuses, countries, sectors) are interned as [`Sym`]; the role
//! and status of each of the millions of participations are one 2-byte [`RoleStatus`], the
//! index of a pair of [`SymId`]s in one list.

use std::num::NonZeroU32;

use crate::value::Value;

mod date;
mod text;

pub use date::{Date, DateError};
pub use text::{IdName, Sym, Syms, MAX_ID_NAME};

/// A string of [`Dataset::symbols`], in 4 bytes rather than a [`Sym`]'s 8: ties hold their
/// kind and status so, and links a pair of them ([`RoleStatus`]); read them with
/// [`Dataset::role`], [`Dataset::status`] and their tie counterparts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SymId(pub u32);

/// A text of [`Dataset::evidence`]. Few links carry evidence, so a link holds this 4-byte
/// index instead of a 16-byte pointer; read it with [`Dataset::evidence_of`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EvidenceId(NonZeroU32);

impl EvidenceId {
    /// The id of the text at `index`, if it fits.
    pub fn new(index: usize) -> Option<EvidenceId> {
        u32::try_from(index + 1).ok().and_then(NonZeroU32::new).map(EvidenceId)
    }

    pub fn index(self) -> usize {
        self.0.get() as usize - 1
    }
}

/// A node of the partnership graph: an entity or a project.
///
/// Entities take the indices `0..entities.len()`, projects the ones after them, so a node
/// id needs no lookup table to find its record.
pub type NodeId = petgraph::graph::NodeIndex<u32>;

/// A run of consecutive items in one of the dataset's arenas: a record's sources.
///
/// Six bytes, packed to an alignment of 2, so that a link's span and its [`RoleStatus`]
/// share eight bytes. Its fields are read by value (a packed field cannot be borrowed).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[repr(C, packed(2))]
pub struct Span {
    pub start: u32,
    pub len: u16,
}

/// The most sources one record may cite: a [`Span`]'s length is 16 bits.
pub const MAX_SPAN: usize = u16::MAX as usize;

impl Span {
    pub fn range(self) -> std::ops::Range<usize> {
        let start = self.start as usize;
        start..start + self.len as usize
    }
}

/// A report that says something about the graph: an article, a fact sheet, a filing.
#[derive(Debug, Clone)]
pub struct Source {
    pub id: Box<str>,
    pub title: Option<Box<str>>,
    pub publisher: Option<Box<str>>,
    pub date: Option<Date>,
    pub url: Option<Box<str>>,
    pub note: Option<Box<str>>,
}

/// An organisation or person: a company, an agency, a government.
#[derive(Debug, Clone)]
pub struct Entity {
    /// Its id and name: read them with [`Entity::id`] and [`Entity::name`].
    pub text: IdName,
    pub kind: Sym,
    pub country: Option<Sym>,
    pub sectors: Syms,
    /// Its aliases, web address and note, when it has any of them: few do, and a million
    /// organisations without carry 8 bytes for them instead of 48.
    pub extra: Option<Box<EntityExtra>>,
    /// Index of the file that defined it, in [`Dataset::files`].
    pub file: u32,
}

// Millions of these sit in memory too: a field that widens them should be a decision.
const _: () = assert!(std::mem::size_of::<Entity>() == 56);

/// What few organisations have: other names, a web address, a note. Make it with
/// [`EntityExtra::of`], which gives none for an organisation with none of them.
///
/// ```
/// use partnet::model::EntityExtra;
/// assert!(EntityExtra::of(Box::new([]), None, None).is_none());
/// let extra = EntityExtra::of(Box::new([]), Some("https://www.toshiba.co.jp".into()), None);
/// assert_eq!(extra.unwrap().url.as_deref(), Some("https://www.toshiba.co.jp"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntityExtra {
    pub aliases: Box<[Box<str>]>,
    pub url: Option<Box<str>>,
    pub note: Option<Box<str>>,
}

impl EntityExtra {
    /// The extra of an organisation with these, or `None` when it has none of them.
    pub fn of(aliases: Box<[Box<str>]>, url: Option<Box<str>>, note: Option<Box<str>>) -> Option<Box<EntityExtra>> {
        let extra = EntityExtra { aliases, url, note };
        (extra != EntityExtra::default()).then(|| Box::new(extra))
    }
}

impl Entity {
    pub fn id(&self) -> &str {
        self.text.id()
    }

    pub fn name(&self) -> &str {
        self.text.name()
    }

    /// Its other names, in the order the data gives them.
    pub fn aliases(&self) -> &[Box<str>] {
        self.extra.as_ref().map_or(&[], |x| &x.aliases)
    }

    /// Its web address.
    pub fn url(&self) -> Option<&str> {
        self.extra.as_ref().and_then(|x| x.url.as_deref())
    }

    /// Its note.
    pub fn note(&self) -> Option<&str> {
        self.extra.as_ref().and_then(|x| x.note.as_deref())
    }
}

/// A project, programme or deal that organisations take part in.
#[derive(Debug, Clone)]
pub struct Project {
    /// Its id and name: read them with [`Project::id`] and [`Project::name`].
    pub text: IdName,
    pub sector: Option<Sym>,
    pub value: Option<Value>,
    /// The value exactly as the dataset states it (`"$759M-$1518M"`), when it was given as
    /// text; exports write this, not `value`'s own rendering.
    pub value_text: Option<Box<str>>,
    pub status: Option<Sym>,
    pub date: Option<Date>,
    /// The programme this project belongs to, as a project index.
    pub part_of: Option<u32>,
    pub sources: Span,
    /// Its location and note, when it has either: most projects carry 8 bytes for them
    /// instead of 32.
    pub extra: Option<Box<ProjectExtra>>,
    pub file: u32,
}

// Hundreds of thousands of these sit in memory: a field that widens them should be a decision.
const _: () = assert!(std::mem::size_of::<Project>() == 104);

/// What a project may have besides its id, name, value and dates: where it is, a note.
/// Make it with [`ProjectExtra::of`], which gives none for a project with neither.
///
/// ```
/// use partnet::model::ProjectExtra;
/// assert!(ProjectExtra::of(None, None).is_none());
/// let extra = ProjectExtra::of(Some("Portsmouth, Ohio".into()), None).unwrap();
/// assert_eq!(extra.location.as_deref(), Some("Portsmouth, Ohio"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectExtra {
    pub location: Option<Box<str>>,
    pub note: Option<Box<str>>,
}

impl ProjectExtra {
    /// The extra of a project with these, or `None` when it has neither.
    pub fn of(location: Option<Box<str>>, note: Option<Box<str>>) -> Option<Box<ProjectExtra>> {
        (location.is_some() || note.is_some()).then(|| Box::new(ProjectExtra { location, note }))
    }
}

/// A link's role and status together, an index into [`Dataset::role_statuses`]: millions
/// of links share a few dozen such pairs, and one index takes half the room of two.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RoleStatus(pub u16);

/// The most (role, status) pairs a dataset may use: a [`RoleStatus`] is 16 bits.
pub const MAX_ROLE_STATUSES: usize = u16::MAX as usize + 1;

/// One report of an organisation taking part in a project.
#[derive(Debug, Clone)]
pub struct Participation {
    /// Entity index (also its [`NodeId`]).
    pub entity: u32,
    /// Project index (its node is `entities.len() + project`).
    pub project: u32,
    /// Its role and status, read with [`Dataset::role`] and [`Dataset::status`].
    pub role_status: RoleStatus,
    pub sources: Span,
    pub evidence: Option<EvidenceId>,
    pub date: Option<Date>,
    // No file of its own: links are kept in the order of the files, so the counts per file
    // say which one a link came from (as `load::warnings` reads them), for 4 bytes less.
}

// Millions of these sit in memory: a field that widens them should be a decision.
const _: () = assert!(std::mem::size_of::<Participation>() == 24);

/// A tie between two organisations (or people): "`from` is `kind` of `to`" (Cameco owner of
/// Westinghouse, share 49; Masayoshi Son founder of SoftBank Group).
#[derive(Debug, Clone)]
pub struct Tie {
    /// Entity index of the one that is `kind` of the other.
    pub from: u32,
    /// Entity index of the other.
    pub to: u32,
    pub kind: SymId,
    pub status: SymId,
    /// A percentage in (0, 100], for ownership.
    pub share: Option<f64>,
    /// A person's title: "Chairman and CEO".
    pub title: Option<Box<str>>,
    /// A payment's amount, an acquisition's price.
    pub value: Option<Value>,
    pub sources: Span,
    pub evidence: Option<EvidenceId>,
    /// When it began, or was reported.
    pub date: Option<Date>,
    /// When it ended: an `--as-of` after it hides the tie.
    pub until: Option<Date>,
    pub file: u32,
}

impl Tie {
    /// Whether the tie still holds on day `at`: it has no `until`, or `at` is not after the
    /// last day its `until` covers (a tie "until 2025-06" holds through June 30th, as `--as-of
    /// 2025-06` and a window's default end read that month). What `--as-of`, `changes`,
    /// `timeline`, `check` and the explorer all mean by a tie's end.
    pub fn holds_on(&self, at: Date) -> bool {
        self.until.is_none_or(|u| u.last_day() >= at)
    }
}

/// A whole dataset, merged from one or more files, with every reference resolved.
#[derive(Debug, Default)]
pub struct Dataset {
    /// The files it was loaded from, as given (for messages).
    pub files: Vec<String>,
    pub sources: Vec<Source>,
    pub entities: Vec<Entity>,
    pub projects: Vec<Project>,
    pub participations: Vec<Participation>,
    pub ties: Vec<Tie>,
    /// Arena of source indices referenced by [`Span`]s.
    pub source_refs: Vec<u32>,
    /// The strings [`SymId`]s stand for.
    pub symbols: Vec<Sym>,
    /// The (role, status) pairs [`RoleStatus`]es stand for, each once.
    pub role_statuses: Vec<(SymId, SymId)>,
    /// The texts [`EvidenceId`]s stand for.
    pub evidence: Vec<Box<str>>,
}

/// A borrowed view of one node's record.
#[derive(Debug, Clone, Copy)]
pub enum NodeRef<'a> {
    Entity(&'a Entity),
    Project(&'a Project),
}

impl<'a> NodeRef<'a> {
    pub fn id(self) -> &'a str {
        match self {
            NodeRef::Entity(e) => e.id(),
            NodeRef::Project(p) => p.id(),
        }
    }

    pub fn name(self) -> &'a str {
        match self {
            NodeRef::Entity(e) => e.name(),
            NodeRef::Project(p) => p.name(),
        }
    }

    /// The entity's kind, or "project".
    pub fn kind(self) -> &'a str {
        match self {
            NodeRef::Entity(e) => &e.kind,
            NodeRef::Project(_) => "project",
        }
    }

    pub fn is_project(self) -> bool {
        matches!(self, NodeRef::Project(_))
    }
}

impl Project {
    pub fn id(&self) -> &str {
        self.text.id()
    }

    pub fn name(&self) -> &str {
        self.text.name()
    }

    /// Where it is, as the data says.
    pub fn location(&self) -> Option<&str> {
        self.extra.as_ref().and_then(|x| x.location.as_deref())
    }

    pub fn note(&self) -> Option<&str> {
        self.extra.as_ref().and_then(|x| x.note.as_deref())
    }

    /// The value as the dataset states it, or as partnet writes it when it was a number:
    /// text that reads back to the same value either way.
    pub fn stated_value(&self) -> Option<std::borrow::Cow<'_, str>> {
        match (&self.value_text, self.value) {
            (Some(text), _) => Some(std::borrow::Cow::Borrowed(text)),
            (None, Some(v)) => Some(std::borrow::Cow::Owned(crate::value::exact_text(v))),
            (None, None) => None,
        }
    }
}

impl Dataset {
    /// Number of nodes: entities plus projects.
    pub fn node_count(&self) -> usize {
        self.entities.len() + self.projects.len()
    }

    /// The record behind a node.
    pub fn node(&self, n: NodeId) -> NodeRef<'_> {
        let i = n.index();
        match self.entities.get(i) {
            Some(e) => NodeRef::Entity(e),
            None => NodeRef::Project(&self.projects[i - self.entities.len()]),
        }
    }

    /// The node of an entity index.
    pub fn entity_node(&self, entity: u32) -> NodeId {
        NodeId::new(entity as usize)
    }

    /// The node of a project index.
    pub fn project_node(&self, project: u32) -> NodeId {
        NodeId::new(self.entities.len() + project as usize)
    }

    /// The project index of a node, if it is a project.
    pub fn project_of(&self, n: NodeId) -> Option<u32> {
        n.index().checked_sub(self.entities.len()).map(|i| i as u32)
    }

    /// All node ids, entities first.
    pub fn nodes(&self) -> impl ExactSizeIterator<Item = NodeId> {
        (0..self.node_count()).map(NodeId::new)
    }

    /// A link's role, as the symbol it is: links of one role share it.
    pub fn role_id(&self, p: &Participation) -> SymId {
        self.role_statuses[p.role_status.0 as usize].0
    }

    /// A link's role: lead, partner, supplier, ...
    pub fn role(&self, p: &Participation) -> &str {
        &self.symbols[self.role_id(p).0 as usize]
    }

    /// A link's status: reported, interested, agreed, ...
    pub fn status(&self, p: &Participation) -> &str {
        &self.symbols[self.role_statuses[p.role_status.0 as usize].1 .0 as usize]
    }

    /// What the source says about a link, in our words, if anything.
    pub fn evidence_of(&self, p: &Participation) -> Option<&str> {
        p.evidence.map(|e| &*self.evidence[e.index()])
    }

    /// A tie's kind: owner, parent, founder, ...
    pub fn tie_kind(&self, t: &Tie) -> &str {
        &self.symbols[t.kind.0 as usize]
    }

    /// A tie's status.
    pub fn tie_status(&self, t: &Tie) -> &str {
        &self.symbols[t.status.0 as usize]
    }

    /// What the sources say about a tie, if anything.
    pub fn tie_evidence(&self, t: &Tie) -> Option<&str> {
        t.evidence.map(|e| &*self.evidence[e.index()])
    }

    /// The sources a span refers to.
    pub fn sources_in(&self, span: Span) -> impl ExactSizeIterator<Item = &Source> + '_ {
        self.source_refs[span.range()]
            .iter()
            .map(|&s| &self.sources[s as usize])
    }
}
