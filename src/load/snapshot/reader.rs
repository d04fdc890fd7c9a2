//! A cursor over one section of a snapshot: bounds-checked reads of its numbers, texts,
//! indices and dates, and the CRC and the mapped pages of what it has read.

use crate::load::file::Contents;
use crate::model::{Date, Span};
use crate::value::{Qualifier, Value, CEILING};

use super::NONE;

/// What is wrong in a snapshot, and at which byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Corrupt {
    pub at: u64,
    pub what: &'static str,
}

/// A cursor over one section; `base` is the section's offset in the file, for messages.
///
/// As it goes ([`Reader::settle`]) it adds what it has read to the section's CRC-32, while
/// those bytes are in cache, and, over a mapped file, gives their pages back and maps the
/// next ones in ahead of it: a snapshot is never resident whole beside its dataset.
pub(super) struct Reader<'a> {
    pub bytes: &'a [u8],
    pub at: usize,
    pub base: u64,
    file: Option<&'a Contents>,
    crc: crc32fast::Hasher,
    hashed: usize,
    released: usize,
    populated: usize,
}

/// How much a reader reads before it gives the pages back.
const RELEASE_STEP: usize = 4 << 20;

impl<'a> Reader<'a> {
    pub(super) fn new(bytes: &'a [u8], base: u64) -> Reader<'a> {
        Reader {
            bytes,
            at: 0,
            base,
            file: None,
            crc: crc32fast::Hasher::new(),
            hashed: 0,
            released: 0,
            populated: usize::MAX,
        }
    }

    /// A reader of `range` of the file.
    pub(super) fn over(file: &'a Contents, range: std::ops::Range<usize>) -> Reader<'a> {
        Reader {
            file: Some(file),
            populated: 0,
            ..Reader::new(&file[range.clone()], range.start as u64)
        }
    }

    /// Adds what was read since the last call to the CRC, and moves the window of mapped
    /// pages along. Cheap enough to call every few records.
    pub(super) fn settle(&mut self) {
        self.crc.update(&self.bytes[self.hashed..self.at]);
        self.hashed = self.at;
        let Some(file) = self.file else { return };
        let base = self.base as usize;
        if self.at - self.released >= RELEASE_STEP {
            file.release(base + self.released..base + self.at);
            self.released = self.at;
        }
        if self.at + Contents::AHEAD / 2 >= self.populated && self.populated < self.bytes.len() {
            file.populate(base + self.populated);
            self.populated += Contents::AHEAD;
        }
    }

    /// The CRC-32 of the whole section, whose pages are then given back.
    pub(super) fn finish(mut self) -> crc32fast::Hasher {
        self.at = self.bytes.len();
        self.settle();
        if let Some(file) = self.file {
            let base = self.base as usize;
            file.release(base + self.released..base + self.bytes.len());
        }
        self.crc
    }

    pub(super) fn fail<T>(&self, what: &'static str) -> Result<T, Corrupt> {
        Err(Corrupt {
            at: self.base + self.at as u64,
            what,
        })
    }

    /// Fails unless the section has been read to its end.
    pub(super) fn end(&self, what: &'static str) -> Result<(), Corrupt> {
        if self.at == self.bytes.len() {
            Ok(())
        } else {
            self.fail(what)
        }
    }

    pub(super) fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], Corrupt> {
        match self.bytes.get(self.at..self.at.saturating_add(n)) {
            Some(b) => {
                self.at += n;
                Ok(b)
            }
            None => self.fail(what),
        }
    }

    fn array<const N: usize>(&mut self, what: &'static str) -> Result<[u8; N], Corrupt> {
        Ok(self.take(N, what)?.try_into().expect("N bytes"))
    }

    pub(super) fn u8(&mut self, what: &'static str) -> Result<u8, Corrupt> {
        Ok(self.array::<1>(what)?[0])
    }

    pub(super) fn u16(&mut self, what: &'static str) -> Result<u16, Corrupt> {
        self.array(what).map(u16::from_le_bytes)
    }

    pub(super) fn u32(&mut self, what: &'static str) -> Result<u32, Corrupt> {
        self.array(what).map(u32::from_le_bytes)
    }

    pub(super) fn u64(&mut self, what: &'static str) -> Result<u64, Corrupt> {
        self.array(what).map(u64::from_le_bytes)
    }

    pub(super) fn f64(&mut self, what: &'static str) -> Result<f64, Corrupt> {
        self.u64(what).map(f64::from_bits)
    }

    /// A count of items of at least `min` bytes each: one the section cannot hold is
    /// refused before anything is allocated for it.
    pub(super) fn count(&mut self, min: usize, what: &'static str) -> Result<usize, Corrupt> {
        let n = self.u32(what)? as usize;
        if n.saturating_mul(min.max(1)) > self.bytes.len() - self.at {
            return self.fail(what);
        }
        Ok(n)
    }

    pub(super) fn str(&mut self, what: &'static str) -> Result<&'a str, Corrupt> {
        let len = self.u32(what)?;
        self.text(len, what)
    }

    fn text(&mut self, len: u32, what: &'static str) -> Result<&'a str, Corrupt> {
        let start = self.at;
        let bytes = self.take(len as usize, what)?;
        std::str::from_utf8(bytes).or_else(|_| {
            self.at = start;
            self.fail(what)
        })
    }

    pub(super) fn opt_str(&mut self, what: &'static str) -> Result<Option<&'a str>, Corrupt> {
        match self.u32(what)? {
            NONE => Ok(None),
            len => self.text(len, what).map(Some),
        }
    }

    pub(super) fn boxed(&mut self, what: &'static str) -> Result<Option<Box<str>>, Corrupt> {
        Ok(self.opt_str(what)?.map(Box::from))
    }

    /// An index below `limit`.
    pub(super) fn index(&mut self, limit: usize, what: &'static str) -> Result<u32, Corrupt> {
        let i = self.u32(what)?;
        if (i as usize) < limit {
            Ok(i)
        } else {
            self.fail(what)
        }
    }

    /// An optional index, written as index + 1 (0 for none), below `limit`.
    pub(super) fn opt_index(&mut self, limit: usize, what: &'static str) -> Result<Option<u32>, Corrupt> {
        match self.u32(what)? {
            0 => Ok(None),
            i if ((i - 1) as usize) < limit => Ok(Some(i - 1)),
            _ => {
                self.at -= 4;
                self.fail(what)
            }
        }
    }

    pub(super) fn date(&mut self, what: &'static str) -> Result<Option<Date>, Corrupt> {
        match self.u32(what)? {
            0 => Ok(None),
            bits => match Date::from_bits(bits) {
                Some(d) => Ok(Some(d)),
                None => {
                    self.at -= 4;
                    self.fail(what)
                }
            },
        }
    }

    pub(super) fn span(&mut self, refs: usize, what: &'static str) -> Result<Span, Corrupt> {
        let span = Span {
            start: self.u32(what)?,
            len: self.u16(what)?,
        };
        if span.range().end <= refs {
            Ok(span)
        } else {
            self.at -= 6;
            self.fail(what)
        }
    }

    pub(super) fn value(&mut self, what: &'static str) -> Result<Option<Value>, Corrupt> {
        let tag = self.u8(what)?;
        if tag == 0 {
            return Ok(None);
        }
        let qualifier = match Qualifier::ALL.get(tag as usize - 1) {
            Some(&q) => q,
            None => return self.fail(what),
        };
        let (min, max) = (self.f64(what)?, self.f64(what)?);
        // As the loader makes them: no negative amount, no negative zero.
        let fits = |x: f64| x.is_finite() && x.is_sign_positive() && x <= CEILING;
        if !(fits(min) && fits(max) && min <= max) {
            return self.fail(what);
        }
        Ok(Some(Value { min, max, qualifier }))
    }
}
