//! Reading a snapshot's tables back into a [`Dataset`]. The CRC-32 is computed as they are
//! read, and every length, index and date is checked too, so that even a file made to pass
//! the CRC cannot make partnet read out of bounds, panic or loop: each index points into
//! its table, spans into the source arena, a programme chain ends.

use crate::model::{
    Dataset, Date, Entity, EntityExtra, EvidenceId, IdName, Participation, Project, ProjectExtra, RoleStatus, Source,
    Span, Sym, SymId, Syms, Tie, MAX_ID_NAME,
};

use super::reader::{Corrupt, Reader};

/// The small tables every other section points into, and the sizes of the large ones.
pub(super) struct Tables {
    pub entities: usize,
    pub projects: usize,
    pub files: Vec<String>,
    syms: Vec<Sym>,
    lists: Vec<Syms>,
    pub symbols: Vec<Sym>,
    pub role_statuses: Vec<(SymId, SymId)>,
    pub evidence: Vec<Box<str>>,
    pub sources: Vec<Source>,
    pub source_refs: Vec<u32>,
}

pub(super) fn tables(r: &mut Reader) -> Result<Tables, Corrupt> {
    let entities = r.u32("the number of organisations")? as usize;
    let projects = r.u32("the number of projects")? as usize;
    let n = r.count(4, "the number of files")?;
    let files = (0..n)
        .map(|_| r.str("a file's name").map(String::from))
        .collect::<Result<_, _>>()?;
    let n = r.count(4, "the number of symbols")?;
    let syms: Vec<Sym> = (0..n)
        .map(|_| r.str("a symbol").map(Sym::from))
        .collect::<Result<_, _>>()?;
    let n = r.count(4, "the number of sector lists")?;
    let mut lists = Vec::with_capacity(n);
    for _ in 0..n {
        let len = r.count(4, "a sector list's length")?;
        let list = (0..len)
            .map(|_| {
                r.index(syms.len(), "a sector list's symbol")
                    .map(|i| syms[i as usize].clone())
            })
            .collect::<Result<Vec<_>, _>>()?;
        lists.push(Syms::from(list));
    }
    let n = r.count(4, "the number of symbols used by links and ties")?;
    let symbols: Vec<Sym> = (0..n)
        .map(|_| {
            r.index(syms.len(), "a symbol of links and ties")
                .map(|i| syms[i as usize].clone())
        })
        .collect::<Result<_, _>>()?;
    let n = r.count(8, "the number of (role, status) pairs")?;
    let mut role_statuses = Vec::with_capacity(n);
    for _ in 0..n {
        let role = r.index(symbols.len(), "a link's role")?;
        let status = r.index(symbols.len(), "a link's status")?;
        role_statuses.push((SymId(role), SymId(status)));
    }
    let n = r.count(4, "the number of evidence texts")?;
    let evidence = (0..n)
        .map(|_| r.str("an evidence text").map(Box::from))
        .collect::<Result<_, _>>()?;
    let n = r.count(24, "the number of sources")?;
    let mut sources = Vec::with_capacity(n);
    for _ in 0..n {
        sources.push(Source {
            id: r.str("a source's id")?.into(),
            title: r.boxed("a source's title")?,
            publisher: r.boxed("a source's publisher")?,
            date: r.date("a source's date")?,
            url: r.boxed("a source's url")?,
            note: r.boxed("a source's note")?,
        });
    }
    let n = r.count(4, "the number of source references")?;
    let source_refs = (0..n)
        .map(|_| r.index(sources.len(), "a source reference"))
        .collect::<Result<_, _>>()?;
    r.end("the end of the tables")?;
    Ok(Tables {
        entities,
        projects,
        files,
        syms,
        lists,
        symbols,
        role_statuses,
        evidence,
        sources,
        source_refs,
    })
}

/// A node's id and name, which together must fit an [`IdName`].
fn id_name(r: &mut Reader, what: &'static str) -> Result<IdName, Corrupt> {
    let (id, name) = (r.str(what)?, r.str(what)?);
    if id.len() + name.len() > MAX_ID_NAME {
        return r.fail(what);
    }
    Ok(IdName::new(id, name))
}

pub(super) fn entities(r: &mut Reader, t: &Tables) -> Result<Vec<Entity>, Corrupt> {
    let mut out = Vec::with_capacity(t.entities.min(r.bytes.len() / 25));
    for i in 0..t.entities {
        if i % 1024 == 0 {
            r.settle();
        }
        let text = id_name(r, "an organisation's id and name")?;
        let kind = t.syms[r.index(t.syms.len(), "an organisation's kind")? as usize].clone();
        let country = r
            .opt_index(t.syms.len(), "an organisation's country")?
            .map(|i| t.syms[i as usize].clone());
        let sectors = t.lists[r.index(t.lists.len(), "an organisation's sectors")? as usize].clone();
        let extra = match r.u8("an organisation's extra fields")? {
            0 => None,
            1 => {
                let n = r.count(4, "an organisation's aliases")?;
                let aliases = (0..n)
                    .map(|_| r.str("an alias").map(Box::from))
                    .collect::<Result<_, _>>()?;
                let (url, note) = (r.boxed("an organisation's url")?, r.boxed("an organisation's note")?);
                Some(Box::new(EntityExtra { aliases, url, note }))
            }
            _ => return r.fail("an organisation's extra fields"),
        };
        let file = r.index(t.files.len(), "an organisation's file")?;
        out.push(Entity {
            text,
            kind,
            country,
            sectors,
            extra,
            file,
        });
    }
    r.end("the end of the organisations")?;
    Ok(out)
}

pub(super) fn projects(r: &mut Reader, t: &Tables) -> Result<Vec<Project>, Corrupt> {
    let mut out = Vec::with_capacity(t.projects.min(r.bytes.len() / 40));
    let sym = |i: Option<u32>| i.map(|i| t.syms[i as usize].clone());
    for i in 0..t.projects {
        if i % 1024 == 0 {
            r.settle();
        }
        let text = id_name(r, "a project's id and name")?;
        let sector = sym(r.opt_index(t.syms.len(), "a project's sector")?);
        let value = r.value("a project's value")?;
        let value_text = r.boxed("a project's value as stated")?;
        let status = sym(r.opt_index(t.syms.len(), "a project's status")?);
        let date = r.date("a project's date")?;
        let part_of = r.opt_index(t.projects, "the programme a project is part of")?;
        let sources = r.span(t.source_refs.len(), "a project's sources")?;
        let extra = match r.u8("a project's extra fields")? {
            0 => None,
            1 => {
                let location = r.boxed("a project's location")?;
                let note = r.boxed("a project's note")?;
                Some(Box::new(ProjectExtra { location, note }))
            }
            _ => return r.fail("a project's extra fields"),
        };
        let file = r.index(t.files.len(), "a project's file")?;
        out.push(Project {
            text,
            sector,
            value,
            value_text,
            status,
            date,
            part_of,
            sources,
            extra,
            file,
        });
    }
    r.end("the end of the projects")?;
    if first_in_cycle(&out).is_some() {
        return Err(Corrupt {
            at: r.base,
            what: "a programme that contains itself",
        });
    }
    Ok(out)
}

/// A project whose chain of `part_of` comes back to itself, if any: the loader refuses
/// such data, and a query climbing the chain would never end. Linear: each project is
/// walked once.
fn first_in_cycle(projects: &[Project]) -> Option<usize> {
    // 0: not seen, 1: on the chain being walked, 2: its chain ends.
    let mut state = vec![0u8; projects.len()];
    let mut chain = Vec::new();
    for start in 0..projects.len() {
        let mut p = start;
        while state[p] == 0 {
            state[p] = 1;
            chain.push(p);
            match projects[p].part_of {
                Some(up) => p = up as usize,
                None => break,
            }
        }
        // Back at a project of this walk, and not because its chain ended there.
        if state[p] == 1 && projects[p].part_of.is_some() {
            return Some(p);
        }
        for q in chain.drain(..) {
            state[q] = 2;
        }
    }
    None
}

/// The links: 24 bytes each, read in fixed strides.
pub(super) fn participations(r: &mut Reader, t: &Tables) -> Result<Vec<Participation>, Corrupt> {
    const SIZE: usize = 24;
    let bytes = r.bytes;
    if bytes.len() % SIZE != 0 {
        return r.fail("the links: not a whole number of records");
    }
    let mut out = Vec::with_capacity(bytes.len() / SIZE);
    let word = |b: &[u8], at: usize| u32::from_le_bytes(b[at..at + 4].try_into().expect("4 bytes"));
    let half = |b: &[u8], at: usize| u16::from_le_bytes(b[at..at + 2].try_into().expect("2 bytes"));
    for (i, b) in bytes.chunks_exact(SIZE).enumerate() {
        if i % 4096 == 0 {
            r.at = i * SIZE;
            r.settle();
        }
        let at = r.base + (i * SIZE) as u64;
        let fail = |what| Err(Corrupt { at, what });
        let (entity, project, role_status) = (word(b, 0), word(b, 4), half(b, 8));
        let sources = Span {
            start: word(b, 10),
            len: half(b, 14),
        };
        let (evidence, date) = (word(b, 16), word(b, 20));
        if entity as usize >= t.entities || project as usize >= t.projects {
            return fail("a link's organisation or project");
        }
        if role_status as usize >= t.role_statuses.len() {
            return fail("a link's role and status");
        }
        if sources.range().end > t.source_refs.len() {
            return fail("a link's sources");
        }
        let evidence = match evidence {
            0 => None,
            e if ((e - 1) as usize) < t.evidence.len() => EvidenceId::new(e as usize - 1),
            _ => return fail("a link's evidence"),
        };
        let date = match date {
            0 => None,
            bits => match Date::from_bits(bits) {
                Some(d) => Some(d),
                None => return fail("a link's date"),
            },
        };
        out.push(Participation {
            entity,
            project,
            role_status: RoleStatus(role_status),
            sources,
            evidence,
            date,
        });
    }
    r.at = bytes.len();
    Ok(out)
}

pub(super) fn ties(r: &mut Reader, t: &Tables) -> Result<Vec<Tie>, Corrupt> {
    let n = r.count(40, "the number of ties")?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let start = r.at;
        let from = r.index(t.entities, "a tie's first organisation")?;
        let to = r.index(t.entities, "a tie's second organisation")?;
        let kind = SymId(r.index(t.symbols.len(), "a tie's kind")?);
        let status = SymId(r.index(t.symbols.len(), "a tie's status")?);
        let share = match r.u8("a tie's share")? {
            0 => None,
            1 => match r.f64("a tie's share")? {
                share if share > 0.0 && share <= 100.0 => Some(share),
                _ => return r.fail("a tie's share"),
            },
            _ => return r.fail("a tie's share"),
        };
        let title = r.boxed("a tie's title")?;
        let value = r.value("a tie's value")?;
        let sources = r.span(t.source_refs.len(), "a tie's sources")?;
        let evidence = r.opt_index(t.evidence.len(), "a tie's evidence")?;
        let (date, until) = (r.date("a tie's date")?, r.date("a tie's end")?);
        let file = r.index(t.files.len(), "a tie's file")?;
        let ends_before = matches!((date, until), (Some(d), Some(u)) if u < d);
        if from == to || ends_before {
            r.at = start;
            return r.fail("a tie");
        }
        out.push(Tie {
            from,
            to,
            kind,
            status,
            share,
            title,
            value,
            sources,
            evidence: evidence.and_then(|e| EvidenceId::new(e as usize)),
            date,
            until,
            file,
        });
    }
    r.end("the end of the ties")?;
    Ok(out)
}

/// The dataset, from its tables and its large sections.
pub(super) fn assemble(
    t: Tables,
    entities: Vec<Entity>,
    projects: Vec<Project>,
    participations: Vec<Participation>,
    ties: Vec<Tie>,
) -> Dataset {
    Dataset {
        files: t.files,
        sources: t.sources,
        entities,
        projects,
        participations,
        ties,
        source_refs: t.source_refs,
        symbols: t.symbols,
        role_statuses: t.role_statuses,
        evidence: t.evidence,
    }
}
