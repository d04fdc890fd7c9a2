//! The interactive explorer: one self-contained HTML page that embeds the laid-out diagram
//! and the graph data, for `partnet diagram --format html`.
//!
//! The page makes no network request: its script and style are compiled in from
//! `assets/explorer.js` and `assets/explorer.css`, and a Content-Security-Policy allows
//! nothing but that one inline script (by its SHA-256 hash), inline styles and `data:`
//! images. Names are data: the graph travels as JSON in a
//! `<script type="application/json">` block with `<`, `>`, `&`, U+2028 and U+2029 escaped,
//! and the script builds the DOM with `textContent` only.
//!
//! The embedded data carries the node and edge indices the diagram's SVG uses in its
//! element ids (`n<k>` for node `k`, `e<k>` for edge `k`), so a click on the diagram maps
//! to the data and a selection can be highlighted in the diagram. An SVG without those ids
//! still gets search, panel, filters and chains, only without in-diagram highlighting.

mod data;

use base64_lite::encode as base64;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::filter::View;
use crate::query::partners::Ego;
use data::data;

const SCRIPT: &str = include_str!("../assets/explorer.js");
const STYLE: &str = include_str!("../assets/explorer.css");

/// The complete HTML page for `view` (or the part of it in `scope`: a focus or a chain),
/// embedding `svg` (Graphviz's or the built-in engine's
/// SVG markup; any XML prolog or DOCTYPE is dropped).
///
/// An SVG holding an element that could run code or load something (`<script>`,
/// `<foreignObject>`, `<iframe>`, ...) is not embedded: the page then says the diagram is
/// unavailable and still offers search, panel and chains.
pub fn page(view: &View, scope: Option<&Ego>, svg: &str) -> String {
    let data = json_for_html(&data(view, scope));
    let svg = match strip_prolog(svg) {
        Some(svg) if svg_is_safe(svg) => svg,
        _ => "<p class=\"no-diagram\">The diagram could not be embedded; search and the panel still work.</p>",
    };
    let csp = format!(
        "default-src 'none'; script-src '{}'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; \
         form-action 'none'",
        script_hash(SCRIPT)
    );
    let mut html = String::with_capacity(SCRIPT.len() + STYLE.len() + data.len() + svg.len() + 4096);
    html.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.push_str(&format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n"
    ));
    html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    html.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    html.push_str("<title>partnet explorer</title>\n<style>\n");
    html.push_str(STYLE);
    html.push_str("</style>\n</head>\n<body>\n");
    html.push_str(BODY);
    html.push_str("<div id=\"diagram\" tabindex=\"0\" role=\"region\" ");
    html.push_str("aria-label=\"Diagram: drag to pan, wheel or + and - to zoom, 0 to fit\">\n");
    html.push_str(svg.trim_end());
    html.push_str("\n</div>\n</main>\n<script type=\"application/json\" id=\"partnet-data\">");
    html.push_str(&data);
    html.push_str("</script>\n<script>");
    html.push_str(SCRIPT);
    html.push_str("</script>\n</body>\n</html>\n");
    html
}

/// The page's fixed markup before the diagram: header, search, filters and side panel.
/// Everything that comes from the data is added by the script, as text.
const BODY: &str = r#"<header>
<h1>partnet <span>explorer</span></h1>
<div class="search" role="search">
<label for="search" class="sr-only">Search organisations and projects</label>
<input id="search" type="search" placeholder="Search organisations and projects…" autocomplete="off" spellcheck="false" aria-controls="results" aria-describedby="result-count">
<ul id="results" hidden></ul>
<span id="result-count" class="sr-only" aria-live="polite"></span>
</div>
<div class="filters">
<label>Sector <select id="f-sector"><option value="">all</option></select></label>
<label>Country <select id="f-country"><option value="">all</option></select></label>
<label>Status <select id="f-status"><option value="">all</option></select></label>
<span class="when" id="when" hidden>
<label for="f-date">Known by</label>
<input id="f-date" type="range" min="0" max="0" step="1" value="0" aria-describedby="f-date-label">
<output id="f-date-label" for="f-date">all dates</output>
<button type="button" id="play" title="Step through the dates">▶ Play</button>
</span>
</div>
<p id="counts" aria-live="polite"></p>
</header>
<main>
<aside id="side">
<section id="step" aria-live="polite" hidden></section>
<section id="chain" aria-labelledby="chain-title" hidden>
<h2 id="chain-title">Chain</h2>
<div id="chain-ends"></div>
<div id="chain-body"></div>
</section>
<section id="panel" aria-live="polite"></section>
</aside>
<div class="zoom" role="group" aria-label="Zoom">
<button type="button" id="zoom-in" title="Zoom in (+)">+</button>
<button type="button" id="zoom-out" title="Zoom out (-)">−</button>
<button type="button" id="zoom-fit" title="Fit the diagram (0)">fit</button>
<button type="button" id="save-svg" title="Download this view as SVG">↓ SVG</button>
<button type="button" id="save-png" title="Download this view as PNG">↓ PNG</button>
</div>
"#;

/// JSON that can sit inside a `<script>` element: `<`, `>` and `&` can only occur inside
/// JSON strings, where their `\u` escapes mean the same; U+2028 and U+2029 are escaped too
/// so the text stays valid in any JavaScript context.
fn json_for_html<T: Serialize>(value: &T) -> String {
    let json = serde_json::to_string(value).expect("the page data always serializes");
    let mut out = String::with_capacity(json.len() + json.len() / 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// The CSP source expression that allows exactly this inline script.
fn script_hash(script: &str) -> String {
    format!("sha256-{}", base64(&Sha256::digest(script.as_bytes())))
}

/// The SVG element itself: everything before `<svg` (XML prolog, DOCTYPE, comments) goes.
fn strip_prolog(svg: &str) -> Option<&str> {
    let start = svg.find("<svg")?;
    Some(&svg[start..])
}

/// Whether every tag in the SVG is a drawing element. Graphviz and layout-rs escape `<` in
/// text and attributes, so every `<` starts a tag they wrote; this check keeps a producer
/// bug from turning a name into markup that could run or load anything.
fn svg_is_safe(svg: &str) -> bool {
    const ALLOWED: &[&str] = &[
        "svg",
        "g",
        "title",
        "desc",
        "path",
        "polygon",
        "polyline",
        "line",
        "ellipse",
        "circle",
        "rect",
        "text",
        "tspan",
        "textpath",
        "defs",
        "marker",
        "style",
        "clippath",
        "lineargradient",
        "radialgradient",
        "stop",
        "a",
        "metadata",
    ];
    let mut rest = svg;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            match comment.find("-->") {
                Some(end) => rest = &comment[end + 3..],
                None => return false,
            }
            continue;
        }
        let name_part = rest.strip_prefix('/').unwrap_or(rest);
        let len = name_part
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == ':' || c == '-'))
            .unwrap_or(name_part.len());
        let name = name_part[..len].to_ascii_lowercase();
        let local = name.rsplit(':').next().unwrap_or("");
        if !ALLOWED.contains(&local) {
            return false;
        }
    }
    true
}

/// Standard base64 with padding (RFC 4648), for the CSP hash.
mod base64_lite {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    pub fn encode(bytes: &[u8]) -> String {
        let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
    }

    #[test]
    fn script_hash_is_the_csp_form_of_sha256() {
        // printf 'alert(1)' | openssl dgst -sha256 -binary | base64
        assert_eq!(
            script_hash("alert(1)"),
            "sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI="
        );
    }

    #[test]
    fn json_cannot_close_the_script_element() {
        let text = json_for_html(&["</script><!--", "a&b>", "\u{2028}\u{2029}"]);
        assert_eq!(
            text,
            r#"["\u003c/script\u003e\u003c!--","a\u0026b\u003e","\u2028\u2029"]"#
        );
        let back: Vec<String> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, ["</script><!--", "a&b>", "\u{2028}\u{2029}"]);
    }

    #[test]
    fn script_and_style_cannot_end_their_elements_early() {
        let script = SCRIPT.to_ascii_lowercase();
        for bad in ["</script", "<script", "<!--"] {
            assert!(!script.contains(bad), "assets/explorer.js contains {bad:?}");
        }
        assert!(!STYLE.to_ascii_lowercase().contains("</style"));
    }

    #[test]
    fn prolog_and_doctype_are_dropped() {
        let svg = concat!(
            "<?xml version=\"1.0\"?>\n",
            "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"x\">\n<!-- c -->\n<svg a=\"1\"></svg>"
        );
        assert_eq!(strip_prolog(svg), Some("<svg a=\"1\"></svg>"));
        assert_eq!(strip_prolog("no svg here"), None);
    }

    #[test]
    fn svg_with_active_content_is_refused() {
        let ok = "<svg><!-- a&#45;&gt;b --><g id=\"n0\" class=\"node entity\"><title>&lt;script&gt;</title>\
                  <text>x</text></g><svg:a xlink:href=\"#n1\"/></svg>";
        assert!(svg_is_safe(ok));
        for bad in [
            "<svg><script>alert(1)</script></svg>",
            "<svg><SCRIPT>alert(1)</SCRIPT></svg>",
            "<svg><foreignObject><img src=x></foreignObject></svg>",
            "<svg><svg:script/></svg>",
            "<svg><!-- unterminated",
            "<svg><iframe/></svg>",
        ] {
            assert!(!svg_is_safe(bad), "{bad}");
        }
    }
}
