//! `partnet components`: connected groups of organisations and projects, largest first.

use std::io::{self, Write};

use serde::Serialize;

use crate::error::Error;
use crate::filter::View;
use crate::model::NodeId;
use crate::output::{emit, Report, Table};

use super::{Context, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Show only the K largest groups.
    #[arg(long, value_name = "K")]
    pub top: Option<usize>,
}

/// The connected components of the view, each a list of nodes in index order, largest
/// first; ties broken by the smallest node index, so the order is stable.
///
/// Union-find over the visible edges: one pass over the edge list and one over the nodes,
/// with no walk of adjacency lists, which on a million nodes is several times faster than
/// a breadth-first search. Complexity: O((V + E) α(V)).
pub fn components(view: &View) -> Vec<Vec<NodeId>> {
    let n = view.ds.node_count();
    let mut parent: Vec<u32> = (0..n as u32).collect();
    for e in view.edges() {
        let (a, b) = view.graph.edge_ends(e);
        let (ra, rb) = (root(&mut parent, a.index() as u32), root(&mut parent, b.index() as u32));
        if ra != rb {
            parent[ra.max(rb) as usize] = ra.min(rb);
        }
    }
    // Nodes in index order: each group starts at its smallest node and comes out sorted.
    let mut group_of = vec![u32::MAX; n];
    let mut groups: Vec<Vec<NodeId>> = Vec::new();
    for node in view.nodes() {
        let r = root(&mut parent, node.index() as u32) as usize;
        if group_of[r] == u32::MAX {
            group_of[r] = groups.len() as u32;
            groups.push(Vec::new());
        }
        groups[group_of[r] as usize].push(node);
    }
    // Stable sort: equal sizes keep the order of their first node.
    groups.sort_by_key(|g| std::cmp::Reverse(g.len()));
    groups
}

/// The representative of `x`'s set, halving the path on the way.
fn root(parent: &mut [u32], mut x: u32) -> u32 {
    while parent[x as usize] != x {
        let up = parent[parent[x as usize] as usize];
        parent[x as usize] = up;
        x = up;
    }
    x
}

/// One connected group, by ids.
#[derive(Debug, Serialize)]
pub struct Component {
    pub size: usize,
    pub entities: Vec<String>,
    pub projects: Vec<String>,
}

#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct ComponentsReport(pub Vec<Component>);

pub fn report(view: &View, top: Option<usize>) -> ComponentsReport {
    let groups = components(view);
    let take = top.unwrap_or(groups.len());
    ComponentsReport(
        groups
            .into_iter()
            .take(take)
            .map(|g| {
                let (mut entities, mut projects) = (Vec::new(), Vec::new());
                for n in &g {
                    let node = view.ds.node(*n);
                    let list = if node.is_project() {
                        &mut projects
                    } else {
                        &mut entities
                    };
                    list.push(node.id().to_string());
                }
                entities.sort_unstable();
                projects.sort_unstable();
                Component {
                    size: g.len(),
                    entities,
                    projects,
                }
            })
            .collect(),
    )
}

impl Report for ComponentsReport {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut table = Table::new(&["#", "size", "entities", "projects", "members"])
            .right(0)
            .right(1)
            .right(2)
            .right(3);
        for (i, c) in self.0.iter().enumerate() {
            let mut members: Vec<&str> = c.entities.iter().map(String::as_str).collect();
            let shown = members.len().min(6);
            let more = members.len() - shown;
            members.truncate(shown);
            let mut text = members.join(", ");
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
        table.write(out)
    }
}

pub fn run(ctx: &Context, args: &Args, out: &mut dyn Write) -> Result<Outcome, Error> {
    let session = ctx.session()?;
    let report = report(&session.view(), args.top);
    emit(&report, ctx.json, out)?;
    Ok(if report.0.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}
