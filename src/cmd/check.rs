//! `partnet check`: validate the data and report every problem at once.

use std::io::{self, Write};

use serde::Serialize;

use crate::error::{Diagnostic, Error};
use crate::load;
use crate::load::snapshot::CheckInputs;
use crate::output::{emit, Report};

use super::{Context, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Treat warnings as errors (exit 1 when there is any).
    #[arg(long)]
    pub strict: bool,
}

/// What `check` found.
#[derive(Debug, Serialize)]
pub struct CheckReport {
    pub ok: bool,
    pub files: Vec<String>,
    pub errors: usize,
    pub warnings: usize,
    pub entities: usize,
    pub projects: usize,
    pub participations: usize,
    /// Tie records.
    pub ties: usize,
    pub sources: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// Validates the inputs, collecting errors and warnings instead of stopping at them. An
/// entry of a `--data` directory that looks like a dataset but is not read (a broken link,
/// a FIFO, ...) is a warning of the report, first, so that `--strict` fails on it.
pub fn check(inputs: &[load::Input]) -> Result<CheckReport, Error> {
    let (files, skipped): (Vec<String>, Vec<Diagnostic>) = match load::expand_noting(inputs) {
        Ok((files, skipped)) => {
            let files = files.iter().map(load::Input::label).collect();
            (files, skipped)
        }
        Err(Error::Invalid(diagnostics)) => (
            Vec::from_iter(diagnostics.first().and_then(|d| d.file.clone())),
            Vec::new(),
        ),
        Err(e) => return Err(e),
    };
    let (dataset, found) = match load::load(inputs, load::Options { warnings: true }) {
        Ok(loaded) => (Some(loaded.dataset), loaded.warnings),
        Err(Error::Invalid(diagnostics)) => (None, diagnostics),
        Err(e) => return Err(e),
    };
    let mut diagnostics = skipped;
    diagnostics.extend(found);
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let counts = dataset.as_ref().map_or((0, 0, 0, 0, 0), |d| {
        (
            d.entities.len(),
            d.projects.len(),
            d.participations.len(),
            d.sources.len(),
            d.ties.len(),
        )
    });
    Ok(CheckReport {
        ok: errors == 0,
        files,
        errors,
        warnings: diagnostics.len() - errors,
        entities: counts.0,
        projects: counts.1,
        participations: counts.2,
        ties: counts.4,
        sources: counts.3,
        diagnostics,
    })
}

impl Report for CheckReport {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        for d in &self.diagnostics {
            writeln!(out, "{d}")?;
        }
        use crate::text::plural;
        if self.ok {
            // Ties are named only where there are some: a dataset without says what it did.
            let ties = match self.ties {
                0 => String::new(),
                n => format!(", {}", plural(n, "tie")),
            };
            writeln!(
                out,
                "ok: {}, {}, {}{ties}, {} in {}; {}",
                plural(self.entities, "entity"),
                plural(self.projects, "project"),
                plural(self.participations, "participation"),
                plural(self.sources, "source"),
                plural(self.files.len(), "file"),
                plural(self.warnings, "warning"),
            )
        } else {
            writeln!(
                out,
                "invalid: {}, {}",
                plural(self.errors, "error"),
                plural(self.warnings, "warning")
            )
        }
    }
}

pub fn run(ctx: &Context, args: &Args, out: &mut dyn Write) -> Result<Outcome, Error> {
    // A snapshot holds no warnings (they point into text): its sources do.
    let report = match load::snapshot::check_inputs(&ctx.inputs)? {
        CheckInputs::NotASnapshot => check(&ctx.inputs)?,
        CheckInputs::Sources(sources) => {
            eprintln!("note: the snapshot is whole and up to date; checking the files it was made from");
            check(&sources)?
        }
        CheckInputs::NoSources => {
            eprintln!(
                "note: the snapshot is whole and up to date; it was made from a pipe or the built-in data, which \
                 cannot be read again for warnings"
            );
            check(&ctx.inputs)?
        }
    };
    emit(&report, ctx.json, out)?;
    let failed = !report.ok || (args.strict && report.warnings > 0);
    Ok(if failed { Outcome::Invalid } else { Outcome::Found })
}
