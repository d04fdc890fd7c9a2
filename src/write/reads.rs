//! What a run reads, as far as an output must keep clear of it: every input file, the files
//! each snapshot among them was made from, and the directories a dataset file written now
//! would be read from by the next load.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::load::{self, snapshot::Provenance, Input};

/// The run's inputs, with what each snapshot among them was made from. Both checks of an
/// output ask for that ([`Reads::files`], [`Reads::read_by_next_load`]), and each asking
/// reads the snapshot's file: it is read once per input, when first asked for.
pub(crate) struct Reads<'a> {
    inputs: &'a [Input],
    made_from: HashMap<PathBuf, Option<Provenance>>,
}

impl<'a> Reads<'a> {
    pub(crate) fn new(inputs: &'a [Input]) -> Reads<'a> {
        Reads {
            inputs,
            made_from: HashMap::new(),
        }
    }

    /// What the snapshot at `path` was made from; `None` when it is no snapshot.
    fn made_from(&mut self, path: &Path) -> Option<&Provenance> {
        self.made_from
            .entry(path.to_path_buf())
            .or_insert_with(|| load::snapshot::provenance(path))
            .as_ref()
    }

    /// The files the run reads, each with the snapshot it stands behind: every input file,
    /// and for a snapshot the files it was made from too, which a write must not replace
    /// either (the snapshot would go stale, and the data be lost).
    pub(crate) fn files(&mut self) -> Result<Vec<(PathBuf, Option<PathBuf>)>, Error> {
        let mut out = Vec::new();
        for file in load::expand(self.inputs)? {
            let Input::Path(input) = file else { continue };
            let sources = self.made_from(&input).map(Provenance::source_files);
            for source in sources.unwrap_or_default() {
                out.push((source, Some(input.clone())));
            }
            out.push((input, None));
        }
        Ok(out)
    }

    /// The input directory a dataset file written at `path` would be read from next time:
    /// one given to `--data`, or one a snapshot given to it was made from (with that
    /// snapshot).
    pub(super) fn read_by_next_load(&mut self, path: &Path) -> Option<(PathBuf, Option<PathBuf>)> {
        let name = path.file_name()?.to_str()?;
        if !load::is_dataset_name(name) {
            return None;
        }
        let dir = fs::canonicalize(
            path.parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new(".")),
        )
        .ok()?;
        let same = |p: &Path| fs::canonicalize(p).ok().as_ref() == Some(&dir);
        let inputs = self.inputs;
        inputs.iter().find_map(|input| match input {
            Input::Path(p) if p.is_dir() => same(p).then(|| (p.clone(), None)),
            Input::Path(p) => {
                let made_from = self.made_from(p)?;
                let source = made_from.source_dirs().iter().find(|d| same(d))?;
                Some((source.clone(), Some(p.clone())))
            }
            _ => None,
        })
    }
}
