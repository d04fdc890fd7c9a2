//! The resolved dataset: every reference checked and turned into a compact index.
//!
//! Loading ([`crate::load`]) reads the JSON or CSV text into borrowed records, validates
//! them and produces a [`Dataset`]. Everything after loading works on indices: a node is a
//! [`NodeId`] (entities first, then projects), a participation points at its entity and
//! project by index and at its sources through a [`Span`] of a shared arena. Low-cardinality
//! strings (kinds, roles, statuses, countries, sectors) are interned as [`Sym`]; the role
//! and status of each of the millions of participations are 4-byte [`SymId`]s of one list.

use std::fmt;
use std::num::NonZeroU32;
use std::sync::Arc;

use crate::value::Value;

/// An interned string: kinds, countries, sectors, roles and statuses repeat millions of
/// times. A thin pointer, 8 bytes where an `Arc<str>` takes 16, since every entity and
/// project holds several; it reads as a `str`.
///
/// ```
/// use partnet::model::Sym;
/// let energy = Sym::from("energy");
/// assert_eq!((&*energy, energy.len()), ("energy", 6));
/// assert_eq!(std::mem::size_of::<Option<Sym>>(), 8);
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(Arc<Box<str>>);

impl From<&str> for Sym {
    fn from(s: &str) -> Sym {
        Sym(Arc::new(s.into()))
    }
}

impl std::ops::Deref for Sym {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

/// Lets a map keyed by `Sym` be searched with a `&str` (both hash as the `str`).
impl std::borrow::Borrow<str> for Sym {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl fmt::Display for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

/// A list of interned strings, itself interned by the loader: a million organisations
/// share a few hundred lists of sectors. A thin pointer, 8 bytes and no allocation of its
/// own where a `Box<[Sym]>` takes 16 and one each; it reads as a `[Sym]`.
///
/// ```
/// use partnet::model::{Sym, Syms};
/// let list = Syms::from(vec![Sym::from("energy")]);
/// assert_eq!((list.len(), &*list[0]), (1, "energy"));
/// assert!(Syms::default().is_empty());
/// assert_eq!(std::mem::size_of::<Syms>(), 8);
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Syms(Option<Arc<Box<[Sym]>>>);

impl From<Vec<Sym>> for Syms {
    fn from(list: Vec<Sym>) -> Syms {
        Syms((!list.is_empty()).then(|| Arc::new(list.into_boxed_slice())))
    }
}

impl std::ops::Deref for Syms {
    type Target = [Sym];
    fn deref(&self) -> &[Sym] {
        self.0.as_deref().map_or(&[], |list| list)
    }
}

impl fmt::Debug for Syms {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

/// A string of [`Dataset::symbols`]. Participations are the millions of records, so each
/// holds its role and status as this 4-byte index rather than a 16-byte [`Sym`]; read them
/// with [`Dataset::role`] and [`Dataset::status`].
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

/// A run of consecutive items in one of the dataset's arenas.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Span {
    pub start: u32,
    pub len: u32,
}

impl Span {
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..(self.start + self.len) as usize
    }
}

/// A calendar date at year, month or day precision ("2025", "2025-10", "2025-10-28").
///
/// Stored as `yyyymmdd` with zeros for the missing parts, so dates order correctly and a
/// month-precision date sorts before every day of that month. The top bit is always set:
/// never zero, an `Option<Date>` takes 4 bytes in each of millions of links.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(NonZeroU32);

/// The bit every [`Date`] sets.
const DATE_FLAG: NonZeroU32 = NonZeroU32::new(1 << 31).expect("not zero");

impl Date {
    /// Parses an ISO 8601 calendar date at year, month or day precision; `None` for
    /// anything else, a day the calendar does not have included ([`Date::read`] says why).
    ///
    /// ```
    /// use partnet::model::Date;
    /// assert_eq!(Date::parse("2025-10-28").unwrap().to_string(), "2025-10-28");
    /// assert!(Date::parse("2025-10").unwrap() < Date::parse("2025-10-01").unwrap());
    /// assert!(Date::parse("2025-13-01").is_none());
    /// assert!(Date::parse("2025-02-29").is_none() && Date::parse("2024-02-29").is_some());
    /// ```
    pub fn parse(text: &str) -> Option<Date> {
        Date::read(text).ok()
    }

    /// Parses a date like [`Date::parse`], saying what is wrong with one that is not.
    pub fn read(text: &str) -> Result<Date, DateError> {
        // Read at fixed places: the building thread parses a date for most of a large
        // file's records, and splitting on '-' cost more than the rest.
        let b = text.as_bytes();
        let digits = |from: usize, to: usize| {
            b[from..to]
                .iter()
                .try_fold(0, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
                .ok_or(DateError::Shape)
        };
        let dash = |at: usize| b[at] == b'-';
        let (year, month, day) = match b.len() {
            4 => (digits(0, 4)?, 0, 0),
            7 if dash(4) => (digits(0, 4)?, digits(5, 7)?, 0),
            10 if dash(4) && dash(7) => (digits(0, 4)?, digits(5, 7)?, digits(8, 10)?),
            _ => return Err(DateError::Shape),
        };
        if b.len() > 4 && !(1..=12).contains(&month) {
            return Err(DateError::Shape);
        }
        if b.len() > 7 && !(1..=days_in_month(year, month)).contains(&day) {
            return Err(if (1..=31).contains(&day) {
                DateError::NoSuchDay { year, month }
            } else {
                DateError::Shape
            });
        }
        Ok(Date(DATE_FLAG | (year * 10000 + month * 100 + day)))
    }
}

/// Days in a month (1-12) of the Gregorian calendar: a table, and February's leap rule.
fn days_in_month(year: u32, month: u32) -> u32 {
    const DAYS: [u8; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let leap = || year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    u32::from(DAYS[month as usize - 1]) + u32::from(month == 2 && leap())
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Why a text is not a [`Date`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, or a month or day out of every range.
    Shape,
    /// A day this month does not have: 2025-02-30, 2025-04-31, 2026-02-29.
    NoSuchDay { year: u32, month: u32 },
}

impl DateError {
    /// What to write instead.
    pub fn help(self) -> String {
        match self {
            DateError::Shape => "write dates as YYYY-MM-DD, YYYY-MM or YYYY".into(),
            DateError::NoSuchDay { year, month } => format!(
                "use a day the month has (the last is {year:04}-{month:02}-{:02}), or write the month alone: {year:04}-{month:02}",
                days_in_month(year, month)
            ),
        }
    }
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            DateError::Shape => f.write_str("not a date in the form YYYY-MM-DD, YYYY-MM or YYYY"),
            DateError::NoSuchDay { year, month } => write!(
                f,
                "{} {year:04} has {} days",
                MONTHS[month as usize - 1],
                days_in_month(year, month)
            ),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ymd = self.0.get() & !DATE_FLAG.get();
        let (y, m, d) = (ymd / 10000, ymd / 100 % 100, ymd % 100);
        match (m, d) {
            (0, _) => write!(f, "{y:04}"),
            (_, 0) => write!(f, "{y:04}-{m:02}"),
            _ => write!(f, "{y:04}-{m:02}-{d:02}"),
        }
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
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

/// A node's id and name in one allocation: a million nodes each save a pointer and an
/// allocation.
///
/// ```
/// use partnet::model::IdName;
/// let text = IdName::new("c1", "東芝 Toshiba");
/// assert_eq!((text.id(), text.name()), ("c1", "東芝 Toshiba"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct IdName {
    text: Box<str>,
    id_len: u32,
}

impl IdName {
    /// Panics on an id of 4 GB or more, which no file of ours holds.
    pub fn new(id: &str, name: &str) -> IdName {
        let id_len = u32::try_from(id.len()).expect("an id under 4 GB");
        IdName {
            text: [id, name].concat().into(),
            id_len,
        }
    }

    pub fn id(&self) -> &str {
        &self.text[..self.id_len as usize]
    }

    pub fn name(&self) -> &str {
        &self.text[self.id_len as usize..]
    }
}

impl std::fmt::Debug for IdName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdName")
            .field("id", &self.id())
            .field("name", &self.name())
            .finish()
    }
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
const _: () = assert!(std::mem::size_of::<Entity>() == 64);

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
    pub location: Option<Box<str>>,
    pub date: Option<Date>,
    /// The programme this project belongs to, as a project index.
    pub part_of: Option<u32>,
    pub sources: Span,
    pub note: Option<Box<str>>,
    pub file: u32,
}

/// One report of an organisation taking part in a project.
#[derive(Debug, Clone)]
pub struct Participation {
    /// Entity index (also its [`NodeId`]).
    pub entity: u32,
    /// Project index (its node is `entities.len() + project`).
    pub project: u32,
    pub role: SymId,
    pub status: SymId,
    pub sources: Span,
    pub evidence: Option<EvidenceId>,
    pub date: Option<Date>,
    // No file of its own: links are kept in the order of the files, so the counts per file
    // say which one a link came from (as `load::warnings` reads them), for 4 bytes less.
}

// Millions of these sit in memory: a field that widens them should be a decision.
const _: () = assert!(std::mem::size_of::<Participation>() == 32);

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

    /// A link's role: lead, partner, supplier, ...
    pub fn role(&self, p: &Participation) -> &str {
        &self.symbols[p.role.0 as usize]
    }

    /// A link's status: reported, interested, agreed, ...
    pub fn status(&self, p: &Participation) -> &str {
        &self.symbols[p.status.0 as usize]
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The reading of dates `Date::parse` had before it read at fixed places, with the
    /// calendar checked another way than `Date::parse` does: a day exists when it comes
    /// before the first of the next month, counted in days from an epoch.
    fn by_parts(text: &str) -> Option<Date> {
        let digits = |s: &str, width: usize| {
            (s.len() == width && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
        };
        let mut parts = text.split('-');
        let year: u32 = digits(parts.next()?, 4)?;
        let month: u32 = parts.next().map(|m| digits(m, 2)).unwrap_or(Some(0))?;
        let day: u32 = parts.next().map(|d| digits(d, 2)).unwrap_or(Some(0))?;
        if parts.next().is_some() || month > 12 || day > 31 || (month == 0 && day != 0) {
            return None;
        }
        if text.len() > 4 && month == 0 || text.len() > 7 && day == 0 {
            return None;
        }
        if day > 0 {
            let (next_year, next_month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
            if days_from_civil(year, month, day) >= days_from_civil(next_year, next_month, 1) {
                return None;
            }
        }
        Some(Date(DATE_FLAG | (year * 10000 + month * 100 + day)))
    }

    /// Days since 0000-03-01 of a proleptic Gregorian date (Howard Hinnant's algorithm);
    /// a day past the month's end counts on into the next month.
    fn days_from_civil(year: u32, month: u32, day: u32) -> i64 {
        let (y, m, d) = (
            i64::from(year) - i64::from(month <= 2),
            i64::from(month),
            i64::from(day),
        );
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe
    }

    proptest! {
        #[test]
        fn reads_dates_as_split_parts_did(text in "[0-9]{0,5}(-[0-9]{0,3}){0,3}|[0-9a-z\u{e9}-]{0,11}") {
            prop_assert_eq!(Date::parse(&text), by_parts(&text));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1024))]
        /// Well-formed dates: the ends of months, February and the century years most of all.
        #[test]
        fn knows_the_calendar(
            year in prop_oneof![Just(2000u32), Just(2100), Just(1900), Just(2024), Just(2025), Just(0), Just(9999), 0u32..10000],
            month in prop_oneof![Just(2u32), 0u32..=13],
            day in prop_oneof![28u32..=31, 0u32..=32],
        ) {
            let text = format!("{year:04}-{month:02}-{day:02}");
            prop_assert_eq!(Date::parse(&text), by_parts(&text), "{}", text);
        }
    }

    #[test]
    fn reads_every_precision_and_refuses_the_rest() {
        for (text, shown) in [
            ("2025", Some("2025")),
            ("2025-10", Some("2025-10")),
            ("2025-10-28", Some("2025-10-28")),
            ("2024-02-29", Some("2024-02-29")),
            ("2000-02-29", Some("2000-02-29")),
            ("2025-12-31", Some("2025-12-31")),
        ] {
            assert_eq!(Date::parse(text).map(|d| d.to_string()).as_deref(), shown);
        }
        for text in [
            "",
            "25",
            "2025-1",
            "2025-00",
            "2025-13",
            "2025-10-00",
            "2025-10-32",
            "2025-1-028",
            "２０２５",
            "2025-02-29",
            "2025-02-30",
            "2025-04-31",
            "2026-02-29",
            "2100-02-29",
        ] {
            assert_eq!(Date::parse(text), None, "{text}");
        }
    }
}
