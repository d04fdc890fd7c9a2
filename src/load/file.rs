//! Reading a dataset file's bytes: large regular files are memory-mapped, which on a
//! several-hundred-megabyte file saves the copy into a fresh buffer (ten times faster than
//! `read` here); small files and anything that cannot be mapped are read.

use std::fs::File;
use std::io;
use std::path::Path;

/// Below this size a file is simply read: mapping costs more than it saves.
const MAP_FROM: u64 = 1 << 20;

/// The most partnet reads from an input that is not a regular file (a pipe, a device):
/// 2 GiB. Such an input is read into memory, and the full loader's records take a few
/// times the text, so this stays well within a machine of 16 GB; an endless input
/// (`/dev/zero`, `yes`) stops here with an error instead of taking all memory. A regular
/// file is mapped and has no such bound.
pub(crate) const STREAM_LIMIT: u64 = 2 << 30;

/// How much of a non-regular input is looked at for NUL bytes: a text never holds one,
/// so a stream that starts with them (`/dev/zero`) is binary and refused at once.
const SNIFF: usize = 64 << 10;

/// A file's bytes, mapped or read.
pub(crate) enum Contents {
    Mapped(memmap2::Mmap),
    Read(Vec<u8>),
}

impl std::ops::Deref for Contents {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Contents::Mapped(m) => m,
            Contents::Read(v) => v,
        }
    }
}

impl Contents {
    /// How much of a mapped file is made resident ahead of the parser.
    pub(crate) const AHEAD: usize = 32 << 20;

    /// Maps [`Contents::AHEAD`] bytes of a mapped file from `offset` into memory in one
    /// call, instead of a page fault every few pages as the parser reaches them. A whole
    /// file mapped at once would sit in memory beside the dataset built from it; this
    /// window, with [`Contents::release_before`] behind the parser, keeps it to a few
    /// dozen megabytes.
    pub(crate) fn populate(&self, offset: usize) {
        if let Contents::Mapped(map) = self {
            let len = Self::AHEAD.min(map.len().saturating_sub(offset));
            if len > 0 {
                // Before Linux 5.14 there is no MADV_POPULATE_READ: read ahead at least.
                if map.advise_range(memmap2::Advice::PopulateRead, offset, len).is_err() {
                    let _ = map.advise_range(memmap2::Advice::WillNeed, offset, len);
                }
            }
        }
    }

    /// Gives back the memory of the first `offset` bytes of a mapped file: they stay in the
    /// page cache but leave this process's resident set. The streaming loader calls it as it
    /// goes, so a file does not hold its whole size in memory beside the dataset. Nothing
    /// is lost: a later read of those bytes maps them again from the file.
    pub(crate) fn release_before(&self, offset: usize) {
        self.release(0..offset);
    }

    /// Gives back the memory of the whole pages of a mapped file within `range`, as
    /// [`Contents::release_before`] does: a snapshot's sections are read on several threads,
    /// each giving back what it has read.
    pub(crate) fn release(&self, range: std::ops::Range<usize>) {
        const PAGE: usize = 4096;
        if let Contents::Mapped(map) = self {
            let start = range.start.div_ceil(PAGE) * PAGE;
            let end = range.end.min(map.len()) / PAGE * PAGE;
            if end > start {
                #[cfg(test)]
                RELEASED.fetch_add(end - start, std::sync::atomic::Ordering::Relaxed);
                // SAFETY: the map is a private read-only mapping of a file that this process
                // never writes, so dropping its pages only means they are read again from
                // the file (the page cache) if touched; borrowed strings stay valid.
                let _ = unsafe { map.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, start, end - start) };
            }
        }
    }
}

/// Bytes given back by [`Contents::release_before`] so far, for the tests to see that the
/// window moved.
#[cfg(test)]
pub(crate) static RELEASED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Reads or maps the file at `path`.
pub(crate) fn read(path: &Path) -> io::Result<Contents> {
    let file = File::open(path)?;
    let meta = file.metadata()?;
    if meta.is_file() && meta.len() >= MAP_FROM {
        // SAFETY: the map is read-only and private. Were another process to truncate the
        // file while partnet reads it, the process would get SIGBUS; the same race with
        // `read` gives a torn read. partnet reads data files nobody writes meanwhile.
        if let Ok(map) = unsafe { memmap2::MmapOptions::new().map(&file) } {
            let contents = Contents::Mapped(map);
            contents.populate(0);
            return Ok(contents);
        }
    }
    if !meta.is_file() {
        return read_bounded(&file, STREAM_LIMIT).map(Contents::Read);
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    io::Read::read_to_end(&mut &file, &mut bytes)?;
    Ok(Contents::Read(bytes))
}

/// Reads standard input to its end, as any stream: up to [`STREAM_LIMIT`] bytes.
pub(crate) fn read_stdin() -> io::Result<Contents> {
    read_bounded(io::stdin().lock(), STREAM_LIMIT).map(Contents::Read)
}

/// Reads a stream to its end, up to `limit` bytes: more is an error of kind
/// `FileTooLarge`, and a NUL byte in the first [`SNIFF`] bytes one of kind `InvalidData`.
fn read_bounded(mut input: impl io::Read, limit: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let mut chunk = vec![0; SNIFF];
    loop {
        let n = match input.read(&mut chunk) {
            Ok(0) => return Ok(bytes),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        // A snapshot is binary by design, and told by its first bytes.
        let start = if bytes.is_empty() { &chunk[..n] } else { &bytes[..] };
        if bytes.len() < SNIFF && chunk[..n].contains(&0) && !super::snapshot::is_snapshot(start) {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "binary"));
        }
        if (bytes.len() + n) as u64 > limit {
            return Err(io::Error::new(io::ErrorKind::FileTooLarge, "too large"));
        }
        bytes.extend_from_slice(&chunk[..n]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_is_read_up_to_its_bound() {
        let text = b"{\"entities\": []}".repeat(1000);
        assert_eq!(read_bounded(&text[..], 1 << 20).unwrap(), text);
        assert_eq!(read_bounded(&text[..], text.len() as u64).unwrap(), text);
        let endless = read_bounded(io::repeat(b' '), 1 << 20).unwrap_err();
        assert_eq!(endless.kind(), io::ErrorKind::FileTooLarge);
        let zeros = read_bounded(io::repeat(0), 1 << 20).unwrap_err();
        assert_eq!(zeros.kind(), io::ErrorKind::InvalidData);
        // A NUL byte far into a text is for the parser to place, not this reader.
        let late = [vec![b' '; SNIFF], vec![0]].concat();
        assert_eq!(read_bounded(&late[..], 1 << 20).unwrap(), late);
    }
}
