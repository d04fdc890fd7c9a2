//! The node-link file read as JSON, one record at a time: the top-level object and its
//! `nodes`, `links` (or `edges`) and `graph.sources` arrays walked by hand, each record
//! handed to serde_json, so that every record keeps the line it starts on and an error
//! (serde's, a key given twice, a trailing comma) is placed at its line and column in the
//! whole file rather than in the record.

use serde::de::{Deserialize, IgnoredAny};

use crate::error::Diagnostic;
use crate::load::raw::{MapOnly, RawSource, Text};
use crate::load::scan::Scan;
use crate::load::{json, keys};

use super::values::{Link, Node};
use super::Document;

/// Reads the file into its records, or the first error, placed in the file.
pub(super) fn document<'a>(label: &str, text: &'a str) -> Result<Document<'a>, Failed> {
    Reader {
        label,
        text,
        s: Scan::new(text.as_bytes()),
        lines: Lines {
            text: text.as_bytes(),
            offset: 0,
            line: 1,
        },
    }
    .document()
}

/// Line numbers of byte offsets met in increasing order.
struct Lines<'t> {
    text: &'t [u8],
    offset: usize,
    line: usize,
}

impl Lines<'_> {
    fn at(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        if offset >= self.offset {
            self.line += self.text[self.offset..offset].iter().filter(|&&b| b == b'\n').count();
        } else {
            self.line = 1 + self.text[..offset].iter().filter(|&&b| b == b'\n').count();
        }
        self.offset = offset;
        self.line
    }
}

struct Reader<'l, 'a> {
    label: &'l str,
    text: &'a str,
    s: Scan<'a>,
    lines: Lines<'a>,
}

type Failed = Box<Diagnostic>;

impl<'a> Reader<'_, 'a> {
    fn error(&mut self, at: usize, message: String, help: &str) -> Failed {
        let line = self.lines.at(at);
        let start = self.text[..at].rfind('\n').map_or(0, |i| i + 1);
        let column = self.text[start..at].chars().count() + 1;
        Box::new(
            Diagnostic::error(message)
                .file(self.label)
                .at(Some((line, column)))
                .help(help),
        )
    }

    /// One value read here by serde_json; its error, placed in the file, if it is not one.
    fn value<T: Deserialize<'a>>(&mut self) -> Result<T, Failed> {
        self.s.ws();
        let start = self.s.pos;
        if let Some(value) = self.s.serde::<T>() {
            return Ok(value);
        }
        let rest = &self.text.as_bytes()[start..];
        let mut de = serde_json::Deserializer::from_slice(rest);
        let e = match T::deserialize(&mut de) {
            Err(e) => e,
            Ok(_) => return Err(self.error(start, "invalid JSON".into(), HELP)),
        };
        let full = e.to_string();
        let message = full.rfind(" at line ").map_or(&full[..], |i| &full[..i]).to_string();
        // The error's place, counted from the value's start.
        let before: usize = rest
            .split_inclusive(|&b| b == b'\n')
            .take(e.line().saturating_sub(1))
            .map(<[u8]>::len)
            .sum();
        let at = (start + before + e.column().saturating_sub(1)).min(self.text.len());
        let at = (0..=at).rev().find(|&i| self.text.is_char_boundary(i)).unwrap_or(0);
        if message == "trailing comma" {
            let comma = json::trailing_comma(self.text.as_bytes(), at);
            return Err(self.error(comma, json::TRAILING_COMMA.into(), json::TRAILING_COMMA_HELP));
        }
        if let Some(key) = keys::duplicated(&message) {
            // serde_json stops at the key's closing quote: point at its opening one.
            let at = keys::key_start(self.text.as_bytes(), at, key);
            return Err(self.error(at, message.clone(), keys::HELP));
        }
        Err(self.error(at, message, HELP))
    }

    fn expect(&mut self, byte: u8, what: &str) -> Result<(), Failed> {
        if self.s.eat(byte) {
            return Ok(());
        }
        let at = self.s.pos;
        Err(self.error(at, format!("invalid JSON: expected {what}"), HELP))
    }

    /// The members of an object, each key handed to `member` to read its value.
    fn object(&mut self, mut member: impl FnMut(&mut Self, &str) -> Result<(), Failed>) -> Result<(), Failed> {
        self.expect(b'{', "`{`")?;
        if self.s.eat(b'}') {
            return Ok(());
        }
        let mut seen: Vec<Text<'a>> = Vec::new();
        loop {
            self.s.ws();
            let at = self.s.pos;
            let key: Text<'a> = self.value()?;
            if seen.contains(&key) {
                return Err(self.error(at, keys::duplicate(&key), keys::HELP));
            }
            seen.push(key.clone());
            self.expect(b':', "`:`")?;
            member(self, &key)?;
            if self.comma(b'}')? {
                continue;
            }
            return self.expect(b'}', "`,` or `}`");
        }
    }

    /// The items of an array, each read by `item` with the line it starts on.
    fn array(&mut self, mut item: impl FnMut(&mut Self, usize) -> Result<(), Failed>) -> Result<(), Failed> {
        self.expect(b'[', "`[`")?;
        if self.s.eat(b']') {
            return Ok(());
        }
        loop {
            self.s.ws();
            let line = self.lines.at(self.s.pos);
            item(self, line)?;
            if self.comma(b']')? {
                continue;
            }
            return self.expect(b']', "`,` or `]`");
        }
    }

    /// Whether a comma comes next, and another item after it: a comma before `close` is
    /// an error at the comma.
    fn comma(&mut self, close: u8) -> Result<bool, Failed> {
        self.s.ws();
        let at = self.s.pos;
        if !self.s.eat(b',') {
            return Ok(false);
        }
        let after = self.s.pos;
        if self.s.eat(close) {
            return Err(self.error(at, json::TRAILING_COMMA.into(), json::TRAILING_COMMA_HELP));
        }
        self.s.pos = after;
        Ok(true)
    }

    fn document(&mut self) -> Result<Document<'a>, Failed> {
        let mut doc = Document::default();
        if self.text.starts_with('\u{feff}') {
            self.s.pos = 3;
        }
        self.object(|r, key| match key {
            "nodes" => r.array(|r, line| {
                let node: MapOnly<Node> = r.value()?;
                doc.nodes.push((node.0, line));
                Ok(())
            }),
            "links" | "edges" => r.array(|r, line| {
                let link: MapOnly<Link> = r.value()?;
                doc.links.push((link.0, line));
                Ok(())
            }),
            "graph" => r.object(|r, key| {
                if key != "sources" {
                    return r.value::<IgnoredAny>().map(drop);
                }
                r.array(|r, line| {
                    let source: MapOnly<RawSource> = r.value()?;
                    doc.sources.push((source.0, line));
                    Ok(())
                })
            }),
            _ => r.value::<IgnoredAny>().map(drop),
        })?;
        if !self.s.at_end() {
            let at = self.s.pos;
            return Err(self.error(at, "invalid JSON: trailing characters after the graph".into(), HELP));
        }
        Ok(doc)
    }
}

const HELP: &str = "node-link JSON is {\"nodes\": [{\"id\", \"name\", \"kind\", ...}], \"links\": [{\"source\", \"target\", ...}]}, as `partnet export --format json` writes it";
