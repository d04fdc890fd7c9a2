//! partnet: a partnership-graph explorer.
//!
//! Companies, agencies, governments and projects are nodes of a [`petgraph`] graph;
//! participation edges link an organisation to a project, each with its role, status and
//! the sources that report it. The library loads and validates datasets ([`load`]), builds
//! the graph ([`graph`]), filters it ([`filter`]), resolves names ([`names`]) and answers
//! questions ([`query`]), each a function from a view of the graph to a serializable
//! result; [`export`], [`drawing`] and [`explorer`] turn views into files, and [`cmd`] is
//! the command line on top. ARCHITECTURE.md describes the layers.

// Loading errors carry a whole `Diagnostic` (file, position, message, help). They are rare
// and end the run, so the size of the `Err` variant costs nothing worth boxing for.
#![allow(clippy::result_large_err)]
// Every unsafe block says why it is sound.
#![deny(clippy::undocumented_unsafe_blocks)]

pub mod cli;
pub mod cmd;
pub mod country;
pub mod dot;
pub mod drawing;
pub mod error;
pub mod explorer;
pub mod export;
pub mod filter;
pub mod graph;
pub mod load;
pub mod model;
pub mod names;
pub mod output;
mod prefetch;
pub mod query;
pub mod render;
pub mod rollup;
pub mod text;
pub mod value;
pub mod vocab;
pub mod write;
