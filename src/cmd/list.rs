//! `partnet list entities|projects|sources`: the records the filters keep, sorted by name
//! (sources by id, with how many projects, links and ties each backs).

use std::io::{self, Write};

use serde::Serialize;

use crate::error::Error;
use crate::output::{emit, Report, Table};
use crate::query::list::{list, sources, Row, SourceRow};

use super::{Context, Outcome};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum What {
    Entities,
    Projects,
    Sources,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to list.
    #[arg(value_enum)]
    pub what: What,
}

/// The list, for printing.
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct ListReport<'a> {
    pub rows: Vec<Row<'a>>,
    #[serde(skip)]
    pub what: What,
}

/// The sources, for printing.
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct SourcesReport<'a>(pub Vec<SourceRow<'a>>);

impl Report for SourcesReport<'_> {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut t = Table::new(&["id", "publisher", "date", "title", "projects", "links", "ties"])
            .right(4)
            .right(5)
            .right(6);
        for r in &self.0 {
            let s = &r.source;
            t.row([
                s.id.to_string(),
                s.publisher.unwrap_or("-").to_string(),
                s.date.map_or_else(|| "-".to_string(), |d| d.to_string()),
                s.title.unwrap_or("-").to_string(),
                r.projects.to_string(),
                r.links.to_string(),
                r.ties.to_string(),
            ]);
        }
        t.write(out)
    }
}

impl Report for ListReport<'_> {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        let opt = |s: Option<&str>| s.unwrap_or("-").to_string();
        match self.what {
            What::Projects => {
                let mut t = Table::new(&["name", "id", "sector", "value", "status", "participants"]).right(5);
                for r in &self.rows {
                    t.row([
                        r.name.to_string(),
                        r.id.to_string(),
                        opt(r.sector),
                        opt(r.value.as_deref()),
                        opt(r.status),
                        r.links.to_string(),
                    ]);
                }
                t.write(out)
            }
            What::Entities | What::Sources => {
                let mut t = Table::new(&["name", "id", "kind", "country", "projects"]).right(4);
                for r in &self.rows {
                    t.row([
                        r.name.to_string(),
                        r.id.to_string(),
                        r.kind.to_string(),
                        opt(r.country),
                        r.links.to_string(),
                    ]);
                }
                t.write(out)
            }
        }
    }
}

pub fn run(ctx: &Context, args: &Args, out: &mut dyn Write) -> Result<Outcome, Error> {
    let session = ctx.session()?;
    let view = session.view();
    if args.what == What::Sources {
        let report = SourcesReport(sources(&view));
        emit(&report, ctx.json, out)?;
        return Ok(if report.0.is_empty() {
            super::nothing_found(&ctx.filter, "sources", session.dataset.sources.len())
        } else {
            Outcome::Found
        });
    }
    let report = ListReport {
        rows: list(&view, args.what == What::Projects),
        what: args.what,
    };
    emit(&report, ctx.json, out)?;
    Ok(if report.rows.is_empty() {
        let ds = &*session.dataset;
        match args.what {
            What::Projects => super::nothing_found(&ctx.filter, "projects", ds.projects.len()),
            _ => super::nothing_found(&ctx.filter, "organisations", ds.entities.len()),
        }
    } else {
        Outcome::Found
    })
}
