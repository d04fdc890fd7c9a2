//! Loading datasets: files and directories of JSON or CSV, merged and validated into one
//! [`Dataset`].
//!
//! Every file is read and parsed before anything is judged, so one run reports the
//! problems of all files at once. Problems are [`Diagnostic`]s; any error makes the whole
//! load fail with [`Error::Invalid`], warnings travel with the loaded dataset for `check`.

mod build;
pub(crate) mod csv;
mod dir;
mod file;
pub mod ftm;
mod ids;
mod json;
mod keys;
mod kind;
mod mentions;
mod node_link;
mod pointer;
pub mod raw;
mod repeat;
mod resolve;
mod scan;
pub mod sector;
pub mod snapshot;
mod stream;
mod warnings;

use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error};
use crate::model::Dataset;

pub use dir::{expand, expand_noting, is_dataset_name};
pub use json::locate;
use kind::Kind;
pub use raw::{schema_json, RawDataset};

/// The dataset compiled into the binary, used when no `--data` is given and there is no
/// `data/` folder in the current directory.
pub const BUILTIN: (&str, &str) = (
    "<built-in>/us-japan-2025.json",
    include_str!("../../data/us-japan-2025.json"),
);

/// The UTF-8 byte order mark some editors put at the start of a file.
const BOM: &[u8] = b"\xef\xbb\xbf";

/// Where to read data from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file or a directory of files.
    Path(PathBuf),
    /// A text already in memory: (label for messages, text). Its kind is told by the
    /// label's extension, else by its first bytes, as a file's is.
    Text(String, String),
    /// Standard input (`--data -`), read whole once, its kind told by its first bytes.
    Stdin,
}

impl Input {
    /// What `--data PATH` names: `-` is standard input.
    pub fn of(path: PathBuf) -> Input {
        if path.as_os_str() == "-" {
            Input::Stdin
        } else {
            Input::Path(path)
        }
    }

    /// The input's name in messages: its path, its label, `<stdin>`.
    pub fn label(&self) -> String {
        match self {
            Input::Path(p) => p.display().to_string(),
            Input::Text(label, _) => label.clone(),
            Input::Stdin => STDIN.to_string(),
        }
    }
}

/// Standard input's name in messages, as ripgrep's.
pub const STDIN: &str = "<stdin>";

/// What to check beyond errors.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Also look for suspicious but legal data (costs a pass over names and links).
    pub warnings: bool,
}

/// A loaded dataset and the warnings found on the way.
#[derive(Debug)]
pub struct Loaded {
    pub dataset: Dataset,
    pub warnings: Vec<Diagnostic>,
}

/// One file's parsed records, still borrowing its text.
pub(crate) struct RawFile<'a> {
    pub label: String,
    pub data: RawDataset<'a>,
    /// Where each record starts, when the format knows (CSV); JSON positions are found by
    /// searching `json` only when a message needs one.
    pub json: Option<&'a str>,
    pub rows: Option<RowLines>,
    /// Ids a CSV file mentions without defining them.
    pub mentions: mentions::Mentions,
}

/// Line numbers of records, for formats that know them.
#[derive(Debug, Default)]
pub(crate) struct RowLines {
    pub sources: Vec<usize>,
    pub entities: Vec<usize>,
    pub projects: Vec<usize>,
    pub participations: Vec<usize>,
    pub ties: Vec<usize>,
    /// For each tie, the record and fields its format names it by, where they are not
    /// partnet's (an FtM Ownership's `owner` and `asset`); empty when they are.
    pub tie_names: Vec<TieNames>,
}

/// How a format other than partnet's names a tie and its two ends, for its messages to
/// speak the file's words: FtM's `Ownership "o1"`, `owner`, `asset`.
#[derive(Debug, Clone)]
pub(crate) struct TieNames {
    /// The record, as its messages name it.
    pub record: String,
    /// The fields of partnet's `from` and `to`.
    pub from: &'static str,
    pub to: &'static str,
}

fn io_error(path: &Path, e: &std::io::Error) -> Error {
    let what = match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::FileTooLarge => {
            return Error::Invalid(vec![Diagnostic::error(format!(
                "the input goes on past {} GiB, the most partnet reads from a pipe or a device",
                file::STREAM_LIMIT >> 30
            ))
            .file(path.display().to_string())
            .help(
                "save the dataset to a file and give --data that file (a regular file of any size is read)",
            )])
        }
        std::io::ErrorKind::InvalidData => {
            return Error::Invalid(vec![Diagnostic::error(
                "the input starts with NUL bytes: it is binary, not a JSON or CSV text",
            )
            .file(path.display().to_string())
            .help("point --data at a dataset file (.json, .csv) or a directory of them")])
        }
        _ => e.to_string(),
    };
    Error::Invalid(vec![Diagnostic::error(format!("cannot read: {what}"))
        .file(path.display().to_string())
        .help(
            "check the path; --data takes a dataset file (.json, .csv) or a directory of them",
        )])
}

/// Loads and validates the inputs into one dataset.
pub fn load(inputs: &[Input], options: Options) -> Result<Loaded, Error> {
    let files = expand(inputs)?;
    let mut diagnostics = Vec::new();
    // Keep every text alive while the parsed records borrow from it.
    let mut texts: Vec<(String, file::Contents, Kind)> = Vec::with_capacity(files.len());
    if inputs.iter().filter(|i| **i == Input::Stdin).count() > 1 {
        return Err(
            Error::usage("`--data -` is given twice: standard input can be read once")
                .with_help("give `--data -` once, and the other inputs by name"),
        );
    }
    for file in &files {
        let (label, read) = match file {
            Input::Path(p) => (p.display().to_string(), file::read(p).map_err(|e| io_error(p, &e))),
            Input::Text(label, text) => (label.clone(), Ok(file::Contents::Read(text.clone().into_bytes()))),
            Input::Stdin => (
                STDIN.to_string(),
                file::read_stdin().map_err(|e| io_error(Path::new(STDIN), &e)),
            ),
        };
        match read {
            Ok(bytes) if snapshot::is_snapshot(&bytes) => texts.push((label, bytes, Kind::Json)),
            Ok(bytes) => {
                let kind = Kind::of(&label, &bytes);
                match kind.refusal(&label) {
                    Some(d) => diagnostics.push(d),
                    None => texts.push((label, bytes, kind)),
                }
            }
            Err(Error::Invalid(d)) => diagnostics.extend(d),
            Err(other) => return Err(other),
        }
    }
    if let Some(at) = texts.iter().position(|t| snapshot::is_snapshot(&t.1)) {
        // Another input that could not be read is an error still, not left out.
        if !diagnostics.is_empty() {
            return Err(Error::Invalid(diagnostics));
        }
        if texts.len() > 1 {
            return Err(Error::usage(format!(
                "{} is a snapshot, and a snapshot is read alone: {} {} given",
                texts[at].0,
                crate::text::plural(texts.len() - 1, "other file"),
                if texts.len() == 2 { "is" } else { "are" }
            ))
            .with_help("give --data the snapshot alone, or its source files without it"));
        }
        let label = &texts[at].0;
        let dataset = snapshot::read(label, &texts[at].1)?;
        // Warnings point into the text of the data, which a snapshot does not hold: a
        // check that reads only the snapshot must not pass for a check of the data.
        let warnings = Vec::from_iter(options.warnings.then(|| {
            Diagnostic::warning(format!(
                "{label} is a snapshot: the warnings of its data are in the files it was made from, and this check read none of them"
            ))
            .file(label.clone())
            .help("run `partnet check` on the files it was made from")
        }));
        return Ok(Loaded { dataset, warnings });
    }
    // Valid JSON read in the schema's order, or valid FtM, takes a fast path; anything
    // else, the full one.
    if !options.warnings && diagnostics.is_empty() {
        let files: Vec<(&str, &file::Contents)> = texts.iter().map(|t| (t.0.as_str(), &t.1)).collect();
        let fast = if texts.iter().all(|t| t.2 == Kind::Json) {
            stream::load(&files)
        } else if texts.iter().all(|t| t.2 == Kind::Ftm) {
            ftm::load_fast(&files)
        } else {
            None
        };
        if let Some(dataset) = fast {
            return Ok(Loaded {
                dataset,
                warnings: Vec::new(),
            });
        }
    }
    // FtM files are read together: one may name the entities of another.
    let (mut ftm_texts, mut ftm_at) = (Vec::new(), Vec::new());
    for (i, (label, bytes, kind)) in texts.iter().enumerate() {
        if *kind == Kind::Ftm {
            match json::utf8(label, bytes.strip_prefix(BOM).unwrap_or(bytes)) {
                Ok(text) => {
                    ftm_texts.push((label.as_str(), text));
                    ftm_at.push(i);
                }
                Err(d) => diagnostics.push(d),
            }
        }
    }
    let mut ftm_files: Vec<(usize, RawFile)> = ftm_at
        .into_iter()
        .zip(ftm::parse_all(&ftm_texts, &mut diagnostics))
        .collect();
    ftm_files.reverse();
    let mut raws = Vec::with_capacity(texts.len());
    for (i, (label, bytes, kind)) in texts.iter().enumerate() {
        if *kind == Kind::Ftm {
            if ftm_files.last().is_some_and(|(at, _)| *at == i) {
                raws.extend(ftm_files.pop().map(|(_, raw)| raw));
            }
            continue;
        }
        let is_csv = &(*kind == Kind::Csv);
        // A byte order mark is not text: positions count from after it, as editors show them.
        let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
        let parsed = json::utf8(label, bytes).and_then(|text| {
            if *is_csv {
                Ok(csv::parse(label, text, &mut diagnostics))
            } else if node_link::looks_like(text.as_bytes()) {
                Ok(node_link::parse(label, text, &mut diagnostics))
            } else {
                json::parse(label, text).map(|data| {
                    Some(RawFile {
                        label: label.clone(),
                        data,
                        json: Some(text),
                        rows: None,
                        mentions: mentions::Mentions::default(),
                    })
                })
            }
        });
        match parsed {
            Ok(raw) => raws.extend(raw),
            Err(d) => diagnostics.push(d),
        }
    }
    diagnostics.extend(mentions::complete(&mut raws));
    // Warnings are for data with no errors: a file or row left out makes false ones.
    let options = Options {
        warnings: options.warnings && !diagnostics.iter().any(Diagnostic::is_error),
    };
    let (dataset, found) = resolve::resolve(raws, options);
    diagnostics.extend(found);
    if diagnostics.iter().any(Diagnostic::is_error) {
        in_file_order(&mut diagnostics, texts.iter().map(|t| t.0.as_str()));
        return Err(Error::Invalid(diagnostics));
    }
    Ok(Loaded {
        dataset,
        warnings: diagnostics,
    })
}

/// Puts the problems of invalid data in the order of the files given and of their lines:
/// a row's own errors (its field count, a quote) are found before what resolving the
/// records finds, and would otherwise come first. Problems of no line keep their place
/// ahead of their file's lines; of no file, at the end.
fn in_file_order<'l>(diagnostics: &mut [Diagnostic], labels: impl Iterator<Item = &'l str>) {
    let labels: Vec<&str> = labels.collect();
    diagnostics.sort_by_key(|d| {
        let file = d.file.as_deref().and_then(|f| labels.iter().position(|l| *l == f));
        (file.unwrap_or(usize::MAX), d.line.unwrap_or(0))
    });
}

/// The datasets on which each fast loader must build what the full one builds: the shipped
/// data and the fixtures of every shape (hostile names, ties, histories).
#[cfg(test)]
pub(crate) const SAME_DATASET_FIXTURES: &[&str] = &[
    "data/us-japan-2025.json",
    "tests/fixtures/small.json",
    "tests/fixtures/hostile.json",
    "tests/fixtures/hostile-dot.json",
    "tests/fixtures/hostile-interchange.json",
    "tests/fixtures/florentine.json",
    "tests/fixtures/history.json",
];
