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
