//! One key once per object, for the readers that take objects apart by hand.
//!
//! serde's derived structs refuse a field given twice ("duplicate field `name`"); a
//! hand-written visitor, a map or a reader of our own would let the last value win
//! silently. Every JSON reader of partnet refuses it with the same words, and the error
//! is placed in the file where the second key is.

use std::borrow::Cow;

/// The message of a key given twice, as serde's derived structs word it.
pub(crate) fn duplicate(key: &str) -> String {
    format!("duplicate field `{key}`")
}

/// What to do about a key given twice.
pub(crate) const HELP: &str = "a key may appear once in an object: remove one of the two, or merge their values";

/// The key a "duplicate field `key`" message names.
pub(crate) fn duplicated(message: &str) -> Option<&str> {
    message.strip_prefix("duplicate field `")?.strip_suffix('`')
}

/// The offset of the opening quote of the key `key` whose closing quote is at or just
/// before `at` (serde_json's place for an error about a key); `at` when it is not there.
pub(crate) fn key_start(text: &[u8], at: usize, key: &str) -> usize {
    let quoted = format!("\"{key}\"");
    let end = (at + 1).min(text.len());
    let from = end.saturating_sub(quoted.len() + 1);
    text[from..end]
        .windows(quoted.len())
        .rposition(|w| w == quoted.as_bytes())
        .map_or(at, |i| from + i)
}

/// The keys an object has shown so far: those of a known list as bits, the first few others
/// (borrowed from the text) inline, any more kept apart. Most objects allocate nothing.
#[derive(Default)]
pub(crate) struct Keys<'a> {
    known: u64,
    few: [&'a str; FEW],
    len: usize,
    /// The keys past the first [`FEW`], rare: hashed, so that an object of many thousand
    /// keys is read in linear time.
    more: std::collections::HashSet<Cow<'a, str>>,
}

/// How many other keys [`Keys`] holds without allocating.
const FEW: usize = 16;

impl<'a> Keys<'a> {
    /// Notes the key at `index` of the reader's known keys (fewer than 64); an error if
    /// the object had it already.
    pub(crate) fn known<E: serde::de::Error>(&mut self, index: usize, key: &str) -> Result<(), E> {
        let bit = 1u64 << index;
        if self.known & bit != 0 {
            return Err(E::custom(duplicate(key)));
        }
        self.known |= bit;
        Ok(())
    }

    /// Notes a key outside the known ones; an error if the object had it already.
    pub(crate) fn other<E: serde::de::Error>(&mut self, key: Cow<'a, str>) -> Result<(), E> {
        if self.few[..self.len].contains(&&*key) || self.more.contains(&key) {
            return Err(E::custom(duplicate(&key)));
        }
        match key {
            Cow::Borrowed(k) if self.len < FEW => {
                self.few[self.len] = k;
                self.len += 1;
            }
            key => drop(self.more.insert(key)),
        }
        Ok(())
    }

    /// Notes any key, known or not. The key is a `Cow` so that one borrowed from the text
    /// stays borrowed when it is kept.
    #[allow(clippy::ptr_arg)]
    pub(crate) fn any<E: serde::de::Error>(&mut self, names: &[&str], key: &Cow<'a, str>) -> Result<(), E> {
        match names.iter().position(|n| *n == key) {
            Some(index) => self.known(index, key),
            None => self.other(key.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_taken_once() {
        let mut keys = Keys::default();
        let names = ["id", "name"];
        assert!(keys.any::<serde_json::Error>(&names, &"id".into()).is_ok());
        assert!(keys.any::<serde_json::Error>(&names, &"extra".into()).is_ok());
        let e = keys.any::<serde_json::Error>(&names, &"id".into()).unwrap_err();
        assert_eq!(e.to_string(), "duplicate field `id`");
        let e = keys.any::<serde_json::Error>(&names, &"extra".into()).unwrap_err();
        assert_eq!(e.to_string(), "duplicate field `extra`");
    }

    #[test]
    fn many_keys_and_escaped_ones_are_taken_once_too() {
        let names: Vec<String> = (0..40).map(|i| format!("k{i}")).collect();
        let mut keys = Keys::default();
        for (i, name) in names.iter().enumerate() {
            let key = if i % 3 == 0 {
                Cow::Owned(name.clone())
            } else {
                Cow::Borrowed(name.as_str())
            };
            assert!(keys.other::<serde_json::Error>(key).is_ok(), "{name}");
        }
        for name in &names {
            assert!(
                keys.other::<serde_json::Error>(Cow::Borrowed(name.as_str())).is_err(),
                "{name}"
            );
            assert!(
                keys.other::<serde_json::Error>(Cow::Owned(name.clone())).is_err(),
                "{name}"
            );
        }
    }

    #[test]
    fn finds_the_start_of_the_key() {
        let text = br#"{"name":"A", "name":"B"}"#;
        assert_eq!(key_start(text, 18, "name"), 13);
        assert_eq!(key_start(text, 17, "name"), 17);
        assert_eq!(key_start(text, 400, "x"), 400);
    }
}
