//! `partnet stats`: how big the graph is and how it hangs together.

use std::io::{self, Write};

use serde::Serialize;

use crate::error::Error;
use crate::filter::View;
use crate::output::{emit, Report, Table};

use super::{components::components, Context, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {}

/// Counts of the (filtered) graph.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Stats {
    pub entities: usize,
    pub projects: usize,
    /// Participation records on visible links.
    pub participations: usize,
    /// Sources defined (unfiltered) or cited by what the filters keep.
    pub sources: usize,
    /// Entities plus projects.
    pub nodes: usize,
    /// Distinct (entity, project) pairs.
    pub edges: usize,
    pub components: usize,
    /// Node count of the largest component.
    pub largest_component: usize,
}

pub fn stats(view: &View) -> Stats {
    let ds = view.ds;
    let (mut entities, mut projects) = (0, 0);
    for n in view.nodes() {
        if ds.node(n).is_project() {
            projects += 1;
        } else {
            entities += 1;
        }
    }
    let (participations, sources) = if view.filter.is_empty() {
        (ds.participations.len(), ds.sources.len())
    } else {
        let mut cited = vec![false; ds.sources.len()];
        let mut count = 0;
        for e in view.edges() {
            for p in view.records(e) {
                count += 1;
                for &s in &ds.source_refs[p.sources.range()] {
                    cited[s as usize] = true;
                }
            }
        }
        for n in view.nodes() {
            if let Some(p) = ds.project_of(n) {
                for &s in &ds.source_refs[ds.projects[p as usize].sources.range()] {
                    cited[s as usize] = true;
                }
            }
        }
        (count, cited.iter().filter(|&&c| c).count())
    };
    let groups = components(view);
    Stats {
        entities,
        projects,
        participations,
        sources,
        nodes: entities + projects,
        edges: view.edge_count(),
        components: groups.len(),
        largest_component: groups.first().map_or(0, Vec::len),
    }
}

impl Report for Stats {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut t = Table::headless(2).right(1);
        for (name, value) in [
            ("entities", self.entities),
            ("projects", self.projects),
            ("participations", self.participations),
            ("sources", self.sources),
            ("nodes", self.nodes),
            ("edges", self.edges),
            ("components", self.components),
            ("largest component", self.largest_component),
        ] {
            t.row([name.to_string(), value.to_string()]);
        }
        t.write(out)
    }
}

pub fn run(ctx: &Context, _args: &Args, out: &mut dyn Write) -> Result<Outcome, Error> {
    let session = ctx.session()?;
    emit(&stats(&session.view()), ctx.json, out)?;
    Ok(Outcome::Found)
}
