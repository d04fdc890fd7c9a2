//! Money: the stated values of projects added up per organisation and per sector, with the
//! qualifier kept honest ("up to $100B" + "$25B" = "up to $125B").

use std::collections::BTreeMap;

use serde::Serialize;

use crate::filter::View;
use crate::model::{Dataset, NodeId};
use crate::value::Value;

/// The total stated value of the projects an organisation takes part in, and how many of
/// them state none. A programme's value is its parts together: for an organisation in a
/// programme and in some of its parts, the parts count, not the programme.
pub struct Holdings {
    pub total: Option<Value>,
    pub unvalued: usize,
}

/// The [`Holdings`] of every visible entity, indexed by entity (hidden ones hold nothing).
///
/// Linear in the visible links and in the `part_of` chains above them: each organisation
/// marks the programmes above its projects once (a stamp array, never cleared), so one in
/// a programme and its 60,000 parts costs 60,000 steps, not 60,000².
pub fn holdings(view: &View) -> Vec<Holdings> {
    let ds = view.ds;
    let mut above = vec![u32::MAX; ds.projects.len()];
    let mut mine: Vec<u32> = Vec::new();
    (0..ds.entities.len() as u32)
        .map(|e| {
            let n = ds.entity_node(e);
            mine.clear();
            if view.contains(n) {
                mine.extend(view.neighbors(n).filter_map(|(p, _)| ds.project_of(p)));
            }
            for &q in &mine {
                mark_programmes(ds, q, e, &mut above);
            }
            let mut holdings = Holdings {
                total: None,
                unvalued: 0,
            };
            for &p in &mine {
                if above[p as usize] == e {
                    continue;
                }
                match ds.projects[p as usize].value {
                    Some(v) => holdings.total = Some(holdings.total.map_or(v, |t| t + v)),
                    None => holdings.unvalued += 1,
                }
            }
            holdings
        })
        .collect()
}

/// Stamps with `stamp` the programmes above `project` (its `part_of`, theirs, ...), not
/// the project itself; stops at one stamped already, whose programmes are then stamped too.
fn mark_programmes(ds: &Dataset, project: u32, stamp: u32, above: &mut [u32]) {
    let mut p = ds.projects[project as usize].part_of;
    while let Some(q) = p {
        if above[q as usize] == stamp || q == project {
            break;
        }
        above[q as usize] = stamp;
        p = ds.projects[q as usize].part_of;
    }
}

/// One sector's totals.
#[derive(Debug, Serialize, PartialEq)]
pub struct Sector {
    /// The sector path, or "(none)" for projects without one.
    pub sector: String,
    pub projects: usize,
    /// Distinct organisations taking part in the sector's projects.
    pub organisations: usize,
    /// Sum of the stated values, upper bounds (USD); `None` when no project of the sector
    /// states one (not $0: nothing is known).
    pub value_usd: Option<f64>,
    /// The same with its qualifier: "up to $125B".
    pub value: Option<String>,
    /// Projects with no stated value, not in the total.
    pub unvalued_projects: usize,
}

/// Money by sector, largest value first, ties by sector name.
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct Sectors(pub Vec<Sector>);

/// Totals per sector of the visible projects, grouped by the first `level` parts of the
/// sector path (0: the whole path).
pub fn sectors(view: &View, level: usize) -> Sectors {
    let ds = view.ds;
    let mut groups: BTreeMap<String, (usize, Vec<NodeId>, Option<Value>, usize)> = BTreeMap::new();
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
        group.1.extend(view.neighbors(n).map(|(e, _)| e));
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
                value_usd: total.map(|t| t.max_usd()),
                value: total.map(|t| t.to_string()),
                unvalued_projects: unvalued,
            }
        })
        .collect();
    // Sectors with no stated value last, as if below $0.
    let usd = |s: &Sector| s.value_usd.unwrap_or(f64::NEG_INFINITY);
    rows.sort_by(|a, b| usd(b).total_cmp(&usd(a)).then_with(|| a.sector.cmp(&b.sector)));
    Sectors(rows)
}
