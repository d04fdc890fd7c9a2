//! Writing a directory of files (`export --format neo4j-admin -o DIR`) without destroying
//! anything partnet did not create.
//!
//! - A directory that does not exist is created, with its parents.
//! - An empty directory is written into; it keeps its own permissions and owner.
//! - A directory that holds partnet's own earlier export (only files of the names partnet
//!   writes there, and the marker partnet puts in one of them) gets them replaced.
//! - Any other directory is refused, naming what it holds that partnet did not write; so is
//!   a path that is not a directory, and a directory one of the run's inputs is in.
//!
//! Each file is written as `-o FILE` writes one ([`super::write_atomic`]): to a temporary
//! file beside it, renamed into place once complete, removed on SIGINT, SIGTERM or SIGHUP.
//! A failed run leaves every file either as it was or complete; only the set may then mix
//! an earlier export's files with this one's, until the run is repeated.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::load::Input;

/// A directory to write files into, checked against the run's inputs.
#[derive(Debug)]
pub struct DirTarget {
    path: PathBuf,
}

/// Whether `file` starts with a line that is `mark`.
fn marked(file: &Path, mark: &str) -> bool {
    fs::read(file).is_ok_and(|bytes| bytes.split(|&b| b == b'\n').take(4).any(|line| line == mark.as_bytes()))
}

impl DirTarget {
    /// Checks that `path` may receive `files`: absent, empty, or holding only `files` with
    /// `marker` (a file name, and a line of its first few) in it; and no input of the run
    /// inside it.
    pub fn new(path: &Path, inputs: &[Input], files: &[&str], marker: (&str, &str)) -> Result<DirTarget, Error> {
        let refuse = |what: String, help: &str| {
            Err(Error::usage(format!("refusing to write into {}: {what}", path.display())).with_help(help))
        };
        let blocked = |b: super::path::Blocked| {
            Error::usage(format!("cannot write into {}: {}", path.display(), b.why)).with_help(b.help)
        };
        let help = "give -o a new or empty directory: partnet replaces only its own earlier export there";
        match fs::metadata(path) {
            Ok(meta) if !meta.is_dir() => {
                return refuse(
                    "it is not a directory".into(),
                    "neo4j-admin's files go into a directory: give -o a new or empty one",
                )
            }
            Ok(_) => {
                let mut foreign = Vec::new();
                let mut names = Vec::new();
                let entries = fs::read_dir(path).map_err(|e| cannot(path, &e))?;
                for entry in entries {
                    let entry = entry.map_err(|e| cannot(path, &e))?;
                    let name = entry.file_name().to_string_lossy().into_owned();
                    let regular = entry.file_type().is_ok_and(|t| t.is_file());
                    if regular && files.contains(&name.as_str()) {
                        names.push(name);
                    } else {
                        foreign.push(name);
                    }
                }
                foreign.sort();
                if !foreign.is_empty() {
                    let shown: Vec<&str> = foreign.iter().take(5).map(String::as_str).collect();
                    let more = foreign.len().saturating_sub(5);
                    let more = if more > 0 {
                        format!(" and {more} more")
                    } else {
                        String::new()
                    };
                    return refuse(
                        format!("it holds files partnet did not write ({}{more})", shown.join(", ")),
                        help,
                    );
                }
                if !names.is_empty() && !marked(&path.join(marker.0), marker.1) {
                    return refuse(
                        format!("it holds {} without partnet's mark in {}", names.join(", "), marker.0),
                        help,
                    );
                }
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                super::missing_dirs(path).map_err(blocked)?;
            }
            // A loop or a file on the way: the part in the way is named, and what to do.
            Err(e) if matches!(e.raw_os_error(), Some(libc::ELOOP | libc::ENOTDIR)) => {
                return Err(super::path::in_the_way(path).map_or_else(|| cannot(path, &e), blocked));
            }
            Err(e) => return Err(cannot(path, &e)),
        }
        if let Ok(dir) = fs::canonicalize(path) {
            for (p, snapshot) in super::Reads::new(inputs).files()? {
                let inside = fs::canonicalize(&p).is_ok_and(|p| p.starts_with(&dir));
                if inside {
                    let what = match snapshot {
                        Some(snapshot) => format!(
                            "{} is a file the snapshot {} was made from",
                            p.display(),
                            snapshot.display()
                        ),
                        None => format!("{} is an input of this run", p.display()),
                    };
                    return refuse(
                        what,
                        "write to another directory; partnet never overwrites the data it reads",
                    );
                }
            }
        }
        Ok(DirTarget {
            path: path.to_path_buf(),
        })
    }

    /// Writes each file of `files` with `write(name, out)`, each atomically.
    pub fn write(
        &self,
        files: &[&str],
        mut write: impl FnMut(&str, &mut dyn Write) -> io::Result<()>,
    ) -> Result<(), Error> {
        fs::create_dir_all(&self.path).map_err(|e| cannot(&self.path, &e))?;
        for name in files {
            super::write_atomic(&self.path.join(name), |out| write(name, out))?;
        }
        Ok(())
    }
}

fn cannot(path: &Path, e: &io::Error) -> Error {
    Error::environment(format!("cannot write into {}: {e}", path.display()))
        .with_help("check that the directory is writable and the disk has room")
}
