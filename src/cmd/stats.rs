//! `partnet stats`: how big the graph is and how it hangs together.

use std::io::{self, Write};

use crate::error::Error;
use crate::output::{emit, Report, Table};
use crate::query::stats::{stats, Stats};

use super::{Context, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {}

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
            ("ties", self.ties),
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
