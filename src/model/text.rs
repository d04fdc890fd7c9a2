//! The dataset's compact strings: interned symbols and lists of them, and a node's id and
//! name in one allocation. Millions of records hold these, so each is small: a thin pointer
//! for a symbol or a list, 16 bytes for an id and name.

use std::fmt;
use std::ptr::NonNull;
use std::sync::Arc;

/// An interned string: kinds, countries, sectors, roles and statuses repeat millions of
/// times. A thin pointer, 8 bytes where an `Arc<str>` takes 16, since every entity and
/// project holds several; it reads as a `str`.
///
/// ```
/// use partnet::model::Sym;
/// let energy = Sym::from("energy");
/// assert_eq!((&*energy, energy.len()), ("energy", 6));
/// assert_eq!(std::mem::size_of::<Option<Sym>>(), 8);
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(Arc<Box<str>>);

impl From<&str> for Sym {
    fn from(s: &str) -> Sym {
        Sym(Arc::new(s.into()))
    }
}

impl std::ops::Deref for Sym {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

/// Lets a map keyed by `Sym` be searched with a `&str` (both hash as the `str`).
impl std::borrow::Borrow<str> for Sym {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl fmt::Display for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

/// A list of interned strings, itself interned by the loader: a million organisations
/// share a few hundred lists of sectors. A thin pointer, 8 bytes and no allocation of its
/// own where a `Box<[Sym]>` takes 16 and one each; it reads as a `[Sym]`.
///
/// ```
/// use partnet::model::{Sym, Syms};
/// let list = Syms::from(vec![Sym::from("energy")]);
/// assert_eq!((list.len(), &*list[0]), (1, "energy"));
/// assert!(Syms::default().is_empty());
/// assert_eq!(std::mem::size_of::<Syms>(), 8);
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Syms(Option<Arc<Box<[Sym]>>>);

impl From<Vec<Sym>> for Syms {
    fn from(list: Vec<Sym>) -> Syms {
        Syms((!list.is_empty()).then(|| Arc::new(list.into_boxed_slice())))
    }
}

impl std::ops::Deref for Syms {
    type Target = [Sym];
    fn deref(&self) -> &[Sym] {
        self.0.as_deref().map_or(&[], |list| list)
    }
}

impl fmt::Debug for Syms {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

/// A node's id and name in one allocation: a million nodes each save a pointer and an
/// allocation. 16 bytes: the bytes of a `Box<str>` with 32-bit lengths, where a
/// `Box<str>` and the id's length take 24.
///
/// ```
/// use partnet::model::IdName;
/// let text = IdName::new("c1", "東芝 Toshiba");
/// assert_eq!((text.id(), text.name()), ("c1", "東芝 Toshiba"));
/// assert_eq!(std::mem::size_of::<IdName>(), 16);
/// ```
pub struct IdName {
    /// The id then the name: `len` bytes of UTF-8 that this value owns, allocated as a
    /// `Box<str>` (see [`IdName::new`] and the `Drop` below).
    ptr: NonNull<u8>,
    len: u32,
    id_len: u32,
}

/// The longest id and name together, in bytes (4 GB): their lengths are 32-bit. The
/// loader refuses a longer record before it makes one.
pub const MAX_ID_NAME: usize = u32::MAX as usize;

// SAFETY: an `IdName` owns its bytes as a `Box<str>` does and never writes them after
// `new`, so it may move to and be read from other threads as a `Box<str>` may.
unsafe impl Send for IdName {}
// SAFETY: as above; `&IdName` only reads.
unsafe impl Sync for IdName {}

impl IdName {
    /// Panics when the id and name together are longer than [`MAX_ID_NAME`].
    pub fn new(id: &str, name: &str) -> IdName {
        let text: Box<str> = [id, name].concat().into();
        let len = u32::try_from(text.len()).expect("an id and name under 4 GB");
        // Not past `len`: the id is the text's start.
        let id_len = id.len() as u32;
        let ptr = NonNull::from(Box::leak(text)).cast::<u8>();
        IdName { ptr, len, id_len }
    }

    fn text(&self) -> &str {
        let bytes = std::ptr::slice_from_raw_parts(self.ptr.as_ptr().cast_const(), self.len as usize);
        // SAFETY: `ptr` and `len` are those of the `Box<str>` leaked in `new`, which this
        // value owns until it is dropped and nobody writes: live, valid UTF-8 bytes.
        unsafe { &*(bytes as *const str) }
    }

    pub fn id(&self) -> &str {
        &self.text()[..self.id_len as usize]
    }

    pub fn name(&self) -> &str {
        &self.text()[self.id_len as usize..]
    }
}

impl Drop for IdName {
    fn drop(&mut self) {
        let bytes = std::ptr::slice_from_raw_parts_mut(self.ptr.as_ptr(), self.len as usize);
        // SAFETY: the same pointer and length as the `Box<str>` leaked in `new`, given back
        // once, here.
        drop(unsafe { Box::from_raw(bytes as *mut str) });
    }
}

impl Clone for IdName {
    fn clone(&self) -> IdName {
        IdName::new(self.id(), self.name())
    }
}

impl PartialEq for IdName {
    fn eq(&self, other: &IdName) -> bool {
        self.id_len == other.id_len && self.text() == other.text()
    }
}

impl Eq for IdName {}

impl std::fmt::Debug for IdName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdName")
            .field("id", &self.id())
            .field("name", &self.name())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any id and name read back as given, from the value, a clone and a copy moved to
        /// another thread; the same text split elsewhere is another id and name, unequal.
        #[test]
        fn any_id_and_name_read_back(id in "\\PC{0,12}", name in "\\PC{0,40}", cut in 0usize..60) {
            let text = IdName::new(&id, &name);
            let copy = text.clone();
            prop_assert_eq!((text.id(), text.name()), (id.as_str(), name.as_str()));
            let moved = std::thread::spawn(move || (copy.id().to_string(), copy.name().to_string())).join().unwrap();
            prop_assert_eq!(moved, (id.clone(), name.clone()));
            let both = format!("{id}{name}");
            let cut = (0..=cut.min(both.len())).rev().find(|&c| both.is_char_boundary(c)).unwrap_or(0);
            let resplit = IdName::new(&both[..cut], &both[cut..]);
            prop_assert_eq!(resplit == text, cut == id.len());
        }
    }

    #[test]
    fn an_id_and_name_read_back_after_clone_move_and_drop() {
        let cases = [
            ("", ""),
            ("c1", ""),
            ("", "No id"),
            ("p-7", "ポーツマス ウラン濃縮 plant"),
        ];
        let texts: Vec<IdName> = cases.iter().map(|&(id, name)| IdName::new(id, name)).collect();
        let copies = texts.clone();
        drop(texts);
        for (text, &(id, name)) in copies.iter().zip(&cases) {
            assert_eq!((text.id(), text.name()), (id, name));
        }
        // Equal when both parts are: the split point counts, not only the bytes.
        assert_eq!(IdName::new("ab", "c"), IdName::new("ab", "c"));
        assert_ne!(IdName::new("ab", "c"), IdName::new("a", "bc"));
        let moved = std::thread::spawn(move || copies[3].name().to_string()).join().unwrap();
        assert_eq!(moved, "ポーツマス ウラン濃縮 plant");
    }
}
