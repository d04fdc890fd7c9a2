//! The files a directory given to `--data` contributes, and a note for every entry that
//! looks like a dataset but is skipped: a reader must know what was not read.
//!
//! A directory contributes its `.json` and `.csv` files and its FollowTheMoney streams
//! (`.ftm.json`, `.ijson`, `.ftm`), in any case (`.JSON`, `.Csv`),
//! sorted by name. Skipped without a word: other extensions, `*.schema.json` (the schema
//! beside the data) and hidden files, as git and ripgrep skip them (`._x.json` from macOS,
//! `.#x.json` an editor's lock link: no one's data, and a warning for each would fail
//! `check --strict` while a file is open). Skipped with a warning: names that are not
//! UTF-8, directories, broken or looping links, FIFOs, sockets and devices. A directory
//! with no dataset names everything it skipped, hidden files too.

use std::ffi::OsStr;
use std::fs;
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error};

use super::{io_error, Input};

/// The files a list of inputs stands for: directories expand to their dataset files
/// (sorted); files stay as given.
pub fn expand(inputs: &[Input]) -> Result<Vec<Input>, Error> {
    expand_noting(inputs).map(|(files, _)| files)
}

/// [`expand`], with a warning for each directory entry skipped that looks like a dataset.
///
/// A file given twice (`--data a.json --data ./a.json`, a file and its directory, a link to
/// it) is read once: its later mentions are skipped with a warning, as a directory given
/// twice is. Files are told by their device and inode, so a link or a hard link is the
/// file it points at.
pub fn expand_noting(inputs: &[Input]) -> Result<(Vec<Input>, Vec<Diagnostic>), Error> {
    let mut out = Vec::new();
    let mut notes = Vec::new();
    let mut seen = Seen::default();
    for input in inputs {
        if let Input::Path(p) = input {
            if let Some(note) = seen.again(p) {
                notes.push(note);
                continue;
            }
        }
        match input {
            Input::Path(p) if p.is_dir() => {
                let Listing { files, skipped, hidden } = list(p)?;
                if files.is_empty() {
                    let mut help = "point --data at a dataset file, or put one in this directory".to_string();
                    if !skipped.is_empty() || !hidden.is_empty() {
                        let names: Vec<String> = skipped
                            .iter()
                            .map(|d| {
                                let why = d.message.strip_prefix("skipped: ").unwrap_or(&d.message);
                                format!("{}: {why}", d.file.as_deref().unwrap_or(""))
                            })
                            .chain(hidden.iter().map(|h| format!("{}: a hidden file", h.display())))
                            .collect();
                        help.push_str(&format!("; skipped: {}", names.join("; ")));
                    }
                    return Err(Error::Invalid(vec![Diagnostic::error(
                        "the directory holds no dataset (.json or .csv file)",
                    )
                    .file(p.display().to_string())
                    .help(help)]));
                }
                for file in files {
                    match seen.again(&file) {
                        Some(note) => notes.push(note),
                        None => out.push(Input::Path(file)),
                    }
                }
                notes.extend(skipped);
            }
            other => out.push(other.clone()),
        }
    }
    Ok((out, notes))
}

/// The files and directories met so far, by device and inode, with the path first given.
#[derive(Default)]
struct Seen(std::collections::HashMap<(u64, u64), PathBuf>);

impl Seen {
    /// A warning if `path` is a file or directory met already (a pipe or a device is read
    /// each time it is given, as it may say something else).
    fn again(&mut self, path: &Path) -> Option<Diagnostic> {
        use std::os::unix::fs::MetadataExt;
        let meta = fs::metadata(path).ok().filter(|m| m.is_file() || m.is_dir())?;
        match self.0.entry((meta.dev(), meta.ino())) {
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(path.to_path_buf());
                None
            }
            std::collections::hash_map::Entry::Occupied(first) => {
                let what = if meta.is_dir() { "directory" } else { "file" };
                let first = first.get();
                let how = if first == path {
                    String::new()
                } else {
                    format!(" as {}", first.display())
                };
                Some(
                    Diagnostic::warning(format!(
                        "skipped: the same {what} was given already{how}; it is read once"
                    ))
                    .file(path.display().to_string())
                    .help("give each file to --data once (a directory brings all its files)"),
                )
            }
        }
    }
}

/// Whether a directory given to `--data` reads a file of this name: `.json`, `.csv`,
/// `.ijson` or `.ftm` in any case, not hidden, not a `*.schema.json`.
pub fn is_dataset_name(name: &str) -> bool {
    !name.starts_with('.') && dataset_extension(name.as_bytes())
}

/// Ends in `.json`, `.csv`, `.ijson` or `.ftm` (FollowTheMoney; `.ftm.json` is a `.json`),
/// in any case, and is not a `*.schema.json`.
fn dataset_extension(name: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    !lower.ends_with(b".schema.json")
        && [&b".json"[..], b".csv", b".ijson", b".ftm"]
            .iter()
            .any(|ext| lower.ends_with(ext))
}

/// What a directory holds for `--data`.
struct Listing {
    /// Its dataset files, sorted.
    files: Vec<PathBuf>,
    /// A warning for each entry skipped that looks like a dataset, sorted.
    skipped: Vec<Diagnostic>,
    /// The hidden files that look like one, skipped without a word, sorted.
    hidden: Vec<PathBuf>,
}

/// A directory's dataset files and what it skips.
fn list(dir: &Path) -> Result<Listing, Error> {
    let mut files = Vec::new();
    let mut hidden = Vec::new();
    let mut skipped: Vec<(PathBuf, &str, String)> = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| io_error(dir, &e))? {
        let path = entry.map_err(|e| io_error(dir, &e))?.path();
        let name = path.file_name().unwrap_or(OsStr::new(""));
        if !dataset_extension(name.as_bytes()) {
            continue;
        }
        let Some(name) = name.to_str() else {
            skipped.push((path, "rename it with UTF-8 text", "its name is not UTF-8 text".into()));
            continue;
        };
        if name.starts_with('.') {
            hidden.push(path);
            continue;
        }
        match fs::metadata(&path) {
            Ok(meta) if meta.is_file() => files.push(path),
            Ok(meta) => {
                let kind = meta.file_type();
                let what = if kind.is_dir() {
                    "a directory, not a file"
                } else if kind.is_fifo() {
                    "a FIFO (named pipe), not a regular file"
                } else if kind.is_socket() {
                    "a socket, not a regular file"
                } else if kind.is_char_device() || kind.is_block_device() {
                    "a device, not a regular file"
                } else {
                    "not a regular file"
                };
                let help = if kind.is_dir() {
                    "rename it, or give it to --data itself to read its files"
                } else {
                    "give it to --data itself to read from it"
                };
                skipped.push((path, help, what.into()));
            }
            Err(e) => {
                let link = fs::read_link(&path).ok();
                let what = match (&link, e.kind()) {
                    (Some(_), _) if e.raw_os_error() == Some(libc::ELOOP) => "a symbolic link that loops".into(),
                    (Some(target), io::ErrorKind::NotFound) => {
                        format!("a broken symbolic link (to {}, which does not exist)", target.display())
                    }
                    _ => format!("cannot read it: {e}"),
                };
                let help = if link.is_some() {
                    "fix or remove the link"
                } else {
                    "check its permissions"
                };
                skipped.push((path, help, what));
            }
        }
    }
    files.sort();
    hidden.sort();
    skipped.sort();
    let skipped = skipped
        .into_iter()
        .map(|(path, help, what)| {
            Diagnostic::warning(format!("skipped: {what}"))
                .file(path.display().to_string())
                .help(help)
        })
        .collect();
    Ok(Listing { files, skipped, hidden })
}
