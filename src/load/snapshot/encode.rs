//! Writing a snapshot: the dataset's tables in the order of the layout in [`super`], each
//! record field by field in little-endian, then the table of contents and the trailer.

use std::collections::HashMap;
use std::io::{self, Write};

use crate::model::{Dataset, Date, EvidenceId, Span, Sym, Syms};
use crate::value::{Qualifier, Value};

use super::{Provenance, END, HEADER, NONE, SECTIONS, VERSION};

/// Bytes gathered before they go to the output: records are a few dozen bytes each.
const CHUNK: usize = 1 << 20;

/// The output, the checksum of what went to it, and where it is.
struct Out<'w> {
    out: &'w mut dyn Write,
    buf: Vec<u8>,
    crc: crc32fast::Hasher,
    /// Bytes already passed to `out`.
    written: u64,
}

impl Out<'_> {
    fn at(&self) -> u64 {
        self.written + self.buf.len() as u64
    }

    fn spill(&mut self) -> io::Result<()> {
        self.crc.update(&self.buf);
        self.out.write_all(&self.buf)?;
        self.written += self.buf.len() as u64;
        self.buf.clear();
        Ok(())
    }

    /// Ends a record: the buffer goes out once it holds a chunk.
    fn next(&mut self) -> io::Result<()> {
        if self.buf.len() >= CHUNK {
            self.spill()?;
        }
        Ok(())
    }

    fn bytes(&mut self, b: &[u8]) {
        self.buf.extend_from_slice(b);
    }

    fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }

    fn u16(&mut self, v: u16) {
        self.bytes(&v.to_le_bytes());
    }

    fn u32(&mut self, v: u32) {
        self.bytes(&v.to_le_bytes());
    }

    fn u64(&mut self, v: u64) {
        self.bytes(&v.to_le_bytes());
    }

    fn f64(&mut self, v: f64) {
        self.u64(v.to_bits());
    }

    /// A count or a length: 32 bits, for the dataset's own limits are 32-bit indices.
    fn len(&mut self, n: usize) -> io::Result<()> {
        let n = u32::try_from(n).ok().filter(|&n| n != NONE).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                "a table or a text of 4 GiB or more does not fit a snapshot",
            )
        })?;
        self.u32(n);
        Ok(())
    }

    fn str(&mut self, s: &str) -> io::Result<()> {
        self.len(s.len())?;
        self.bytes(s.as_bytes());
        Ok(())
    }

    fn opt_str(&mut self, s: Option<&str>) -> io::Result<()> {
        match s {
            Some(s) => self.str(s),
            None => {
                self.u32(NONE);
                Ok(())
            }
        }
    }

    /// An optional index as index + 1, 0 for none.
    fn opt_index(&mut self, i: Option<usize>) {
        self.u32(i.map_or(0, |i| i as u32 + 1));
    }

    fn date(&mut self, d: Option<Date>) {
        self.u32(d.map_or(0, Date::to_bits));
    }

    fn evidence(&mut self, e: Option<EvidenceId>) {
        self.opt_index(e.map(EvidenceId::index));
    }

    fn span(&mut self, s: Span) {
        self.u32(s.start);
        self.u16(s.len);
    }

    fn value(&mut self, v: Option<Value>) {
        match v {
            None => self.u8(0),
            Some(v) => {
                let q = Qualifier::ALL
                    .iter()
                    .position(|&q| q == v.qualifier)
                    .expect("every qualifier is listed");
                self.u8(1 + q as u8);
                self.f64(v.min);
                self.f64(v.max);
            }
        }
    }
}

/// The distinct strings of the dataset's symbols, and the distinct lists of them.
#[derive(Default)]
struct Tables<'a> {
    syms: Vec<&'a str>,
    sym_at: HashMap<&'a str, u32>,
    lists: Vec<&'a [Sym]>,
    list_at: HashMap<Vec<u32>, u32>,
    /// Each entity's list of sectors, as an index into `lists`.
    entity_lists: Vec<u32>,
}

impl<'a> Tables<'a> {
    fn sym(&mut self, s: &'a str) -> u32 {
        let next = self.syms.len() as u32;
        *self.sym_at.entry(s).or_insert_with(|| {
            self.syms.push(s);
            next
        })
    }

    fn opt_sym(&mut self, s: Option<&'a Sym>) -> Option<usize> {
        s.map(|s| self.sym(s) as usize)
    }

    /// The index of a symbol [`Tables::of`] has seen.
    fn at(&self, s: &str) -> u32 {
        self.sym_at[s]
    }

    fn opt_at(&self, s: Option<&Sym>) -> Option<usize> {
        s.map(|s| self.at(s) as usize)
    }

    fn of(ds: &'a Dataset) -> Tables<'a> {
        let mut t = Tables::default();
        for s in &ds.symbols {
            t.sym(s);
        }
        t.lists.push(&[]);
        t.list_at.insert(Vec::new(), 0);
        let mut last: Option<(&Syms, u32)> = None;
        for e in &ds.entities {
            t.sym(&e.kind);
            t.opt_sym(e.country.as_ref());
            // Neighbours often share a list: one comparison instead of a lookup.
            let list = match last {
                Some((prev, i)) if *prev == e.sectors => i,
                _ => {
                    let key: Vec<u32> = e.sectors.iter().map(|s| t.sym(s)).collect();
                    let next = t.lists.len() as u32;
                    let i = *t.list_at.entry(key).or_insert(next);
                    if i == next {
                        t.lists.push(&e.sectors);
                    }
                    i
                }
            };
            last = Some((&e.sectors, list));
            t.entity_lists.push(list);
        }
        for p in &ds.projects {
            t.opt_sym(p.sector.as_ref());
            t.opt_sym(p.status.as_ref());
        }
        t
    }
}

/// Writes `ds` as a snapshot made from the sources `made_from` names.
pub(super) fn write(ds: &Dataset, made_from: &Provenance, out: &mut dyn Write) -> io::Result<()> {
    let mut o = Out {
        out,
        buf: Vec::with_capacity(CHUNK + 4096),
        crc: crc32fast::Hasher::new(),
        written: 0,
    };
    o.bytes(HEADER);
    o.u32(VERSION);
    o.u32(0);
    let mut toc = Vec::with_capacity(SECTIONS);

    toc.push(o.at());
    let provenance = made_from.encode()?;
    o.bytes(&provenance);

    toc.push(o.at());
    let t = Tables::of(ds);
    o.len(ds.entities.len())?;
    o.len(ds.projects.len())?;
    o.len(ds.files.len())?;
    for f in &ds.files {
        o.str(f)?;
    }
    o.len(t.syms.len())?;
    for s in &t.syms {
        o.str(s)?;
    }
    o.len(t.lists.len())?;
    for list in &t.lists {
        o.len(list.len())?;
        for s in list.iter() {
            let i = t.at(s);
            o.u32(i);
        }
    }
    o.len(ds.symbols.len())?;
    for s in &ds.symbols {
        let i = t.at(s);
        o.u32(i);
    }
    o.len(ds.role_statuses.len())?;
    for &(role, status) in &ds.role_statuses {
        o.u32(role.0);
        o.u32(status.0);
    }
    o.len(ds.evidence.len())?;
    for e in &ds.evidence {
        o.str(e)?;
        o.next()?;
    }
    o.len(ds.sources.len())?;
    for s in &ds.sources {
        o.str(&s.id)?;
        o.opt_str(s.title.as_deref())?;
        o.opt_str(s.publisher.as_deref())?;
        o.date(s.date);
        o.opt_str(s.url.as_deref())?;
        o.opt_str(s.note.as_deref())?;
        o.next()?;
    }
    o.len(ds.source_refs.len())?;
    for &r in &ds.source_refs {
        o.u32(r);
        o.next()?;
    }

    toc.push(o.at());
    for (e, &list) in ds.entities.iter().zip(&t.entity_lists) {
        o.str(e.id())?;
        o.str(e.name())?;
        let kind = t.at(&e.kind);
        o.u32(kind);
        let country = t.opt_at(e.country.as_ref());
        o.opt_index(country);
        o.u32(list);
        match &e.extra {
            None => o.u8(0),
            Some(x) => {
                o.u8(1);
                o.len(x.aliases.len())?;
                for a in x.aliases.iter() {
                    o.str(a)?;
                }
                o.opt_str(x.url.as_deref())?;
                o.opt_str(x.note.as_deref())?;
            }
        }
        o.u32(e.file);
        o.next()?;
    }

    toc.push(o.at());
    for p in &ds.projects {
        o.str(p.id())?;
        o.str(p.name())?;
        let sector = t.opt_at(p.sector.as_ref());
        o.opt_index(sector);
        o.value(p.value);
        o.opt_str(p.value_text.as_deref())?;
        let status = t.opt_at(p.status.as_ref());
        o.opt_index(status);
        o.date(p.date);
        o.opt_index(p.part_of.map(|i| i as usize));
        o.span(p.sources);
        match &p.extra {
            None => o.u8(0),
            Some(x) => {
                o.u8(1);
                o.opt_str(x.location.as_deref())?;
                o.opt_str(x.note.as_deref())?;
            }
        }
        o.u32(p.file);
        o.next()?;
    }

    toc.push(o.at());
    for l in &ds.participations {
        // 24 bytes each, as in memory: the reader takes them in fixed strides.
        o.u32(l.entity);
        o.u32(l.project);
        o.u16(l.role_status.0);
        o.span(l.sources);
        o.evidence(l.evidence);
        o.date(l.date);
        o.next()?;
    }

    toc.push(o.at());
    o.len(ds.ties.len())?;
    for tie in &ds.ties {
        o.u32(tie.from);
        o.u32(tie.to);
        o.u32(tie.kind.0);
        o.u32(tie.status.0);
        match tie.share {
            None => o.u8(0),
            Some(share) => {
                o.u8(1);
                o.f64(share);
            }
        }
        o.opt_str(tie.title.as_deref())?;
        o.value(tie.value);
        o.span(tie.sources);
        o.evidence(tie.evidence);
        o.date(tie.date);
        o.date(tie.until);
        o.u32(tie.file);
        o.next()?;
    }
    debug_assert_eq!(toc.len(), SECTIONS);

    let toc_at = o.at();
    for at in toc {
        o.u64(at);
    }
    o.u64(toc_at);
    o.spill()?;
    let crc = o.crc.clone().finalize();
    o.u32(crc);
    o.u32(0);
    o.bytes(END);
    o.out.write_all(&o.buf)?;
    o.out.flush()
}
