//! The dataset's compact strings: interned symbols and lists of them, and a node's id and
//! name in one allocation. Millions of records hold these, so each is a thin pointer.

use std::fmt;
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
/// allocation.
///
/// ```
/// use partnet::model::IdName;
/// let text = IdName::new("c1", "東芝 Toshiba");
/// assert_eq!((text.id(), text.name()), ("c1", "東芝 Toshiba"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct IdName {
    text: Box<str>,
    id_len: u32,
}

impl IdName {
    /// Panics on an id of 4 GB or more, which no file of ours holds.
    pub fn new(id: &str, name: &str) -> IdName {
        let id_len = u32::try_from(id.len()).expect("an id under 4 GB");
        IdName {
            text: [id, name].concat().into(),
            id_len,
        }
    }

    pub fn id(&self) -> &str {
        &self.text[..self.id_len as usize]
    }

    pub fn name(&self) -> &str {
        &self.text[self.id_len as usize..]
    }
}

impl std::fmt::Debug for IdName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdName")
            .field("id", &self.id())
            .field("name", &self.name())
            .finish()
    }
}
