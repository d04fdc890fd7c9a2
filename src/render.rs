//! Laying a drawing out and rendering it: with Graphviz (the engine the plan names:
//! `dot`, `neato`, `fdp` or `sfdp`) through graphviz-rust, or with the built-in engine ([`builtin`], pure Rust, SVG
//! only) when Graphviz is not installed.
//!
//! graphviz-rust runs `dot` from `PATH`; when it is missing, the error it returns is a bare
//! "No such file or directory". [`graphviz`] turns that into a message that says Graphviz
//! is missing and how to install it.

use std::io;
use std::path::Path;

use graphviz_rust::cmd::{CommandArg, Format, Layout};
use graphviz_rust::printer::PrinterContext;

use crate::drawing::Plan;
use crate::error::Error;

pub mod builtin;

/// Above this many nodes the built-in engine refuses: its layout takes seconds at 150
/// nodes and over a minute at 500.
pub const BUILTIN_MAX_NODES: usize = 150;

/// How to install Graphviz, for messages.
pub const INSTALL_GRAPHVIZ: &str =
    "install Graphviz (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz; \
     https://graphviz.org/download/)";

/// What a rendered diagram is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Image {
    Svg,
    Png,
    Pdf,
}

impl Image {
    pub fn name(self) -> &'static str {
        match self {
            Image::Svg => "SVG",
            Image::Png => "PNG",
            Image::Pdf => "PDF",
        }
    }
}

/// Whether Graphviz's `dot` is an executable file in one of the `PATH` directories.
pub fn dot_on_path() -> bool {
    let Some(path) = std::env::var_os("PATH") else {
        return false;
    };
    std::env::split_paths(&path).any(|dir| ["dot", "dot.exe"].iter().any(|name| is_executable(&dir.join(name))))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}

/// The graphviz-rust engine of a plan's layout.
pub fn layout_for(d: &Plan) -> Layout {
    match d.layout {
        crate::drawing::Layout::Dot => Layout::Dot,
        crate::drawing::Layout::Neato => Layout::Neato,
        crate::drawing::Layout::Fdp => Layout::Fdp,
        crate::drawing::Layout::Sfdp => Layout::Sfdp,
    }
}

/// PNG resolution by default: twice the SVG's 72 points per inch, sharp on the
/// high-density screens most readers of a web article have.
pub const DEFAULT_PNG_DPI: u32 = 144;

/// Renders a drawing with Graphviz, with the engine the plan names; a PNG at `dpi` dots
/// per inch ([`DEFAULT_PNG_DPI`] if none), a PDF's raster parts too if given.
pub fn graphviz(d: &Plan, image: Image, dpi: Option<u32>) -> Result<Vec<u8>, Error> {
    let format = match image {
        Image::Svg => Format::Svg,
        Image::Png => Format::Png,
        Image::Pdf => Format::Pdf,
    };
    let mut args = vec![CommandArg::Format(format), CommandArg::Layout(layout_for(d))];
    let dpi = match image {
        Image::Png => Some(dpi.unwrap_or(DEFAULT_PNG_DPI)),
        Image::Pdf => dpi,
        // An SVG is vector: its size stays in points, whatever the resolution.
        Image::Svg => None,
    };
    if let Some(dpi) = dpi {
        args.push(CommandArg::Custom(format!("-Gdpi={dpi}")));
    }
    graphviz_rust::exec(crate::dot::graph(d), &mut PrinterContext::default(), args)
        .map_err(|e| graphviz_error(&e, image))
}

/// Explains a failure to run Graphviz.
pub fn graphviz_error(e: &io::Error, image: Image) -> Error {
    if e.kind() == io::ErrorKind::NotFound {
        return missing_graphviz(image);
    }
    let detail = e.to_string();
    let detail = detail.trim();
    Error::environment(format!(
        "Graphviz could not draw the diagram: {}",
        if detail.is_empty() {
            "it failed without a message"
        } else {
            detail
        }
    ))
    .with_help("run `partnet diagram --format dot` to get the DOT text, and report the problem")
}

/// The error for a rendering that needs Graphviz when `dot` is not installed.
pub fn missing_graphviz(image: Image) -> Error {
    let help = match image {
        Image::Svg => format!("{INSTALL_GRAPHVIZ}; or draw with the built-in engine: --engine builtin"),
        _ => format!("{INSTALL_GRAPHVIZ}; without it, partnet draws SVG only (--format svg)"),
    };
    Error::environment(format!(
        "{} needs Graphviz, and its `dot` program is not on PATH",
        image.name()
    ))
    .with_help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_dot_is_explained_not_passed_on() {
        // What graphviz-rust returns when `dot` is not on PATH.
        let bare = io::Error::from(io::ErrorKind::NotFound);
        let message = graphviz_error(&bare, Image::Png).to_string();
        assert!(message.contains("PNG needs Graphviz"), "{message}");
        assert!(message.contains("apt-get install graphviz") && message.contains("brew install graphviz"));
        assert!(!message.contains("No such file"), "{message}");
        let svg = graphviz_error(&bare, Image::Svg).to_string();
        assert!(svg.contains("--engine builtin"), "{svg}");
        let failed = graphviz_error(&io::Error::other("Error: syntax error in line 3"), Image::Svg).to_string();
        assert!(
            failed.contains("Graphviz could not draw the diagram: Error: syntax error"),
            "{failed}"
        );
    }
}
