//! A one-pass reader of dataset records, for the streaming loader (`super::stream`).
//!
//! serde_json reads a record through layers of visitors: for the millions of small flat
//! records of a large file, that costs more than reading the text itself. This reader takes
//! the shape such files have: an object whose keys are the record's own field names, each
//! once and without escapes. Values that are plain strings (no escapes) or lists of them are
//! read here; any other value is read by serde_json at that place. A record of another
//! shape (an escaped, unknown or repeated key, a missing field, a syntax error) is read
//! again by serde_json from its start, so serde_json judges everything this reader does not
//! take, and both give the same record.
//!
//! This module is the reader ([`Scan`]) and the frame of a record ([`Record`], [`record`]);
//! `classify` finds where a plain string ends, 16 bytes at a time, and `records` holds the
//! five record types' keys and fields.

use std::borrow::Cow;

use serde::Deserialize;

use super::raw::{MapOnly, Stated, Text};
use crate::value::Value;

mod classify;
mod records;

use classify::{classify, plain_end};

/// A reading position in a JSON text, given as bytes that are not yet known to be UTF-8:
/// each string read is checked as it is taken (most are ASCII, which the search for their
/// end already tells), and serde_json checks what it reads. Checking the whole file first
/// would be a pass of its own over hundreds of megabytes before the parsing starts.
pub(super) struct Scan<'t> {
    bytes: &'t [u8],
    /// Byte offset of the next byte to read.
    pub(super) pos: usize,
}

impl<'t> Scan<'t> {
    pub(super) fn new(bytes: &'t [u8]) -> Scan<'t> {
        Scan { bytes, pos: 0 }
    }

    /// Whether only whitespace is left.
    pub(super) fn at_end(&mut self) -> bool {
        self.ws();
        self.pos == self.bytes.len()
    }

    /// Skips JSON whitespace.
    pub(super) fn ws(&mut self) {
        let bytes = self.bytes;
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    /// Skips whitespace, then `byte` if it comes next.
    pub(super) fn eat(&mut self, byte: u8) -> bool {
        self.ws();
        let next = self.bytes.get(self.pos) == Some(&byte);
        self.pos += usize::from(next);
        next
    }

    /// A string with no escapes and no control characters, borrowed from the text. `None`
    /// for anything else (invalid UTF-8 included), with the position unchanged.
    pub(super) fn plain(&mut self) -> Option<&'t str> {
        let bytes = self.bytes;
        if bytes.get(self.pos) != Some(&b'"') {
            return None;
        }
        let (end, ascii) = plain_end(bytes, self.pos + 1)?;
        let inside = &bytes[self.pos + 1..end];
        let s = if ascii {
            // SAFETY: every byte is below 0x80 (`plain_end` saw no high bit): ASCII.
            unsafe { std::str::from_utf8_unchecked(inside) }
        } else {
            std::str::from_utf8(inside).ok()?
        };
        self.pos = end + 1;
        Some(s)
    }

    /// One JSON value read by serde_json from here, leading whitespace included.
    pub(super) fn serde<T: Deserialize<'t>>(&mut self) -> Option<T> {
        let mut values = serde_json::Deserializer::from_slice(self.bytes.get(self.pos..)?).into_iter::<T>();
        let value = values.next()?.ok()?;
        self.pos += values.byte_offset();
        Some(value)
    }

    #[inline]
    fn text(&mut self) -> Option<Text<'t>> {
        match self.plain() {
            Some(s) => Some(Text(Cow::Borrowed(s))),
            None => self.serde(),
        }
    }

    #[inline]
    fn optional(&mut self) -> Option<Option<Text<'t>>> {
        match self.plain() {
            Some(s) => Some(Some(Text(Cow::Borrowed(s)))),
            None => self.serde(),
        }
    }

    /// A project's value: a plain string parsed here (and kept, as the file states it),
    /// anything else read by serde_json (which parses a string the same way, and judges an
    /// invalid one).
    #[inline]
    fn value(&mut self) -> Option<Option<Stated<'t>>> {
        let start = self.pos;
        if let Some(s) = self.plain() {
            if let Ok(value) = s.parse::<Value>() {
                let text = Some(Text(Cow::Borrowed(s)));
                return Some(Some(Stated { value, text }));
            }
        }
        self.pos = start;
        self.serde()
    }

    #[inline]
    fn list(&mut self) -> Option<Vec<Text<'t>>> {
        let start = self.pos;
        if self.eat(b'[') {
            let mut list = Vec::new();
            if self.eat(b']') {
                return Some(list);
            }
            loop {
                self.ws();
                let Some(s) = self.plain() else { break };
                list.push(Text(Cow::Borrowed(s)));
                if self.eat(b',') {
                    continue;
                }
                if self.eat(b']') {
                    return Some(list);
                }
                break;
            }
            self.pos = start;
        }
        self.serde()
    }

    /// The index in `keys` of the key at the position; an escaped or unknown key is not
    /// the plain shape.
    fn key(&mut self, keys: &[Key]) -> Option<usize> {
        let bytes = self.bytes;
        if bytes.get(self.pos) != Some(&b'"') {
            return None;
        }
        // A key of up to 15 bytes ends in the 16 bytes after its quote: it is compared as
        // one number, with no call to memcmp.
        if let Some(chunk) = bytes.get(self.pos + 1..self.pos + 17) {
            let chunk: &[u8; 16] = chunk.try_into().ok()?;
            let classes = classify(chunk);
            if let Some(len) = classes.before_first_hit().filter(|&n| classes.quotes >> n & 1 == 1) {
                // The keys are ASCII: a name with any other byte matches none of them.
                let len = len as usize;
                let name = u128::from_le_bytes(*chunk) & ((1 << (8 * len)) - 1);
                self.pos += len + 2;
                return keys.iter().position(|k| k.word == name && k.name.len() == len);
            }
        }
        let name = self.plain()?;
        keys.iter().position(|k| k.name == name)
    }

    /// Reads an object of the plain shape, handing the index in `keys` of each key to
    /// `field`, which reads the value. `None` when the object is not of that shape.
    fn object(&mut self, keys: &[Key], mut field: impl FnMut(&mut Self, usize) -> Option<()>) -> Option<()> {
        if !self.eat(b'{') {
            return None;
        }
        if self.eat(b'}') {
            return Some(());
        }
        loop {
            self.ws();
            let key = self.key(keys)?;
            if !self.eat(b':') {
                return None;
            }
            self.ws();
            field(self, key)?;
            if self.eat(b',') {
                continue;
            }
            return self.eat(b'}').then_some(());
        }
    }
}

/// A key a record takes, with its bytes as a little-endian number.
pub(super) struct Key {
    name: &'static str,
    word: u128,
}

impl Key {
    const fn new(name: &'static str) -> Key {
        let bytes = name.as_bytes();
        assert!(bytes.len() <= 16);
        let mut word = 0u128;
        let mut i = bytes.len();
        while i > 0 {
            i -= 1;
            word = word << 8 | bytes[i] as u128;
        }
        Key { name, word }
    }
}

/// Sets a field read once; a second time is not the plain shape.
fn once<T>(slot: &mut Option<T>, value: Option<T>) -> Option<()> {
    if slot.is_some() {
        return None;
    }
    *slot = Some(value?);
    Some(())
}

/// A record type this module reads (the five are in `records`).
pub(super) trait Record<'t>: Deserialize<'t> {
    /// The record's keys, in the order of [`super::raw::FIELDS`].
    const KEYS: &'static [Key];

    /// The record at the position, if it has the plain shape.
    fn scan(s: &mut Scan<'t>) -> Option<Self>;
}

/// The record at the position: read in one pass, or by serde_json when it is not of the
/// plain shape. `None` when serde_json cannot read it either.
pub(super) fn record<'t, T: Record<'t>>(s: &mut Scan<'t>) -> Option<T> {
    let start = s.pos;
    if let Some(record) = T::scan(s) {
        return Some(record);
    }
    s.pos = start;
    s.serde::<MapOnly<T>>().map(|m| m.0)
}
