//! One file per command: its arguments, its query and its output.

pub mod changes;
pub mod check;
pub mod components;
pub mod diagram;
pub mod export;
pub mod index;
pub mod list;
pub mod partners;
pub mod path;
pub mod progress;
pub mod rank;
pub mod schema;
pub mod sectors;
pub mod show;
pub mod stats;
pub mod timeline;

use std::mem::ManuallyDrop;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::filter::{Filter, View};
use crate::graph::PartnerGraph;
use crate::load::{self, Input, Loaded};
use crate::model::Dataset;

/// What a command needs from the global options.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Where the data comes from (already defaulted).
    pub inputs: Vec<Input>,
    /// Whether `--data` was given (not defaulted): `index` takes its data either so or as
    /// its own argument, never both.
    pub data_given: bool,
    pub filter: Filter,
    pub json: bool,
    /// Fold controlled organisations into their groups (`--roll-up`).
    pub roll_up: bool,
}

/// How a command ended, when it did not fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Found,
    /// The query ran but found nothing (no path, nothing matches): exit 1.
    NothingFound,
    /// `check` found errors in the data: exit 1.
    Invalid,
}

/// A loaded dataset and its graph, ready to be viewed through the filters.
///
/// A session serves one command of one process, so it is never freed: the process's exit
/// gives its memory back at once, where freeing a million-record dataset record by record
/// takes about 75 ms.
#[derive(Debug)]
pub struct Session {
    pub dataset: ManuallyDrop<Dataset>,
    pub graph: ManuallyDrop<PartnerGraph>,
    pub filter: Filter,
}

impl Session {
    pub fn view(&self) -> View<'_> {
        View::new(&self.dataset, &self.graph, self.filter.clone())
    }

    /// The view of a question about `subjects` (the nodes it names): the filters choose the
    /// answers, and do not hide the subjects for their own country, kind or sector
    /// ([`View::with_subjects`]).
    pub fn view_about(&self, subjects: &[crate::model::NodeId]) -> View<'_> {
        View::with_subjects(&self.dataset, &self.graph, self.filter.clone(), subjects)
    }
}

impl Context {
    /// The inputs a run uses when no `--data` is given: `data/` in the current directory if
    /// it exists, else the dataset compiled into the binary.
    pub fn default_inputs(data: Vec<PathBuf>) -> Vec<Input> {
        if !data.is_empty() {
            return data.into_iter().map(Input::of).collect();
        }
        if Path::new("data").is_dir() {
            return vec![Input::Path(PathBuf::from("data"))];
        }
        vec![Input::Text(load::BUILTIN.0.to_string(), load::BUILTIN.1.to_string())]
    }

    /// Loads and validates the data, and builds the graph.
    pub fn session(&self) -> Result<Session, Error> {
        let start = std::time::Instant::now();
        skipped_on_stderr(&self.inputs)?;
        let spinner = progress::Spinner::start(format!("loading {}", progress::describe_inputs(&self.inputs)));
        let loaded = load::load(&self.inputs, load::Options::default());
        drop(spinner);
        let Loaded { mut dataset, .. } = loaded?;
        timing("load", start);
        if self.roll_up {
            let report;
            (dataset, report) = crate::rollup::roll_up(dataset, &self.filter);
            for cycle in report.cycles {
                eprintln!(
                    "note: --roll-up: {} control each other in a cycle; left as they are",
                    cycle.join(" → ")
                );
            }
        }
        self.filter.check(&dataset)?;
        let start = std::time::Instant::now();
        let graph = PartnerGraph::build(&dataset);
        timing("graph", start);
        Ok(Session {
            dataset: ManuallyDrop::new(dataset),
            graph: ManuallyDrop::new(graph),
            filter: self.filter.clone(),
        })
    }
}

/// The "sources:" section of an answer: each source cited, as `S7 (Kyodo News; Reuters,
/// 2026-02-17): title`, with its address on the next line where known.
pub(crate) fn write_sources(
    sources: &[crate::query::facts::SourceRef],
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    use crate::text::clean;
    writeln!(out, "\nsources:")?;
    if sources.is_empty() {
        writeln!(out, "  none")?;
    }
    for s in sources {
        match s.title {
            Some(title) => writeln!(out, "  {}: {}", clean(&s.label()), clean(title))?,
            None => writeln!(out, "  {}", clean(&s.label()))?,
        }
        if let Some(url) = s.url {
            writeln!(out, "      {}", clean(url))?;
        }
    }
    Ok(())
}

/// How a partner is one, in words: what its ties make it to `name` ("owner 49% of
/// Westinghouse", with a person's title), then the projects they share.
pub(crate) fn partnership(ties: &[crate::query::facts::TieRef], shared: &[String], name: &str) -> String {
    let ties = ties.iter().map(|t| match &t.title {
        Some(title) => format!("{} {name} ({title})", t.other_is()),
        None => format!("{} {name}", t.other_is()),
    });
    ties.chain(shared.iter().cloned()).collect::<Vec<_>>().join(", ")
}

/// The outcome of an answer that came out empty, saying why on stderr (stdout keeps the
/// answer's shape: a table's header, an empty JSON list): the data holds no `what`
/// (`in_data` is how many it holds), or the filters leave none of them.
pub(crate) fn nothing_found(filter: &crate::filter::Filter, what: &str, in_data: usize) -> Outcome {
    if in_data == 0 {
        eprintln!("note: no {what} in the data");
    } else if !filter.is_empty() {
        eprintln!(
            "note: the filters leave none of the {in_data} {what} in the data (drop or widen --sector, --country, \
             --kind, --status, --role or --as-of)"
        );
    }
    Outcome::NothingFound
}

/// "… and N more (--top 0 shows all)" under a list `--top` cut.
pub(crate) fn more(left_out: usize, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    if left_out > 0 {
        writeln!(out, "… and {left_out} more (--top 0 shows all)")?;
    }
    Ok(())
}

/// The `-o` an output command writes to: `-o -` means standard output, as leaving `-o` out
/// does (so no file called `-` is made), and is `None` then.
pub(crate) fn output_file(output: Option<&std::path::Path>) -> Option<&std::path::Path> {
    output.filter(|p| p.as_os_str() != "-")
}

/// Names on stderr each entry of a `--data` directory that looks like a dataset but is not
/// read (a broken link, a FIFO, a directory named `x.json`, ...).
pub fn skipped_on_stderr(inputs: &[Input]) -> Result<(), Error> {
    for note in load::expand_noting(inputs)?.1 {
        eprintln!("{note}");
    }
    Ok(())
}

/// With `PARTNET_TIMING` set, prints how long a phase took on stderr, and on Linux the
/// process's peak and present memory (benches/run.sh reads the seconds); otherwise does
/// nothing.
pub fn timing(phase: &str, start: std::time::Instant) {
    if std::env::var_os("PARTNET_TIMING").is_some() {
        let seconds = start.elapsed().as_secs_f64();
        match memory() {
            Some((peak, now)) => {
                eprintln!("partnet-timing: {phase} {seconds:.3} s (peak {peak} MB, resident {now} MB)")
            }
            None => eprintln!("partnet-timing: {phase} {seconds:.3} s"),
        }
    }
}

/// The peak and present resident memory of this process in MB, from /proc/self/status.
fn memory() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        let kb: u64 = line[name.len()..].trim().trim_end_matches("kB").trim().parse().ok()?;
        Some(kb / 1024)
    };
    Some((field("VmHWM:")?, field("VmRSS:")?))
}
