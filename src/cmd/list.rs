//! `partnet list entities|projects`: the records the filters keep, sorted by name.

use std::io::{self, Write};

use serde::Serialize;

use crate::error::Error;
use crate::filter::View;
use crate::model::NodeRef;
use crate::names::fold;
use crate::output::{emit, Report, Table};

use super::{Context, Outcome};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum What {
    Entities,
    Projects,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to list.
    #[arg(value_enum)]
    pub what: What,
}

/// One row of the list.
#[derive(Debug, Serialize)]
pub struct Row {
    pub id: String,
    pub name: String,
    /// Entity kind; for projects, "project".
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Entities: projects taken part in; projects: participants.
    pub links: usize,
}

#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct ListReport {
    pub rows: Vec<Row>,
    #[serde(skip)]
    pub what: Option<What>,
}

/// The visible entities or projects, by folded name, then id.
pub fn list(view: &View, what: What) -> ListReport {
    let ds = view.ds;
    let mut rows: Vec<Row> = view
        .nodes()
        .filter(|&n| ds.node(n).is_project() == (what == What::Projects))
        .map(|n| {
            let links = view.neighbors(n).count();
            match ds.node(n) {
                NodeRef::Entity(e) => Row {
                    id: e.id.to_string(),
                    name: e.name.to_string(),
                    kind: e.kind.to_string(),
                    country: e.country.as_deref().map(str::to_string),
                    sector: None,
                    value: None,
                    status: None,
                    links,
                },
                NodeRef::Project(p) => Row {
                    id: p.id.to_string(),
                    name: p.name.to_string(),
                    kind: "project".into(),
                    country: None,
                    sector: p.sector.as_deref().map(str::to_string),
                    value: p.value.map(|v| v.to_string()),
                    status: p.status.as_deref().map(str::to_string),
                    links,
                },
            }
        })
        .collect();
    rows.sort_by_cached_key(|r| (fold(&r.name).into_owned(), r.id.clone()));
    ListReport { rows, what: Some(what) }
}

impl Report for ListReport {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        let opt = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".into());
        match self.what {
            Some(What::Projects) => {
                let mut t = Table::new(&["name", "id", "sector", "value", "status", "participants"]).right(5);
                for r in &self.rows {
                    t.row([
                        r.name.clone(),
                        r.id.clone(),
                        opt(&r.sector),
                        opt(&r.value),
                        opt(&r.status),
                        r.links.to_string(),
                    ]);
                }
                t.write(out)
            }
            _ => {
                let mut t = Table::new(&["name", "id", "kind", "country", "projects"]).right(4);
                for r in &self.rows {
                    t.row([
                        r.name.clone(),
                        r.id.clone(),
                        r.kind.clone(),
                        opt(&r.country),
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
    let report = list(&session.view(), args.what);
    emit(&report, ctx.json, out)?;
    Ok(if report.rows.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}
