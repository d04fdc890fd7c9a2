//! Snapshots: a loaded dataset in a binary file (`partnet index DATA -o FILE`), which
//! `--data FILE` reads back several times faster than the JSON it was made from, for the
//! repeated queries of a large dataset.
//!
//! A snapshot holds the dataset exactly: every command answers from it with the bytes it
//! gives from the sources. It records its sources (each file's size, modification time and
//! CRC-32, and each directory given), and refuses to answer once one of them changed: a
//! file modified (a new time and the same bytes is not a change), a file added to a
//! directory. Its own bytes are checked by a CRC-32 before anything is read, and each
//! index, length and date after, so a damaged or foreign file is refused with the byte at
//! fault and never read out of bounds.
//!
//! Layout (little-endian), version [`VERSION`]:
//!
//! | bytes | what |
//! |---|---|
//! | 16 | `PNETSNAP`, the version (u32), zero (u32) |
//! | ... | [`SECTIONS`] sections: provenance, tables, organisations, projects, links, ties |
//! | 8 × [`SECTIONS`] | where each section starts |
//! | 8 | where that table of contents starts |
//! | 4 | CRC-32 of every byte before it |
//! | 12 | zero (u32), `PNETEND\0` |

mod decode;
mod encode;
mod reader;

use std::io::{self, Write};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error, ErrorKind};
use crate::model::Dataset;

use super::file::Contents;
use super::Input;
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

/// What a snapshot was made from, to tell when it has gone stale.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Provenance {
    /// The inputs as given to `partnet index`, for the command that makes it again.
    pub given: Vec<String>,
    /// The directories among them: a new dataset file in one makes the snapshot stale.
    dirs: Vec<PathBuf>,
    /// Each regular file read, canonical.
    files: Vec<Stamp>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    path: PathBuf,
    size: u64,
    /// Modification time in nanoseconds since the epoch: when it is unchanged, so is the
    /// file, and its CRC need not be computed again.
    modified: i128,
    crc: u32,
}

impl Stamp {
    fn of(path: &Path) -> io::Result<Option<Stamp>> {
        let meta = std::fs::metadata(path)?;
        if !meta.is_file() {
            return Ok(None);
        }
        let bytes = super::file::read(path)?;
        Ok(Some(Stamp {
            path: std::fs::canonicalize(path)?,
            size: meta.len(),
            modified: modified(&meta),
            crc: crc32fast::hash(&bytes),
        }))
    }
}

fn modified(meta: &std::fs::Metadata) -> i128 {
    use std::os::unix::fs::MetadataExt;
    i128::from(meta.mtime()) * 1_000_000_000 + i128::from(meta.mtime_nsec())
}

fn path_bytes(p: &Path) -> &[u8] {
    p.as_os_str().as_bytes()
}

fn path_of(bytes: &[u8]) -> PathBuf {
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

impl Provenance {
    /// The sources `inputs` stand for, stamped as they are now.
    pub fn of(inputs: &[Input]) -> Result<Provenance, Error> {
        let mut p = Provenance::default();
        for input in inputs {
            match input {
                Input::Path(path) => {
                    p.given.push(path.display().to_string());
                    if path.is_dir() {
                        p.dirs.extend(std::fs::canonicalize(path).ok());
                    }
                }
                Input::Text(label, _) => p.given.push(label.clone()),
            }
        }
        for file in super::expand(inputs)? {
            if let Input::Path(path) = file {
                p.files
                    .extend(Stamp::of(&path).map_err(|e| super::io_error(&path, &e))?);
            }
        }
        Ok(p)
    }

    /// Fails when a source changed since `self` was stamped: made before a load and checked
    /// after it, it tells that the dataset is the one the stamps describe.
    pub fn still_holds(&self, snapshot: &str) -> Result<Vec<Diagnostic>, Error> {
        let mut notes = Vec::new();
        let stale = |what: String| {
            Error::new(
                ErrorKind::Data,
                format!("{snapshot}: the snapshot is stale: {what} since it was made"),
            )
            .with_help(format!("make it again: {}", self.remake(snapshot)))
        };
        for stamp in &self.files {
            let meta = match std::fs::metadata(&stamp.path) {
                Ok(meta) => meta,
                Err(e) => {
                    notes.push(
                        Diagnostic::warning(format!(
                            "cannot read {}, a source of this snapshot ({e}): whether it changed is unknown",
                            stamp.path.display()
                        ))
                        .file(snapshot)
                        .help(format!(
                            "to check it, make it again from its sources: {}",
                            self.remake(snapshot)
                        )),
                    );
                    continue;
                }
            };
            let same = meta.len() == stamp.size
                && (modified(&meta) == stamp.modified
                    || Stamp::of(&stamp.path)
                        .ok()
                        .flatten()
                        .is_some_and(|now| now.crc == stamp.crc));
            if !same {
                return Err(stale(format!("{} changed", stamp.path.display())));
            }
        }
        for dir in &self.dirs {
            let Ok(files) = super::expand(&[Input::Path(dir.clone())]) else {
                continue;
            };
            for file in files {
                let Input::Path(path) = file else { continue };
                let path = std::fs::canonicalize(&path).unwrap_or(path);
                if !self.files.iter().any(|s| s.path == path) {
                    return Err(stale(format!("{} is new in {}", path.display(), dir.display())));
                }
            }
        }
        Ok(notes)
    }

    /// The command that makes the snapshot again.
    fn remake(&self, snapshot: &str) -> String {
        let quote = |s: &str| {
            if s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_./=:@+".contains(&b)) {
                s.to_string()
            } else {
                format!("'{}'", s.replace('\'', r"'\''"))
            }
        };
        let mut words = vec!["partnet index".to_string()];
        words.extend(self.given.iter().map(|g| quote(g)));
        words.push(format!("-o {}", quote(snapshot)));
        words.join(" ")
    }

    fn encode(&self) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        let too_long = || io::Error::new(io::ErrorKind::InvalidData, "a path of 4 GiB or more");
        let put = |bytes: &[u8], out: &mut Vec<u8>| -> io::Result<()> {
            out.extend_from_slice(&u32::try_from(bytes.len()).map_err(|_| too_long())?.to_le_bytes());
            out.extend_from_slice(bytes);
            Ok(())
        };
        out.extend_from_slice(&(self.given.len() as u32).to_le_bytes());
        for g in &self.given {
            put(g.as_bytes(), &mut out)?;
        }
        out.extend_from_slice(&(self.dirs.len() as u32).to_le_bytes());
        for d in &self.dirs {
            put(path_bytes(d), &mut out)?;
        }
        out.extend_from_slice(&(self.files.len() as u32).to_le_bytes());
        for f in &self.files {
            put(path_bytes(&f.path), &mut out)?;
            out.extend_from_slice(&f.size.to_le_bytes());
            out.extend_from_slice(&f.modified.to_le_bytes());
            out.extend_from_slice(&f.crc.to_le_bytes());
        }
        Ok(out)
    }

    fn decode(r: &mut Reader) -> Result<Provenance, Corrupt> {
        let mut p = Provenance::default();
        for _ in 0..r.count(4, "the number of inputs")? {
            p.given.push(r.str("an input")?.to_string());
        }
        for _ in 0..r.count(4, "the number of directories")? {
            let len = r.u32("a directory")? as usize;
            p.dirs.push(path_of(r.take(len, "a directory")?));
        }
        for _ in 0..r.count(32, "the number of source files")? {
            let len = r.u32("a source file")? as usize;
            let path = path_of(r.take(len, "a source file")?);
            let size = r.u64("a source file's size")?;
            let modified = i128::from_le_bytes(r.take(16, "a source file's time")?.try_into().expect("16 bytes"));
            let crc = r.u32("a source file's CRC")?;
            p.files.push(Stamp {
                path,
                size,
                modified,
                crc,
            });
        }
        r.end("the end of the provenance")?;
        Ok(p)
    }
}

/// Writes `ds`, made from the sources `made_from` describes, as a snapshot.
pub fn write(ds: &Dataset, made_from: &Provenance, out: &mut dyn Write) -> io::Result<()> {
    encode::write(ds, made_from, out)
}

/// Reads the snapshot `bytes` of the file `label`: its dataset, and the warnings for
/// sources that can no longer be checked. Fails on a stale, damaged or foreign snapshot.
pub(super) fn read(label: &str, bytes: &Contents) -> Result<(Dataset, Vec<Diagnostic>), Error> {
    let remake = "make it again from its sources: partnet index DATA -o FILE";
    let refuse = |what: String, help: &str| Error::new(ErrorKind::Data, format!("{label}: {what}")).with_help(help);
    let len = bytes.len();
    if len < HEADER.len() + 8 + TRAILER || !is_snapshot(bytes) {
        return Err(refuse("not a whole partnet snapshot: too short".into(), remake));
    }
    let version = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes"));
    if version != VERSION {
        return Err(refuse(
            format!("a snapshot of layout version {version}; this partnet reads version {VERSION}"),
            "make it again with this partnet: partnet index DATA -o FILE",
        ));
    }
    if &bytes[len - END.len()..] != END || bytes[len - 12..len - 8] != [0; 4] {
        return Err(refuse(
            "the snapshot is cut short: it does not end as a snapshot ends".into(),
            remake,
        ));
    }
    let crc_at = len - 16;
    let stored = u32::from_le_bytes(bytes[crc_at..crc_at + 4].try_into().expect("4 bytes"));
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
    let notes = provenance.still_holds(label)?;
    Ok((decode::assemble(tables, entities, projects, links, ties), notes))
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
