//! `partnet partners NAME`: who works with whom. Depth 1 is every organisation sharing a
//! project with NAME; depth 2 adds their partners, and so on.

use std::io::{self, Write};

use crate::error::Error;
use crate::names::resolve;
use crate::output::{emit, Report, Table};
use crate::query::partners::{answer, Partner, Partners};
use crate::text::clean;

use super::{Context, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The organisation: id, name or alias.
    pub name: String,
    /// How many project hops away to look (1 = direct partners).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
    pub depth: u32,
}

impl Report for Partners<'_> {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        if self.partners.is_empty() {
            return writeln!(out, "{} has no partners", clean(&self.entity.name));
        }
        let mut table = Table::new(&["depth", "partner", "id", "how", "sources"]).right(0);
        for p in &self.partners {
            table.row([
                p.depth.to_string(),
                p.name.clone(),
                p.id.clone(),
                how(p, &self.entity.name),
                p.sources.join(", "),
            ]);
        }
        table.write(out)?;
        super::write_sources(&self.sources, out)
    }
}

/// The `how` column: at depth 1 the ties and shared projects; further out, what links the
/// partner to the one a step closer ("owner 51% of Westinghouse Electric Company", "with
/// Westinghouse Electric Company in westinghouse-reactor-term-sheet").
fn how(p: &Partner, origin: &str) -> String {
    match &p.via {
        None => super::partnership(&p.ties, &p.shared_projects, origin),
        Some(through) => match &through.project {
            Some(project) => format!("with {} in {project}", through.name),
            None => super::partnership(&through.ties, &[], &through.name),
        },
    }
}

pub fn run(ctx: &Context, args: &Args, out: &mut dyn Write) -> Result<Outcome, Error> {
    let session = ctx.session()?;
    let origin = resolve(&session.dataset, &args.name)?;
    // The filters choose the partners, not the organisation asked about.
    let view = session.view_about(&[origin]);
    let node = view.ds.node(origin);
    if node.is_project() {
        return Err(Error::usage(format!(
            "{:?} is a project; partners are found for organisations",
            node.id()
        ))
        .with_help(format!("run `partnet show {}` to list its participants", node.id())));
    }
    let report = answer(&view, view.require(origin)?, args.depth);
    emit(&report, ctx.json, out)?;
    Ok(if report.partners.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}
