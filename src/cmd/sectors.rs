//! `partnet sectors`: money by sector: how many projects, how many organisations, and the
//! total value each sector's projects report, qualifier kept.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::error::Error;
use crate::filter::View;
use crate::output::{emit, Report, Table};
use crate::value::{format_usd, Value};

use super::{Context, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Group by the first N levels of the sector path (`energy/nuclear` at level 1 is
    /// `energy`); 0 keeps the whole path.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub level: usize,
}

/// One sector's totals.
#[derive(Debug, Serialize, PartialEq)]
pub struct Sector {
    /// The sector path, or "(none)" for projects without one.
    pub sector: String,
    pub projects: usize,
    /// Distinct organisations taking part in the sector's projects.
    pub organisations: usize,
    /// Sum of the stated values, upper bounds (USD).
    pub value_usd: f64,
    /// The same with its qualifier: "up to $125B".
    pub value: String,
    /// Projects with no stated value, not in the total.
    pub unvalued_projects: usize,
}

#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct SectorsReport(pub Vec<Sector>);

/// Totals per sector, largest value first, ties by sector name.
pub fn sectors(view: &View, level: usize) -> SectorsReport {
    let ds = view.ds;
    let mut groups: BTreeMap<String, (usize, Vec<u32>, Option<Value>, usize)> = BTreeMap::new();
    for n in view.nodes() {
        let Some(p) = ds.project_of(n) else { continue };
        let project = &ds.projects[p as usize];
        let sector = match project.sector.as_deref() {
            Some(s) if level > 0 => s.split('/').take(level).collect::<Vec<_>>().join("/"),
            Some(s) => s.to_string(),
            None => "(none)".to_string(),
        };
        let group = groups.entry(sector).or_default();
        group.0 += 1;
        group.1.extend(view.neighbors(n).map(|(e, _)| e.index() as u32));
        match project.value {
            Some(v) => group.2 = Some(group.2.map_or(v, |t| t + v)),
            None => group.3 += 1,
        }
    }
    let mut rows: Vec<Sector> = groups
        .into_iter()
        .map(|(sector, (projects, mut orgs, total, unvalued))| {
            orgs.sort_unstable();
            orgs.dedup();
            Sector {
                sector,
                projects,
                organisations: orgs.len(),
                value_usd: total.map_or(0.0, |t| t.max_usd()),
                value: total.map_or_else(|| format_usd(0.0), |t| t.to_string()),
                unvalued_projects: unvalued,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.value_usd
            .total_cmp(&a.value_usd)
            .then_with(|| a.sector.cmp(&b.sector))
    });
    SectorsReport(rows)
}

impl Report for SectorsReport {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut t = Table::new(&["sector", "projects", "organisations", "value", "unvalued"])
            .right(1)
            .right(2)
            .right(4);
        for s in &self.0 {
            t.row([
                s.sector.clone(),
                s.projects.to_string(),
                s.organisations.to_string(),
                s.value.clone(),
                s.unvalued_projects.to_string(),
            ]);
        }
        t.write(out)
    }
}

pub fn run(ctx: &Context, args: &Args, out: &mut dyn Write) -> Result<Outcome, Error> {
    let session = ctx.session()?;
    let report = sectors(&session.view(), args.level);
    emit(&report, ctx.json, out)?;
    Ok(if report.0.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}
