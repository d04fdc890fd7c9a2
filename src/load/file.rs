//! Reading a dataset file's bytes: large regular files are memory-mapped, which on a
//! several-hundred-megabyte file saves the copy into a fresh buffer (ten times faster than
//! `read` here); small files and anything that cannot be mapped are read.

use std::fs::File;
use std::io;
use std::path::Path;

/// Below this size a file is simply read: mapping costs more than it saves.
const MAP_FROM: u64 = 1 << 20;

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
    /// Gives back the memory of the first `offset` bytes of a mapped file: they stay in the
    /// page cache but leave this process's resident set. The streaming loader calls it as it
    /// goes, so a file does not hold its whole size in memory beside the dataset. Nothing
    /// is lost: a later read of those bytes maps them again from the file.
    pub(crate) fn release_before(&self, offset: usize) {
        const PAGE: usize = 4096;
        if let Contents::Mapped(map) = self {
            let len = offset.min(map.len()) / PAGE * PAGE;
            if len > 0 {
                // SAFETY: the map is a private read-only mapping of a file that this process
                // never writes, so dropping its pages only means they are read again from
                // the file (the page cache) if touched; borrowed strings stay valid.
                let _ = unsafe { map.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, 0, len) };
            }
        }
    }
}

/// Reads or maps the file at `path`.
pub(crate) fn read(path: &Path) -> io::Result<Contents> {
    let file = File::open(path)?;
    let meta = file.metadata()?;
    if meta.is_file() && meta.len() >= MAP_FROM {
        // SAFETY: the map is read-only and private. Were another process to truncate the
        // file while partnet reads it, the process would get SIGBUS; the same race with
        // `read` gives a torn read. partnet reads data files nobody writes meanwhile.
        if let Ok(map) = unsafe { memmap2::MmapOptions::new().populate().map(&file) } {
            return Ok(Contents::Mapped(map));
        }
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    io::Read::read_to_end(&mut &file, &mut bytes)?;
    Ok(Contents::Read(bytes))
}
