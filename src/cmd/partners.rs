//! `partnet partners NAME`: who works with whom. Depth 1 is every organisation sharing a
//! project with NAME; depth 2 adds their partners, and so on.

use std::io::{self, Write};

use serde::Serialize;

use crate::error::Error;
use crate::filter::View;
use crate::model::NodeId;
use crate::names::{fold, resolve};
use crate::output::{emit, Report, Table};

use super::{Context, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The organisation: id, name or alias.
    pub name: String,
    /// How many project hops away to look (1 = direct partners).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
    pub depth: u32,
}

/// A partner found at some depth.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub node: NodeId,
    pub depth: u32,
    /// Projects shared with the origin (depth 1 only), in neighbour order.
    pub shared: Vec<NodeId>,
}

/// The organisations within `depth` project hops of `origin`, in breadth-first order.
///
/// Each project is expanded once, so a hub in a 200-member consortium costs one pass over
/// the consortium, not 200 × 200. Complexity: O(V + E) of the visible graph.
pub fn partners(view: &View, origin: NodeId, depth: u32) -> Vec<Found> {
    let n = view.ds.node_count();
    let mut slot: Vec<u32> = vec![u32::MAX; n];
    let mut expanded = vec![false; n];
    let mut found: Vec<Found> = Vec::new();
    slot[origin.index()] = u32::MAX - 1;
    let mut frontier = vec![origin];
    for d in 1..=depth {
        let mut next = Vec::new();
        for &entity in &frontier {
            for (project, _) in view.neighbors(entity) {
                if expanded[project.index()] {
                    continue;
                }
                expanded[project.index()] = true;
                for (member, _) in view.neighbors(project) {
                    match slot[member.index()] {
                        u32::MAX => {
                            slot[member.index()] = found.len() as u32;
                            let shared = if d == 1 { vec![project] } else { Vec::new() };
                            found.push(Found {
                                node: member,
                                depth: d,
                                shared,
                            });
                            next.push(member);
                        }
                        i if d == 1 && (i as usize) < found.len() => found[i as usize].shared.push(project),
                        _ => {}
                    }
                }
            }
        }
        if next.is_empty() {
            break;
        }
        frontier = next;
    }
    found
}

#[derive(Debug, Serialize)]
pub struct EntityRef {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Serialize)]
pub struct Partner {
    pub id: String,
    pub name: String,
    pub depth: u32,
    pub shared_projects: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct PartnersReport {
    pub entity: EntityRef,
    pub partners: Vec<Partner>,
}

/// Resolves the name and lists the partners, by depth, then name, then id.
pub fn report(view: &View, name: &str, depth: u32) -> Result<PartnersReport, Error> {
    let ds = view.ds;
    let origin = resolve(ds, name)?;
    let node = ds.node(origin);
    if node.is_project() {
        return Err(Error::usage(format!(
            "{:?} is a project; partners are found for organisations",
            node.id()
        ))
        .with_help(format!("run `partnet show {}` to list its participants", node.id())));
    }
    if !view.contains(origin) {
        return Err(Error::not_found(format!("{:?} is hidden by the filters", node.id()))
            .with_help("drop or widen --sector, --country, --kind, --status, --role or --as-of"));
    }
    let mut partners: Vec<Partner> = partners(view, origin, depth)
        .into_iter()
        .map(|f| {
            let mut shared: Vec<String> = f.shared.iter().map(|&p| ds.node(p).id().to_string()).collect();
            shared.sort_unstable();
            let node = ds.node(f.node);
            Partner {
                id: node.id().to_string(),
                name: node.name().to_string(),
                depth: f.depth,
                shared_projects: shared,
            }
        })
        .collect();
    partners.sort_by_cached_key(|p| (p.depth, fold(&p.name).into_owned(), p.id.clone()));
    Ok(PartnersReport {
        entity: EntityRef {
            id: node.id().to_string(),
            name: node.name().to_string(),
        },
        partners,
    })
}

impl Report for PartnersReport {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        if self.partners.is_empty() {
            return writeln!(out, "{} has no partners", crate::text::clean(&self.entity.name));
        }
        let mut table = Table::new(&["depth", "partner", "id", "shared projects"]).right(0);
        for p in &self.partners {
            table.row([
                p.depth.to_string(),
                p.name.clone(),
                p.id.clone(),
                p.shared_projects.join(", "),
            ]);
        }
        table.write(out)
    }
}

pub fn run(ctx: &Context, args: &Args, out: &mut dyn Write) -> Result<Outcome, Error> {
    let session = ctx.session()?;
    let report = report(&session.view(), &args.name, args.depth)?;
    emit(&report, ctx.json, out)?;
    Ok(if report.partners.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}
