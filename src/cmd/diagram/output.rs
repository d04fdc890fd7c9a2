//! Where `partnet diagram` writes and in what form: the file or standard output (`-o -`),
//! the format (`--format`, or the file's extension), the checks of options the format or
//! engine would ignore or cannot honour (`--dpi`, `--size` of a PNG, `--layout` with the
//! built-in engine, `--max-nodes`), and the engine that renders an image: Graphviz, or
//! the built-in one when `dot` is missing. Not [`crate::output`], which prints answers.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::{Args, Engine, Format};
use crate::drawing::Plan;
use crate::error::Error;
use crate::render::{self, Image, BUILTIN_MAX_NODES};

/// Where `partnet diagram` with no options writes.
pub const DEFAULT_OUTPUT: &str = "output/partnerships.svg";

/// Where the diagram goes and in what format: `-o FILE` (`None` for `-o -`, standard
/// output), or with no options at all [`DEFAULT_OUTPUT`]; the format from `--format`, else
/// from the file's extension, else DOT. Refuses an extension that says another format than
/// `--format`, a file whose extension says none, and PNG or PDF bytes to a terminal.
pub(super) fn destination(args: &Args) -> Result<(Option<PathBuf>, Format), Error> {
    let given = crate::cmd::output_file(args.output.as_deref());
    let default_file = args.output.is_none()
        && args.format.is_none()
        && args.focus.is_empty()
        && args.path.is_none()
        && !args.projection;
    let output = match given {
        Some(path) => Some(path.to_path_buf()),
        None if default_file => Some(PathBuf::from(DEFAULT_OUTPUT)),
        // `-o -`: standard output.
        None => None,
    };
    let format = match (args.format, &output) {
        // An extension that names another format contradicts --format: refused, so that no
        // PNG is written under a .svg name. One partnet does not know (.txt, none) is fine.
        (Some(f), Some(path)) => match format_of(path) {
            Some(named) if named != f => {
                return Err(Error::usage(format!(
                    "--format {} and -o {}, whose extension says {}, conflict",
                    f.name(),
                    path.display(),
                    named.name()
                ))
                .with_help(format!(
                    "give one of them: drop --format (the extension decides), or name the file .{}",
                    f.name()
                )))
            }
            _ => f,
        },
        (Some(f), None) => f,
        (None, Some(path)) => format_of(path).ok_or_else(|| {
            Error::usage(format!(
                "cannot tell the format of {} from its extension",
                path.display()
            ))
            .with_help("name it .dot, .svg, .png, .pdf or .html, or give --format")
        })?,
        (None, None) => Format::Dot,
    };
    if output.is_none() && matches!(format, Format::Png | Format::Pdf) && std::io::stdout().is_terminal() {
        return Err(Error::usage(format!(
            "{} is binary: written to the terminal it would be garbage",
            if format == Format::Png { "PNG" } else { "PDF" }
        ))
        .with_help("give -o FILE, or redirect the output: partnet diagram --format png > diagram.png"));
    }
    Ok((output, format))
}

/// The format a file's extension names, if it names one partnet writes.
fn format_of(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "dot" | "gv" => Format::Dot,
        "svg" => Format::Svg,
        "png" => Format::Png,
        "pdf" => Format::Pdf,
        "html" | "htm" => Format::Html,
        _ => return None,
    })
}

/// What a format renders to: nothing for DOT, which streams; an HTML page holds an SVG.
pub(super) fn image(format: Format) -> Option<Image> {
    match format {
        Format::Dot => None,
        Format::Svg | Format::Html => Some(Image::Svg),
        Format::Png => Some(Image::Png),
        Format::Pdf => Some(Image::Pdf),
    }
}

/// The widest and tallest PNG Graphviz renders, in pixels (cairo's limit: Graphviz cuts a
/// larger one down to it, after spending seconds and gigabytes on it).
pub const MAX_PNG_PIXELS: f64 = 32767.0;

/// Refuses a PNG of `w` by `h` inches at `dpi` that Graphviz cannot render: `--size` is in
/// inches, and 800x600 meant as pixels is 800 by 600 inches.
fn png_fits(w: f64, h: f64, dpi: u32) -> Result<(), Error> {
    let (pw, ph) = (w * f64::from(dpi), h * f64::from(dpi));
    if pw.max(ph) <= MAX_PNG_PIXELS {
        return Ok(());
    }
    let max = MAX_PNG_PIXELS / f64::from(dpi);
    Err(Error::usage(format!(
        "--size {w}x{h} is in inches: at {dpi} dpi that is {pw:.0} by {ph:.0} pixels, more than the \
         {MAX_PNG_PIXELS} per side Graphviz can render (at most {max:.1} inches at {dpi} dpi)"
    ))
    .with_help(format!(
        "for {w}x{h} pixels at {dpi} dpi, give --size {}x{}",
        inches(w / f64::from(dpi)),
        inches(h / f64::from(dpi))
    )))
}

/// Inches with at most two decimals, as `--size` reads them.
fn inches(v: f64) -> String {
    let text = format!("{:.2}", v.max(0.01));
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Refuses options that the output format or the engine would silently ignore.
pub(super) fn check_options(args: &Args, format: Format) -> Result<(), Error> {
    if args.dpi.is_some() && !matches!(format, Format::Png | Format::Pdf) {
        return Err(
            Error::usage("--dpi applies to PNG and PDF only: SVG and HTML are vector drawings")
                .with_help("drop --dpi, or write --format png; --size sets the size of any drawing"),
        );
    }
    if let (Some((w, h)), Format::Png) = (args.size, format) {
        png_fits(w, h, args.dpi.unwrap_or(render::DEFAULT_PNG_DPI))?;
    }
    if args.layout.is_some() && args.engine == Engine::Builtin {
        return Err(
            Error::usage("--layout picks a Graphviz engine, but --engine builtin lays out without Graphviz")
                .with_help("drop one of --layout and --engine builtin"),
        );
    }
    Ok(())
}

/// Chooses the engine for an image, saying on stderr when Graphviz is missing and the
/// built-in engine stands in.
fn choose_engine(engine: Engine, image: Image) -> Result<Engine, Error> {
    match engine {
        Engine::Graphviz | Engine::Auto if render::dot_on_path() => Ok(Engine::Graphviz),
        Engine::Graphviz => Err(render::missing_graphviz(image)),
        Engine::Auto if image != Image::Svg => Err(render::missing_graphviz(image)),
        Engine::Auto => {
            eprintln!(
                "note: Graphviz's `dot` is not on PATH, so partnet draws with its built-in engine; \
                 for a better layout and PNG/PDF, {}",
                render::INSTALL_GRAPHVIZ
            );
            Ok(Engine::Builtin)
        }
        Engine::Builtin if image != Image::Svg => Err(Error::usage(format!(
            "the built-in engine draws SVG only, not {}",
            image.name()
        ))
        .with_help(format!("{}, or use --format svg", render::INSTALL_GRAPHVIZ))),
        Engine::Builtin => Ok(Engine::Builtin),
    }
}

/// Lays the drawing out as an image.
pub(super) fn render_image(
    d: &Plan,
    engine: Engine,
    image: Image,
    max_nodes: usize,
    dpi: Option<u32>,
) -> Result<(Vec<u8>, Engine), Error> {
    let n = d.node_count();
    let narrow = "draw part of it with --focus NAME or --path A B, narrow it with filters such as --sector, \
                  --country or --status, or draw organisations only with --projection; --format dot writes \
                  the whole graph";
    if n > max_nodes {
        return Err(Error::usage(format!(
            "the diagram has {n} nodes, more than --max-nodes {max_nodes} allows for a laid-out format"
        ))
        .with_help(format!("{narrow}; or raise --max-nodes")));
    }
    let engine = choose_engine(engine, image)?;
    match engine {
        Engine::Builtin if n > BUILTIN_MAX_NODES => Err(Error::usage(format!(
            "the diagram has {n} nodes; the built-in engine lays out at most {BUILTIN_MAX_NODES} in reasonable time"
        ))
        .with_help(format!("{}; or {narrow}", render::INSTALL_GRAPHVIZ))),
        Engine::Builtin => Ok((render::builtin::svg(&d.drawing())?.into_bytes(), engine)),
        _ => Ok((render::graphviz(d, image, dpi)?, Engine::Graphviz)),
    }
}
