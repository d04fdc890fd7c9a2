//! `partnet timeline NAME`: every dated event of one organisation or project, oldest first:
//! its links' records with role, status and sources, the projects' own dates, and an
//! organisation's ties, begun and ended.

use std::io::{self, Write};

use crate::error::Error;
use crate::names::resolve;
use crate::output::{emit, Report, Table};
use crate::query::timeline::{timeline, Timeline};
use crate::text::clean;
use crate::vocab::tie_phrase;

use super::{Context, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Id, name or alias of an organisation or project.
    pub name: String,
}

impl Report for Timeline<'_> {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        let n = &self.node;
        writeln!(out, "{} ({}, {})", clean(&n.name), clean(&n.id), clean(&n.kind))?;
        if self.events.is_empty() {
            writeln!(out, "\n  no event")?;
        } else {
            let project = n.kind == "project";
            let mut t = Table::new(&["  date", "event", "who / what", "role", "status", "sources"]);
            for e in &self.events {
                let project_name = e.project_name.clone().unwrap_or_default();
                let (event, what) = match (e.kind, &e.entity_name) {
                    ("project", _) => (
                        "project reported".to_string(),
                        [Some(project_name), e.value.clone()]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>()
                            .join(" · "),
                    ),
                    ("tie" | "tie-ended", Some(other)) => {
                        // How this organisation stands to the other: "owner 49% of Cameco".
                        let kind = e.tie_kind.as_deref().unwrap_or_default();
                        let mut what = format!("{} {other}", tie_phrase(kind, e.share, e.direction == Some("in")));
                        if let Some(title) = &e.title {
                            what.push_str(&format!(" ({title})"));
                        }
                        (e.kind.replace('-', " "), what)
                    }
                    (kind, Some(entity)) => (kind.to_string(), if project { entity.clone() } else { project_name }),
                    (kind, None) => (kind.to_string(), project_name),
                };
                let status = match (&e.from, &e.to, &e.status) {
                    (Some(from), Some(to), Some(own)) if to == own => format!("{from} -> {to}"),
                    (Some(from), Some(to), Some(own)) => format!("{own} (link: {from} -> {to})"),
                    (_, _, Some(own)) => own.clone(),
                    _ => String::new(),
                };
                t.row([
                    format!("  {}", e.date.map_or_else(|| "undated".to_string(), |d| d.to_string())),
                    event,
                    what,
                    e.role.clone().unwrap_or_default(),
                    status,
                    e.sources.join(", "),
                ]);
            }
            writeln!(out)?;
            t.write(out)?;
        }
        super::write_sources(&self.sources, out)
    }
}

pub fn run(ctx: &Context, args: &Args, out: &mut dyn Write) -> Result<Outcome, Error> {
    let session = ctx.session()?;
    let view = session.view();
    let ds = view.ds;
    // As in `show`: a node's own id first, then a source's id, which has no timeline.
    if ds.nodes().all(|n| ds.node(n).id() != args.name) {
        if let Some(s) = crate::names::source_named(ds, &args.name) {
            let id = &ds.sources[s as usize].id;
            return Err(crate::names::source_not_node(
                id,
                ": it has no timeline",
                "give timeline an organisation or a project",
            ));
        }
    }
    // The filters choose what is shown of it, and do not hide the node asked about.
    let n = resolve(ds, &args.name)?;
    let view = session.view_about(&[n]);
    emit(&timeline(&view, view.require(n)?), ctx.json, out)?;
    Ok(Outcome::Found)
}
