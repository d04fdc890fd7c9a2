//! `partnet show NAME`: everything about one entity or project: its attributes, its links
//! with role and status, its partners, and the sources behind them.

use std::io::{self, Write};

use serde::Serialize;

use crate::error::Error;
use crate::filter::View;
use crate::model::{NodeId, NodeRef, Span};
use crate::names::resolve;
use crate::output::{emit, Report, Table};
use crate::summary::Link;
use crate::text::clean;

use super::partners::partners;
use super::{Context, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Id, name or alias.
    pub name: String,
}

/// A source as cited.
#[derive(Debug, Clone, Serialize)]
pub struct SourceInfo {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// The node at the other end of a link, with the link.
#[derive(Debug, Serialize)]
pub struct Linked {
    pub id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(flatten)]
    pub link: Link,
}

#[derive(Debug, Serialize)]
pub struct PartnerRef {
    pub id: String,
    pub name: String,
    pub shared_projects: Vec<String>,
}

/// Everything about one node. Entity-only and project-only fields are left out of the
/// JSON when they do not apply.
#[derive(Debug, Default, Serialize)]
pub struct ShowReport {
    pub id: String,
    pub name: String,
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sectors: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part_of: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// For an entity: its projects; for a project: its participants.
    pub links: Vec<Linked>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partners: Option<Vec<PartnerRef>>,
    /// Every source cited by the node or its links.
    pub sources: Vec<SourceInfo>,
}

fn owned(s: &Option<Box<str>>) -> Option<String> {
    s.as_deref().map(str::to_string)
}

pub fn show(view: &View, n: NodeId) -> ShowReport {
    let ds = view.ds;
    let mut cited: Vec<u32> = Vec::new();
    let mut cite = |span: Span| {
        for &s in &ds.source_refs[span.range()] {
            if !cited.contains(&s) {
                cited.push(s);
            }
        }
    };
    let mut links: Vec<Linked> = view
        .neighbors(n)
        .map(|(other, edge)| {
            for p in view.records(edge) {
                cite(p.sources);
            }
            let value = ds
                .project_of(other)
                .and_then(|p| ds.projects[p as usize].value)
                .map(|v| v.to_string());
            Linked {
                id: ds.node(other).id().into(),
                name: ds.node(other).name().into(),
                value,
                link: Link::of(view, edge),
            }
        })
        .collect();
    links.sort_by(|a, b| a.id.cmp(&b.id));
    let mut report = match ds.node(n) {
        NodeRef::Entity(e) => {
            let mut partners: Vec<PartnerRef> = partners(view, n, 1)
                .into_iter()
                .map(|f| {
                    let mut shared: Vec<String> = f.shared.iter().map(|&p| ds.node(p).id().to_string()).collect();
                    shared.sort_unstable();
                    PartnerRef {
                        id: ds.node(f.node).id().into(),
                        name: ds.node(f.node).name().into(),
                        shared_projects: shared,
                    }
                })
                .collect();
            partners.sort_by(|a, b| a.id.cmp(&b.id));
            ShowReport {
                country: e.country.as_deref().map(str::to_string),
                aliases: e.aliases.iter().map(|a| a.to_string()).collect(),
                sectors: e.sectors.iter().map(|s| s.to_string()).collect(),
                url: owned(&e.url),
                note: owned(&e.note),
                partners: Some(partners),
                ..ShowReport::default()
            }
        }
        NodeRef::Project(p) => {
            cite(p.sources);
            let index = ds.project_of(n).expect("a project node");
            let mut parts: Vec<String> = ds
                .projects
                .iter()
                .filter(|q| q.part_of == Some(index))
                .map(|q| q.id.to_string())
                .collect();
            parts.sort_unstable();
            ShowReport {
                sector: p.sector.as_deref().map(str::to_string),
                value: p.value.map(|v| v.to_string()),
                status: p.status.as_deref().map(str::to_string),
                location: owned(&p.location),
                date: p.date.map(|d| d.to_string()),
                part_of: p.part_of.map(|q| ds.projects[q as usize].id.to_string()),
                parts,
                note: owned(&p.note),
                ..ShowReport::default()
            }
        }
    };
    let node = ds.node(n);
    report.id = node.id().into();
    report.name = node.name().into();
    report.kind = node.kind().into();
    report.links = links;
    cited.sort_by(|&a, &b| ds.sources[a as usize].id.cmp(&ds.sources[b as usize].id));
    report.sources = cited
        .into_iter()
        .map(|s| {
            let s = &ds.sources[s as usize];
            SourceInfo {
                id: s.id.to_string(),
                title: owned(&s.title),
                publisher: owned(&s.publisher),
                date: s.date.map(|d| d.to_string()),
                url: owned(&s.url),
            }
        })
        .collect();
    report
}

impl Report for ShowReport {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(
            out,
            "{} ({}, {})",
            clean(&self.name),
            clean(&self.id),
            clean(&self.kind)
        )?;
        let mut facts = Table::headless(2);
        let fields: [(&str, Option<String>); 11] = [
            ("country", self.country.clone()),
            ("aliases", (!self.aliases.is_empty()).then(|| self.aliases.join(", "))),
            ("sectors", (!self.sectors.is_empty()).then(|| self.sectors.join(", "))),
            ("sector", self.sector.clone()),
            ("value", self.value.clone()),
            ("status", self.status.clone()),
            ("location", self.location.clone()),
            ("date", self.date.clone()),
            ("part of", self.part_of.clone()),
            ("parts", (!self.parts.is_empty()).then(|| self.parts.join(", "))),
            ("url", self.url.clone()),
        ];
        for (name, value) in fields {
            if let Some(value) = value {
                facts.row([format!("  {name}:"), value]);
            }
        }
        if let Some(note) = &self.note {
            facts.row(["  note:".to_string(), note.clone()]);
        }
        facts.write(out)?;
        let is_project = self.kind == "project";
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
        writeln!(out, "\nsources:")?;
        if self.sources.is_empty() {
            writeln!(out, "  none")?;
        }
        for s in &self.sources {
            let detail: Vec<&str> = [s.publisher.as_deref(), s.date.as_deref(), s.title.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            writeln!(out, "  {}: {}", clean(&s.id), clean(&detail.join(", ")))?;
            if let Some(url) = &s.url {
                writeln!(out, "      {}", clean(url))?;
            }
        }
        Ok(())
    }
}

pub fn run(ctx: &Context, args: &Args, out: &mut dyn Write) -> Result<Outcome, Error> {
    let session = ctx.session()?;
    let view = session.view();
    let n = resolve(&session.dataset, &args.name)?;
    if !view.contains(n) {
        return Err(
            Error::not_found(format!("{:?} is hidden by the filters", session.dataset.node(n).id()))
                .with_help("drop or widen --sector, --country, --kind, --status, --role or --as-of"),
        );
    }
    emit(&show(&view, n), ctx.json, out)?;
    Ok(Outcome::Found)
}
