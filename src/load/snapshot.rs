//! Snapshots: a loaded dataset in a binary file (`partnet index DATA -o FILE`), which
//! `--data FILE` reads back several times faster than the JSON it was made from, for the
//! repeated queries of a large dataset.
//!
//! A snapshot holds the dataset exactly: every command answers from it with the bytes it
//! gives from the sources. It records its sources (each file's size, modification time and
//! CRC-32, and each directory given), and refuses to answer once one of them changed: a
//! file modified (a new time and the same bytes is not a change), gone or unreadable, a
//! file added to a directory. Its own bytes are checked by a CRC-32 computed as they are
//! read, and each index, length and date before it is used, so a damaged or foreign file
//! is refused (with the byte at fault, when the CRC matches) and never read out of bounds.
//!
//! Layout (little-endian), version [`VERSION`]:
//!
//! | bytes | what |
//! |---|---|
//! | 16 | `PNETSNAP`, the version (u32), zero (u32) |
//! | ... | `SECTIONS` sections: provenance, tables, organisations, projects, links, ties |
//! | 8 × `SECTIONS` | where each section starts |
//! | 8 | where that table of contents starts |
//! | 4 | CRC-32 of every byte before it |
//! | 12 | zero (u32), `PNETEND\0` |

mod decode;
mod encode;
mod provenance;
mod reader;

use std::io::{self, Write};

use crate::error::{Error, ErrorKind};
use crate::model::Dataset;

use super::file::Contents;
pub use provenance::Provenance;
use reader::{Corrupt, Reader};

/// How a snapshot starts.
const HEADER: &[u8; 8] = b"PNETSNAP";
/// How a whole snapshot ends: a shorter file was cut off.
const END: &[u8; 8] = b"PNETEND\0";
/// The layout this partnet writes and reads. A change of layout takes a new number, and a
/// snapshot of another number is refused with what to do.
pub const VERSION: u32 = 1;
/// Provenance, tables, organisations, projects, links, ties.
const SECTIONS: usize = 6;
/// A length that stands for "none" where a text is optional.
const NONE: u32 = u32::MAX;
const TRAILER: usize = 8 + 4 + 4 + 8;

/// Whether these bytes are a snapshot's (told by their start, whatever the file's name).
pub fn is_snapshot(bytes: &[u8]) -> bool {
    bytes.starts_with(HEADER)
}

/// Writes `ds`, made from the sources `made_from` describes, as a snapshot.
pub fn write(ds: &Dataset, made_from: &Provenance, out: &mut dyn Write) -> io::Result<()> {
    encode::write(ds, made_from, out)
}

/// Why bytes are not a whole snapshot of this layout, told by its header and trailer alone.
enum Unframed {
    TooShort,
    Version(u32),
    Ends,
}

/// What the trailer of a whole snapshot states: its CRC-32, and how many bytes from the
/// start that CRC covers (all of them up to the CRC itself).
struct Frame {
    crc: u32,
    covered: usize,
}

/// Checks the header and the trailer's fixed words of `bytes`, and gives what the trailer
/// states: the first look of both [`read`] and [`summary`].
fn frame(bytes: &[u8]) -> Result<Frame, Unframed> {
    let len = bytes.len();
    if len < HEADER.len() + 8 + TRAILER || !is_snapshot(bytes) {
        return Err(Unframed::TooShort);
    }
    let version = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes"));
    if version != VERSION {
        return Err(Unframed::Version(version));
    }
    if &bytes[len - END.len()..] != END || bytes[len - 12..len - 8] != [0; 4] {
        return Err(Unframed::Ends);
    }
    let covered = len - 16;
    let crc = u32::from_le_bytes(bytes[covered..covered + 4].try_into().expect("4 bytes"));
    Ok(Frame { crc, covered })
}

/// Reads the snapshot `bytes` of the file `label`. Fails on a stale, damaged or foreign
/// snapshot.
pub(super) fn read(label: &str, bytes: &Contents) -> Result<Dataset, Error> {
    read_all(label, bytes).map(|(dataset, _)| dataset)
}

/// [`read`], with what the snapshot was made from.
fn read_all(label: &str, bytes: &Contents) -> Result<(Dataset, Provenance), Error> {
    let remake = "make it again from its sources: partnet index DATA -o FILE";
    let refuse = |what: String, help: &str| Error::new(ErrorKind::Data, format!("{label}: {what}")).with_help(help);
    let Frame {
        crc: stored,
        covered: crc_at,
    } = frame(bytes).map_err(|why| match why {
        Unframed::TooShort => refuse("not a whole partnet snapshot: too short".into(), remake),
        Unframed::Version(version) => refuse(
            format!("a snapshot of layout version {version}; this partnet reads version {VERSION}"),
            "make it again with this partnet: partnet index DATA -o FILE",
        ),
        Unframed::Ends => refuse(
            "the snapshot is cut short or added to: it does not end as a snapshot ends".into(),
            remake,
        ),
    })?;
    let damaged = || {
        refuse(
            "the snapshot is damaged: its CRC-32 does not match its bytes".into(),
            remake,
        )
    };
    // A damaged file is called so, rather than by the first thing that does not read.
    let corrupt = |c: Corrupt| {
        if crc(&bytes[..crc_at]) != stored {
            return damaged();
        }
        refuse(
            format!("the snapshot is corrupt at byte {}: {} is not valid", c.at, c.what),
            remake,
        )
    };
    let sections = sections(bytes).map_err(corrupt)?;
    let section = |i: usize| Reader::over(bytes, sections[i].clone());
    // Each section is checked by the CRC as it is read, the large ones on their own threads.
    let mut r = section(0);
    let provenance = Provenance::decode(&mut r).map_err(corrupt)?;
    let crc0 = r.finish();
    let mut r = section(1);
    let tables = decode::tables(&mut r).map_err(corrupt)?;
    let crc1 = r.finish();
    let (entities, (projects, links)) = rayon::join(
        || {
            let mut r = section(2);
            decode::entities(&mut r, &tables).map(|v| (v, r.finish()))
        },
        || {
            rayon::join(
                || {
                    let mut r = section(3);
                    decode::projects(&mut r, &tables).map(|v| (v, r.finish()))
                },
                || {
                    let mut r = section(4);
                    decode::participations(&mut r, &tables).map(|v| (v, r.finish()))
                },
            )
        },
    );
    let ((entities, crc2), (projects, crc3), (links, crc4)) = (
        entities.map_err(corrupt)?,
        projects.map_err(corrupt)?,
        links.map_err(corrupt)?,
    );
    let mut r = section(5);
    let ties = decode::ties(&mut r, &tables).map_err(corrupt)?;
    let crc5 = r.finish();
    let mut whole = crc32fast::Hasher::new();
    whole.update(&bytes[..HEADER.len() + 8]);
    for part in [crc0, crc1, crc2, crc3, crc4, crc5] {
        whole.combine(&part);
    }
    whole.update(&bytes[sections[SECTIONS - 1].end..crc_at]);
    if whole.finalize() != stored {
        return Err(damaged());
    }
    // The loader gives each record a span of its own: overlapping ones are a file made to
    // stand for far more data than it holds.
    let cited = projects.iter().map(|p| p.sources.len as u64).sum::<u64>()
        + links.iter().map(|l| l.sources.len as u64).sum::<u64>()
        + ties.iter().map(|t| t.sources.len as u64).sum::<u64>();
    if cited > tables.source_refs.len() as u64 {
        return Err(corrupt(Corrupt {
            at: sections[1].start as u64,
            what: "a source list that overlaps another",
        }));
    }
    provenance.still_holds(label)?;
    Ok((decode::assemble(tables, entities, projects, links, ties), provenance))
}

/// What `check` reads when it is given a snapshot.
#[derive(Debug)]
pub enum CheckInputs {
    /// The inputs are no snapshot: check them.
    NotASnapshot,
    /// A snapshot, read whole and up to date; the warnings of the data are in the files it
    /// was made from, these.
    Sources(Vec<super::Input>),
    /// A snapshot, read whole and up to date, made from a pipe or the built-in data, which
    /// cannot be read again.
    NoSources,
}

/// When `inputs` are one snapshot, reads it whole (so a stale or damaged one fails here)
/// and says what `check` should read for the warnings of its data.
pub fn check_inputs(inputs: &[super::Input]) -> Result<CheckInputs, Error> {
    let [super::Input::Path(path)] = inputs else {
        return Ok(CheckInputs::NotASnapshot);
    };
    if !starts_as_snapshot(path) {
        return Ok(CheckInputs::NotASnapshot);
    }
    let label = path.display().to_string();
    let bytes = super::file::read(path).map_err(|e| super::io_error(path, &e))?;
    let (_, provenance) = read_all(&label, &bytes)?;
    Ok(match provenance.source_inputs() {
        Some(sources) => CheckInputs::Sources(sources),
        None => CheckInputs::NoSources,
    })
}

/// Whether the regular file at `path` starts as a snapshot does. Read from a pipe, the
/// bytes looked at would be lost to the load.
pub fn starts_as_snapshot(path: &std::path::Path) -> bool {
    let mut start = [0u8; 8];
    std::fs::metadata(path).is_ok_and(|m| m.is_file())
        && std::fs::File::open(path)
            .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut start))
            .is_ok_and(|()| is_snapshot(&start))
}

/// What the snapshot at `path` was made from, read from its provenance alone (no CRC: a
/// damaged snapshot is refused by the load): the files `-o` must not replace when the run
/// reads the snapshot, and the directories a new dataset file would make it stale in.
/// `None` when `path` is no snapshot of this layout.
pub fn provenance(path: &std::path::Path) -> Option<Provenance> {
    if !starts_as_snapshot(path) {
        return None;
    }
    let bytes = super::file::read(path).ok()?;
    frame(&bytes).ok()?;
    let sections = sections(&bytes).ok()?;
    Provenance::decode(&mut Reader::new(&bytes[sections[0].clone()], 0)).ok()
}

/// What a snapshot file holds, read without its dataset: what it was made from and its
/// counts. `None` when `path` is no whole, undamaged snapshot of this layout.
pub fn summary(path: &std::path::Path) -> Option<Summary> {
    let bytes = super::file::read(path).ok()?;
    let frame = frame(&bytes).ok()?;
    if crc(&bytes[..frame.covered]) != frame.crc {
        return None;
    }
    let sections = sections(&bytes).ok()?;
    let provenance = Provenance::decode(&mut Reader::new(&bytes[sections[0].clone()], 0)).ok()?;
    let mut tables = Reader::new(&bytes[sections[1].clone()], 0);
    let mut ties = Reader::new(&bytes[sections[5].clone()], 0);
    Some(Summary {
        provenance,
        entities: tables.u32("").ok()? as usize,
        projects: tables.u32("").ok()? as usize,
        participations: sections[4].len() / 24,
        ties: ties.u32("").ok()? as usize,
    })
}

/// A snapshot's sources and counts.
#[derive(Debug, Clone)]
pub struct Summary {
    pub provenance: Provenance,
    pub entities: usize,
    pub projects: usize,
    pub participations: usize,
    pub ties: usize,
}

/// The CRC-32 of `bytes`, its two halves on two threads.
fn crc(bytes: &[u8]) -> u32 {
    let (a, b) = bytes.split_at(bytes.len() / 2);
    let (mut first, second) = rayon::join(
        || {
            let mut h = crc32fast::Hasher::new();
            h.update(a);
            h
        },
        || {
            let mut h = crc32fast::Hasher::new();
            h.update(b);
            h
        },
    );
    first.combine(&second);
    first.finalize()
}

/// Where each section lies, from the table of contents: in order, one after the other,
/// between the header and the table.
fn sections(bytes: &[u8]) -> Result<Vec<std::ops::Range<usize>>, Corrupt> {
    let tail = bytes.len() - TRAILER;
    let mut r = Reader::new(&bytes[tail..tail + 8], tail as u64);
    let toc = r.u64("the place of the table of contents")?;
    let bad = |what| Corrupt { at: tail as u64, what };
    if toc.checked_add(8 * SECTIONS as u64) != Some(tail as u64) {
        return Err(bad("the place of the table of contents"));
    }
    let toc = toc as usize;
    let mut r = Reader::new(&bytes[toc..tail], toc as u64);
    let mut starts = Vec::with_capacity(SECTIONS + 1);
    for _ in 0..SECTIONS {
        starts.push(r.u64("a section's place")?);
    }
    starts.push(toc as u64);
    let ordered = starts[0] == (HEADER.len() + 8) as u64 && starts.windows(2).all(|w| w[0] <= w[1]);
    if !ordered {
        return Err(Corrupt {
            at: toc as u64,
            what: "the table of contents",
        });
    }
    Ok(starts.windows(2).map(|w| w[0] as usize..w[1] as usize).collect())
}
#[cfg(test)]
mod tests;
