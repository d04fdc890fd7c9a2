//! The questions partnet answers, as functions from a [`View`](crate::filter::View) of the
//! graph to plain result structs, in the manner of petgraph's `algo`: no terminal, no
//! command line, no output format. The commands (`crate::cmd`) call them and print what
//! they return; the exports, drawings and the explorer call the same functions.
//!
//! - [`partners`]: who works with whom, and ego networks (one walk for all of them);
//! - [`paths`]: shortest chains between two nodes;
//! - [`components`]: connected groups;
//! - [`centrality`]: betweenness, exact or sampled;
//! - [`rank`]: organisations by partners, projects, betweenness or value;
//! - [`money`]: values added up per organisation and per sector;
//! - [`stats`], [`list`], [`describe`]: counts, lists and one node in full;
//! - [`changes`], [`timeline`]: what a window of dates added or moved, and one node's dated
//!   events;
//! - [`facts`]: the shared views of a node, a link and a source;
//! - [`known`]: when a node became known, the one rule `--as-of`, `changes` and `timeline`
//!   date organisations and projects by.

pub mod centrality;
pub mod changes;
pub mod components;
pub mod describe;
pub mod facts;
pub mod known;
pub mod list;
pub mod money;
pub mod partners;
pub mod paths;
pub mod rank;
pub mod stats;
pub mod timeline;
