//! `partnet show NAME`: everything about one entity or project: its attributes, its links
//! with role and status, its partners, and the sources behind them.

use std::io::{self, Write};

use crate::error::Error;
use crate::names::resolve;
use crate::output::{emit, Report, Table};
use crate::query::describe::{describe, describe_source, Description, SourceDescription, Tied};
use crate::text::clean;
use crate::vocab;

use super::{Context, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Id, name or alias of an organisation or project, or a source's id.
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
        if let Some(ties) = self.ties.as_ref().filter(|t| !t.is_empty()) {
            write_ties(f.name, ties, out)?;
        }
        // A link reported more than once: how it moved, oldest first.
        let moved: Vec<_> = self.links.iter().filter(|l| !l.link.history.is_empty()).collect();
        if !moved.is_empty() {
            writeln!(out, "\nhistory:")?;
            for l in moved {
                writeln!(out, "  {} ({}):", clean(&l.name), clean(&l.id))?;
                let mut t = Table::headless(4);
                for r in &l.link.history {
                    t.row([
                        format!(
                            "    {}",
                            r.date.map_or_else(|| "undated".to_string(), |d| d.to_string())
                        ),
                        r.role.clone(),
                        r.status.clone(),
                        r.sources.join(", "),
                    ]);
                }
                t.write(out)?;
            }
        }
        if let Some(partners) = &self.partners {
            writeln!(out, "\npartners:")?;
            if partners.is_empty() {
                writeln!(out, "  none")?;
            }
            for p in partners {
                let how = super::partnership(&p.ties, &p.shared_projects, f.name);
                writeln!(
                    out,
                    "  {} ({}) via {} · {}",
                    clean(&p.name),
                    clean(&p.id),
                    clean(&how),
                    clean(&p.sources.join(", "))
                )?;
            }
        }
        super::write_sources(&self.sources, out)?;
        Ok(())
    }
}

/// An organisation's ties, grouped as a reader looks for them: owners, parent,
/// subsidiaries, joint ventures, people, others.
fn write_ties(name: &str, ties: &[Tied], out: &mut dyn Write) -> io::Result<()> {
    let group = |t: &Tied| vocab::tie_group(&t.tie.kind, t.tie.direction == "out", t.other_kind == "person");
    for heading in vocab::TIE_GROUPS {
        let members: Vec<&Tied> = ties.iter().filter(|t| group(t) == heading).collect();
        if members.is_empty() {
            continue;
        }
        writeln!(out, "\n{heading}:")?;
        for t in members {
            let title = t.tie.title.as_ref().map(|x| format!(" ({x})")).unwrap_or_default();
            let link = &t.link;
            let sources = if link.sources.is_empty() {
                "unsourced".to_string()
            } else {
                link.sources.join(", ")
            };
            writeln!(
                out,
                "  {} ({}): {} {}{} · {}{} · {}",
                clean(&t.name),
                clean(&t.id),
                clean(&t.tie.other_is()),
                clean(name),
                clean(&title),
                clean(&link.status),
                clean(&when_and_value(
                    &link.date,
                    &link.until,
                    &link.value.map(|v| v.to_string())
                )),
                clean(&sources)
            )?;
            write_evidence(&link.evidence, out)?;
        }
    }
    Ok(())
}

/// A tie's dates and value as they follow its status: " · 2024-01-01 to 2025-06-01 · $1B",
/// " · ended 2025-06-01", " · from 2024-01-01"; empty when it states none.
fn when_and_value(date: &Option<String>, until: &Option<String>, value: &Option<String>) -> String {
    let when = match (date, until) {
        (Some(d), Some(u)) => Some(format!("{d} to {u}")),
        (None, Some(u)) => Some(format!("ended {u}")),
        (Some(d), None) => Some(format!("from {d}")),
        (None, None) => None,
    };
    when.iter().chain(value.iter()).map(|x| format!(" · {x}")).collect()
}

/// What the sources say about a tie, one line each under it.
fn write_evidence(evidence: &[String], out: &mut dyn Write) -> io::Result<()> {
    for e in evidence {
        writeln!(out, "      {}", clean(e))?;
    }
    Ok(())
}

impl Report for SourceDescription<'_> {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        let s = &self.source;
        writeln!(out, "{} (source)", clean(&s.label()))?;
        let mut facts = Table::headless(2);
        for (name, value) in [
            ("title", s.title),
            ("publisher", s.publisher),
            ("url", s.url),
            ("note", self.note),
        ] {
            if let Some(value) = value {
                facts.row([format!("  {name}:"), value.to_string()]);
            }
        }
        if let Some(d) = s.date {
            facts.row(["  date:".to_string(), d.to_string()]);
        }
        facts.write(out)?;
        writeln!(out, "\nprojects it backs:")?;
        if self.projects.is_empty() {
            writeln!(out, "  none")?;
        }
        for p in &self.projects {
            writeln!(out, "  {} ({})", clean(&p.name), clean(&p.id))?;
        }
        writeln!(out, "\nlinks it backs:")?;
        if self.links.is_empty() {
            writeln!(out, "  none")?;
        } else {
            let mut t = Table::new(&["  organisation", "project", "role", "status"]);
            for l in &self.links {
                t.row([
                    format!("  {}", l.entity_name),
                    l.project_name.clone(),
                    l.link.roles.join("/"),
                    l.link.status.clone(),
                ]);
            }
            t.write(out)?;
        }
        writeln!(out, "\nties it backs:")?;
        if self.ties.is_empty() {
            writeln!(out, "  none")?;
        }
        for b in &self.ties {
            let t = &b.tie;
            let title = t.title.as_ref().map(|x| format!(" ({x})")).unwrap_or_default();
            writeln!(
                out,
                "  {} ({}) {} {} ({}){} · {}{}",
                clean(&b.from_name),
                clean(&t.from),
                clean(&t.phrase(false)),
                clean(&b.to_name),
                clean(&t.to),
                clean(&title),
                clean(&t.status),
                clean(&when_and_value(&t.date, &t.until, &t.value.map(|v| v.to_string()))),
            )?;
        }
        Ok(())
    }
}

pub fn run(ctx: &Context, args: &Args, out: &mut dyn Write) -> Result<Outcome, Error> {
    let session = ctx.session()?;
    let view = session.view();
    let ds = view.ds;
    // A node's own id first, then a source's id, then names and aliases.
    if ds.nodes().all(|n| ds.node(n).id() != args.name) {
        if let Some(s) = crate::names::source_named(ds, &args.name) {
            let source = &ds.sources[s as usize];
            if !view.source_ok(source) {
                return Err(Error::hidden(&source.id));
            }
            emit(&describe_source(&view, s), ctx.json, out)?;
            return Ok(Outcome::Found);
        }
    }
    // The filters choose what is shown of it, and do not hide the node asked about.
    let n = resolve(ds, &args.name)?;
    let view = session.view_about(&[n]);
    emit(&describe(&view, view.require(n)?), ctx.json, out)?;
    Ok(Outcome::Found)
}
