//! `partnet index`: the dataset as a snapshot, which `--data` reads back several times
//! faster than its JSON, for the repeated queries of a large dataset.

use std::io::{self, Write};
use std::path::PathBuf;

use serde::Serialize;

use crate::error::Error;
use crate::filter::Filter;
use crate::load::snapshot::{self, Provenance};
use crate::load::{self, Input};
use crate::output::{emit, Report};
use crate::text::{clean, plural};
use crate::write::Target;

use super::{Context, Outcome};

#[derive(Debug, clap::Args)]
#[command(
    after_help = "A snapshot holds the whole dataset, exactly: every command answers from it as from \
its sources. It notes each source's size, time and CRC-32, and refuses to answer once one changed \
(or a new file appears in a directory it was made from): run `partnet index` again then. \
Filters and --roll-up are for the commands that read it."
)]
pub struct Args {
    /// The dataset files or directories (`-` for standard input) [default: --data, else data/,
    /// else the built-in dataset].
    // Its own id: one shared with the global --data would mix the two in clap's matches.
    #[arg(id = "sources", value_name = "DATA")]
    pub data: Vec<PathBuf>,
    /// Where to write the snapshot (atomically), e.g. data.pnet; read it with --data.
    #[arg(long, short = 'o', value_name = "FILE", required = true)]
    pub output: PathBuf,
    /// Make it even when FILE is already the snapshot of these sources.
    #[arg(long)]
    pub force: bool,
}

/// What `index` wrote.
#[derive(Debug, Serialize)]
pub struct Indexed {
    pub path: String,
    /// The inputs it was made from, as given.
    pub sources: Vec<String>,
    pub entities: usize,
    pub projects: usize,
    pub participations: usize,
    pub ties: usize,
    pub bytes: u64,
    pub version: u32,
    /// Whether the file was written: not when it already was the snapshot of these sources.
    pub written: bool,
    /// Whether it went to a regular file, which `--data` can read (not a pipe or a device).
    #[serde(skip)]
    pub regular: bool,
}

impl Report for Indexed {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(
            out,
            "{} {} ({}): {}, {}, {} and {} from {}",
            if self.written { "wrote" } else { "up to date:" },
            clean(&self.path),
            size(self.bytes),
            plural(self.entities, "organisation"),
            plural(self.projects, "project"),
            plural(self.participations, "link"),
            plural(self.ties, "tie"),
            clean(&self.sources.join(", "))
        )?;
        if !self.written {
            writeln!(
                out,
                "its sources have not changed since it was made (--force makes it again)"
            )?;
        }
        if self.regular {
            writeln!(out, "read it with --data {}", clean(&self.path))?;
        }
        Ok(())
    }
}

/// A file's size as people read it: "31 KB", "192.4 MB".
fn size(bytes: u64) -> String {
    match bytes {
        0..1_000_000 => format!("{} KB", bytes.div_ceil(1000)),
        _ => format!("{:.1} MB", bytes as f64 / 1e6),
    }
}

pub fn run(ctx: &Context, args: &Args, out: &mut dyn Write) -> Result<Outcome, Error> {
    if ctx.filter != Filter::default() || ctx.roll_up {
        return Err(
            Error::usage("a snapshot holds the whole dataset: filters and --roll-up do not apply to it")
                .with_help("drop them here, and give them to the commands that read the snapshot"),
        );
    }
    if ctx.data_given && !args.data.is_empty() {
        // One of the two would be dropped without a word, and a snapshot of the other made.
        return Err(Error::usage(format!(
            "index is given its data twice: as --data and as its argument ({})",
            args.data
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ))
        .with_help("give the data once: either as index's argument (partnet index DATA -o FILE) or as --data"));
    }
    let inputs = if args.data.is_empty() {
        ctx.inputs.clone()
    } else {
        args.data.iter().cloned().map(Input::of).collect()
    };
    if let Some(Input::Path(path)) = inputs
        .iter()
        .find(|i| matches!(i, Input::Path(p) if snapshot::starts_as_snapshot(p)))
    {
        return Err(Error::usage(format!("{} is already a snapshot", path.display()))
            .with_help("index the dataset files it was made from instead"));
    }
    if args.output.as_os_str() == "-" {
        // A snapshot is read back from its file (its summary, the next `index`'s check that
        // it is up to date): a stream has no file to read.
        return Err(Error::usage("a snapshot is written to a file, not to standard output")
            .with_help("give -o the file to write, e.g. -o data.pnet"));
    }
    // Checked before the work: an output that would replace an input is refused at once.
    let target = Target::new(&args.output, &inputs)?;
    if target.warning().is_some() {
        // The snapshot would be one of its own sources: stale as soon as it is written.
        return Err(Error::usage(format!(
            "refusing to write {}: it is a dataset name in a directory the snapshot is made from",
            args.output.display()
        ))
        .with_help("write it outside that directory, or name it .pnet, which no load reads as data"));
    }
    let label = args.output.display().to_string();
    let made_from = Provenance::of(&inputs)?;
    // Like make: a snapshot of the same sources is not made again (a second of work at a
    // million companies, half a minute at ten million).
    let existing = (!args.force && target.is_regular_file())
        .then(|| snapshot::summary(&args.output))
        .flatten();
    if let Some(summary) = existing.filter(|s| s.provenance.makes_the_same(&made_from)) {
        let indexed = Indexed {
            path: label,
            sources: summary.provenance.given.clone(),
            entities: summary.entities,
            projects: summary.projects,
            participations: summary.participations,
            ties: summary.ties,
            bytes: std::fs::metadata(&args.output).map_or(0, |m| m.len()),
            version: snapshot::VERSION,
            written: false,
            regular: true,
        };
        emit(&indexed, ctx.json, out)?;
        return Ok(Outcome::Found);
    }
    let loaded = load::load(&inputs, load::Options::default())?;
    let dataset = &loaded.dataset;
    // A source that changed while it was read would make a snapshot of neither version.
    made_from.still_holds(&label)?;
    let mut written = 0;
    target.write(|w| {
        let mut counted = Counted { out: w, bytes: 0 };
        snapshot::write(dataset, &made_from, &mut counted)?;
        written = counted.bytes;
        Ok(())
    })?;
    if target.is_stdout() {
        return Ok(Outcome::Found);
    }
    let indexed = Indexed {
        path: label,
        sources: made_from.given.clone(),
        entities: dataset.entities.len(),
        projects: dataset.projects.len(),
        participations: dataset.participations.len(),
        ties: dataset.ties.len(),
        bytes: written,
        version: snapshot::VERSION,
        written: true,
        regular: std::fs::metadata(&args.output).is_ok_and(|m| m.is_file()),
    };
    emit(&indexed, ctx.json, out)?;
    Ok(Outcome::Found)
}

/// A writer that counts what goes through it.
struct Counted<'w> {
    out: &'w mut dyn Write,
    bytes: u64,
}

impl Write for Counted<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.out.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
