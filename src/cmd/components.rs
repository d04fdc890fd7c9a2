//! `partnet components`: connected groups of organisations and projects, largest first.

use std::io::{self, Write};

use crate::error::Error;
use crate::output::{emit, Report, Table};
use crate::query::components::{answer, Components};

use super::{Context, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Show only the K largest groups (0 shows all).
    #[arg(long, value_name = "K")]
    pub top: Option<usize>,
}

impl Report for Components<'_> {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut table = Table::new(&["#", "size", "entities", "projects", "members"])
            .right(0)
            .right(1)
            .right(2)
            .right(3);
        for (i, c) in self.groups.iter().enumerate() {
            // Its organisations; a group of projects alone lists its projects, and says so.
            let (members, prefix) = if c.entities.is_empty() {
                (&c.projects, "(projects only) ")
            } else {
                (&c.entities, "")
            };
            let shown = members.len().min(6);
            let more = members.len() - shown;
            let mut text = prefix.to_string() + &members.iter().take(shown).collect::<Vec<_>>().join(", ");
            if more > 0 {
                text.push_str(&format!(", ... {more} more"));
            }
            table.row([
                (i + 1).to_string(),
                c.size.to_string(),
                c.entities.len().to_string(),
                c.projects.len().to_string(),
                text,
            ]);
        }
        table.write(out)?;
        super::more(self.total - self.groups.len(), out)
    }
}

pub fn run(ctx: &Context, args: &Args, out: &mut dyn Write) -> Result<Outcome, Error> {
    let session = ctx.session()?;
    let report = answer(&session.view(), args.top);
    emit(&report, ctx.json, out)?;
    Ok(if report.groups.is_empty() {
        let ds = &*session.dataset;
        super::nothing_found(
            &ctx.filter,
            "organisations or projects",
            ds.entities.len() + ds.projects.len(),
        )
    } else {
        Outcome::Found
    })
}
