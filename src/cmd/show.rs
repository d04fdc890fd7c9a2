//! `partnet show NAME`: everything about one entity or project: its attributes, its links
//! with role and status, its partners, and the sources behind them.

use std::io::{self, Write};

use crate::error::Error;
use crate::names::resolve_visible;
use crate::output::{emit, Report, Table};
use crate::query::describe::{describe, Description};
use crate::text::clean;

use super::{Context, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Id, name or alias.
    pub name: String,
}

impl Report for Description<'_> {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        let f = &self.facts;
        writeln!(out, "{} ({}, {})", clean(f.name), clean(f.id), clean(f.kind))?;
        let mut facts = Table::headless(2);
        let list = |items: &[&str]| (!items.is_empty()).then(|| items.join(", "));
        let fields: [(&str, Option<String>); 12] = [
            ("country", f.country.map(str::to_string)),
            ("aliases", list(&f.aliases)),
            ("sectors", list(&f.sectors)),
            ("sector", f.sector.map(str::to_string)),
            ("value", f.value.map(|v| v.to_string())),
            ("status", f.status.map(str::to_string)),
            ("location", f.location.map(str::to_string)),
            ("date", f.date.map(|d| d.to_string())),
            ("part of", f.part_of.map(str::to_string)),
            ("parts", list(&f.parts)),
            ("url", f.url.map(str::to_string)),
            ("note", f.note.map(str::to_string)),
        ];
        for (name, value) in fields {
            if let Some(value) = value {
                facts.row([format!("  {name}:"), value]);
            }
        }
        facts.write(out)?;
        let is_project = f.kind == "project";
        writeln!(out, "\n{}:", if is_project { "participants" } else { "projects" })?;
        if self.links.is_empty() {
            writeln!(out, "  none")?;
        } else {
            let mut t = Table::new(&["  name", "id", "role", "status", "sources", "value"]);
            for l in &self.links {
                t.row([
                    format!("  {}", l.name),
                    l.id.clone(),
                    l.link.roles.join("/"),
                    l.link.status.clone(),
                    l.link.sources.join(", "),
                    l.value.clone().unwrap_or_default(),
                ]);
            }
            t.write(out)?;
        }
        if let Some(partners) = &self.partners {
            writeln!(out, "\npartners:")?;
            if partners.is_empty() {
                writeln!(out, "  none")?;
            }
            for p in partners {
                writeln!(
                    out,
                    "  {} ({}) via {}",
                    clean(&p.name),
                    clean(&p.id),
                    clean(&p.shared_projects.join(", "))
                )?;
            }
        }
        super::write_sources(&self.sources, out)?;
        Ok(())
    }
}

pub fn run(ctx: &Context, args: &Args, out: &mut dyn Write) -> Result<Outcome, Error> {
    let session = ctx.session()?;
    let view = session.view();
    let n = resolve_visible(&view, &args.name)?;
    emit(&describe(&view, n), ctx.json, out)?;
    Ok(Outcome::Found)
}
