//! What a snapshot was made from: its sources, stamped, to tell when it has gone stale.

use std::io;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use super::reader::{Corrupt, Reader};
use crate::error::{Error, ErrorKind};
use crate::load::Input;

/// What a snapshot was made from, to tell when it has gone stale.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Provenance {
    /// The partnet that made it ("partnet 0.1.0"): another may load the same sources into
    /// another dataset, so `index` makes the snapshot again.
    pub made_by: String,
    /// The inputs given to `partnet index`, paths made absolute, for the command that makes
    /// it again from anywhere.
    pub given: Vec<String>,
    /// The files and directories among them, absolute: what `check` reads for the warnings
    /// of the data.
    pub(super) paths: Vec<PathBuf>,
    /// The directories among them: a new dataset file in one makes the snapshot stale.
    pub(super) dirs: Vec<PathBuf>,
    /// Each regular file read, by its absolute path as given (not resolved: a symbolic link
    /// pointed elsewhere is another source).
    pub(super) files: Vec<Stamp>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Stamp {
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
        let bytes = crate::load::file::read(path)?;
        Ok(Some(Stamp {
            path: path.to_path_buf(),
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

/// `path` made absolute, its directory resolved (`..` and links) but not its last part: a
/// snapshot made from `sub/../data` is read after `sub` is gone, and one made from a link
/// notices the link pointed elsewhere.
fn anchored(path: &Path) -> io::Result<PathBuf> {
    let path = std::path::absolute(path)?;
    match (path.parent(), path.file_name()) {
        (Some(dir), Some(name)) => Ok(std::fs::canonicalize(dir)?.join(name)),
        _ => std::fs::canonicalize(&path),
    }
}

/// Whether `path` is a name of one of the process's open files (`/dev/stdin`,
/// `/dev/fd/3`, `/proc/self/fd/0`), which another run may open onto anything else.
fn names_a_descriptor(path: &Path) -> bool {
    let fd = std::ffi::OsStr::new("fd");
    ["/dev/stdin", "/dev/stdout", "/dev/stderr"]
        .iter()
        .any(|d| path == Path::new(d))
        || path.starts_with("/dev/fd")
        || (path.starts_with("/proc") && path.iter().any(|part| part == fd))
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
        let mut p = Provenance {
            made_by: concat!("partnet ", env!("CARGO_PKG_VERSION")).to_string(),
            ..Provenance::default()
        };
        let mut absolute = Vec::with_capacity(inputs.len());
        for input in inputs {
            match input {
                Input::Path(path) => {
                    let path = anchored(path).map_err(|e| crate::load::io_error(path, &e))?;
                    p.given.push(path.display().to_string());
                    // A pipe, a device, or a name of this process's own input
                    // (`/dev/stdin`): what it held cannot be read again, nor stamped.
                    if names_a_descriptor(&path) || !(path.is_file() || path.is_dir()) {
                        continue;
                    }
                    p.paths.push(path.clone());
                    if path.is_dir() {
                        p.dirs.push(path.clone());
                    }
                    absolute.push(Input::Path(path));
                }
                Input::Text(..) | Input::Stdin => {
                    p.given.push(input.label());
                    absolute.push(input.clone());
                }
            }
        }
        for file in crate::load::expand(&absolute)? {
            if let Input::Path(path) = file {
                p.files
                    .extend(Stamp::of(&path).map_err(|e| crate::load::io_error(&path, &e))?);
            }
        }
        Ok(p)
    }

    /// The inputs `check` reads for the warnings of the data: the sources, when every one
    /// is a path (not a pipe or the built-in dataset).
    pub fn source_inputs(&self) -> Option<Vec<Input>> {
        (self.paths.len() == self.given.len()).then(|| self.paths.iter().cloned().map(Input::Path).collect())
    }

    /// The files it was made from, by their absolute paths: what a write must not replace.
    pub fn source_files(&self) -> Vec<PathBuf> {
        self.files.iter().map(|s| s.path.clone()).collect()
    }

    /// The directories among its sources, absolute: a dataset file written into one makes
    /// the snapshot stale.
    pub fn source_dirs(&self) -> &[PathBuf] {
        &self.dirs
    }

    /// Fails when a source changed since `self` was stamped, is gone or cannot be read:
    /// made before a load and checked after it, it tells that the dataset is the one the
    /// stamps describe.
    pub fn still_holds(&self, snapshot: &str) -> Result<(), Error> {
        let stale = |what: String| {
            Error::new(ErrorKind::Data, format!("{snapshot}: the snapshot is stale: {what}"))
                .with_help(format!("make it again: {}", self.remake(snapshot)))
        };
        for stamp in &self.files {
            let meta = match std::fs::metadata(&stamp.path) {
                Ok(meta) => meta,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    return Err(stale(format!("{} is gone", stamp.path.display())))
                }
                Err(e) => return Err(stale(format!("{} cannot be read ({e})", stamp.path.display()))),
            };
            // Its size and time may be as they were when it can no longer be read.
            if let Err(e) = std::fs::File::open(&stamp.path) {
                return Err(stale(format!("{} cannot be read ({e})", stamp.path.display())));
            }
            let same = meta.len() == stamp.size
                && (modified(&meta) == stamp.modified
                    || Stamp::of(&stamp.path)
                        .ok()
                        .flatten()
                        .is_some_and(|now| now.crc == stamp.crc));
            if !same {
                return Err(stale(format!("{} changed since it was made", stamp.path.display())));
            }
        }
        for dir in &self.dirs {
            let files = crate::load::expand(&[Input::Path(dir.clone())])
                .map_err(|_| stale(format!("its directory {} cannot be read", dir.display())))?;
            for file in files {
                let Input::Path(path) = file else { continue };
                if !self.files.iter().any(|s| s.path == path) {
                    return Err(stale(format!(
                        "{} is new in {} since it was made",
                        path.display(),
                        dir.display()
                    )));
                }
            }
        }
        Ok(())
    }

    /// Whether `self` and `other` stamp the same sources with the same bytes (their times
    /// and the words the inputs were given in aside), made by the same partnet: a snapshot
    /// made from `other` would be the one made from `self`.
    pub fn makes_the_same(&self, other: &Provenance) -> bool {
        // A pipe or the built-in data leaves no stamp to compare.
        if self.source_inputs().is_none() || other.source_inputs().is_none() {
            return false;
        }
        let bytes = |p: &Provenance| -> Vec<(PathBuf, u64, u32)> {
            p.files.iter().map(|s| (s.path.clone(), s.size, s.crc)).collect()
        };
        self.made_by == other.made_by
            && self.paths == other.paths
            && self.dirs == other.dirs
            && bytes(self) == bytes(other)
    }

    /// The command that makes the snapshot again.
    pub(super) fn remake(&self, snapshot: &str) -> String {
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

    pub(super) fn encode(&self) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        let too_long = || io::Error::new(io::ErrorKind::InvalidData, "a path of 4 GiB or more");
        let put = |bytes: &[u8], out: &mut Vec<u8>| -> io::Result<()> {
            out.extend_from_slice(&u32::try_from(bytes.len()).map_err(|_| too_long())?.to_le_bytes());
            out.extend_from_slice(bytes);
            Ok(())
        };
        put(self.made_by.as_bytes(), &mut out)?;
        out.extend_from_slice(&(self.given.len() as u32).to_le_bytes());
        for g in &self.given {
            put(g.as_bytes(), &mut out)?;
        }
        out.extend_from_slice(&(self.paths.len() as u32).to_le_bytes());
        for path in &self.paths {
            put(path_bytes(path), &mut out)?;
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

    pub(super) fn decode(r: &mut Reader) -> Result<Provenance, Corrupt> {
        let mut p = Provenance {
            made_by: r.str("the partnet that made it")?.to_string(),
            ..Provenance::default()
        };
        for _ in 0..r.count(4, "the number of inputs")? {
            p.given.push(r.str("an input")?.to_string());
        }
        for _ in 0..r.count(4, "the number of paths")? {
            let len = r.u32("a path")? as usize;
            p.paths.push(path_of(r.take(len, "a path")?));
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
