//! Where a plain JSON string ends: the classes of 16 bytes at once (quote, backslash or
//! control character, high bit) with SSE2 on x86_64, a byte at a time elsewhere, and the
//! search for a string's closing quote built on them. Kept apart from the reader
//! ([`super::Scan`]) so that the one place with `unsafe` SIMD and its byte-by-byte twin sit
//! next to the tests that hold them equal.

/// The index of the quote that ends a string whose text starts at `i`, if the string has
/// no escape and no control character before it, and whether its bytes are all ASCII.
/// Looks at 16 bytes at a time.
#[inline]
pub(super) fn plain_end(bytes: &[u8], mut i: usize) -> Option<(usize, bool)> {
    let mut high = 0;
    while let Some(chunk) = bytes.get(i..i + 16) {
        let classes = classify(chunk.try_into().ok()?);
        if let Some(n) = classes.before_first_hit() {
            high |= classes.high & ((1 << n) - 1);
            return (classes.quotes >> n & 1 == 1).then_some((i + n as usize, high == 0));
        }
        high |= classes.high;
        i += 16;
    }
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => return Some((i, high == 0)),
            b'\\' | 0..=0x1f => return None,
            _ => {
                high |= u32::from(b & 0x80);
                i += 1;
            }
        }
    }
    None
}

/// What 16 bytes of a string hold, one bit per byte (bit `i` for byte `i`).
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Classes {
    pub(super) quotes: u32,
    /// Backslashes and control characters: the string is not plain there.
    pub(super) others: u32,
    /// Bytes of 0x80 and up: not ASCII.
    pub(super) high: u32,
}

impl Classes {
    /// The bytes before the first quote, backslash or control character, if any.
    #[inline]
    pub(super) fn before_first_hit(&self) -> Option<u32> {
        let hits = self.quotes | self.others;
        (hits != 0).then(|| hits.trailing_zeros())
    }
}

/// Classifies 16 bytes at once, with the SSE2 instructions every x86_64 processor has.
#[cfg(target_arch = "x86_64")]
#[inline]
pub(super) fn classify(chunk: &[u8; 16]) -> Classes {
    use std::arch::x86_64::{
        _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    // SAFETY: SSE2 is part of x86_64; the load reads the 16 bytes of `chunk`, unaligned.
    unsafe {
        let v = _mm_loadu_si128(chunk.as_ptr().cast());
        let quotes = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'"' as i8));
        let backslashes = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\\' as i8));
        // A byte below 0x20 is its own minimum with 0x1f.
        let controls = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1f)), v);
        Classes {
            quotes: _mm_movemask_epi8(quotes) as u32,
            others: _mm_movemask_epi8(_mm_or_si128(backslashes, controls)) as u32,
            high: _mm_movemask_epi8(v) as u32,
        }
    }
}

#[cfg(not(target_arch = "x86_64"))]
#[inline]
pub(super) fn classify(chunk: &[u8; 16]) -> Classes {
    classify_bytes(chunk)
}

/// [`classify`] a byte at a time: elsewhere than on x86_64, and to test it against.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn classify_bytes(chunk: &[u8; 16]) -> Classes {
    let mut c = Classes {
        quotes: 0,
        others: 0,
        high: 0,
    };
    for (i, &b) in chunk.iter().enumerate() {
        let bit = 1 << i;
        match b {
            b'"' => c.quotes |= bit,
            b'\\' | 0..=0x1f => c.others |= bit,
            0x80.. => c.high |= bit,
            _ => {}
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn plain_strings_only() {
        for (text, end) in [
            (r#""abc""#, Some((4, true))),
            (r#""""#, Some((1, true))),
            (r#""a long string past sixteen bytes""#, Some((33, true))),
            (r#""a\"b""#, None),
            ("\"tab\there\"", None),
            (r#""東京電力""#, Some((13, false))),
            (r#""then a long é""#, Some((15, false))),
            (r#""ascii","東""#, Some((6, true))),
            (r#""unterminated"#, None),
        ] {
            assert_eq!(plain_end(text.as_bytes(), 1), end, "{text}");
        }
    }

    proptest! {
        /// The 16-byte classifier agrees with the one that looks at each byte.
        #[test]
        fn classifies_as_byte_by_byte(
            chunk in prop::array::uniform16(prop_oneof![
                Just(b'"'), Just(b'\\'), Just(b'a'), Just(0x1f), Just(0x20), Just(0x7f), Just(0x80), any::<u8>(),
            ]),
        ) {
            prop_assert_eq!(classify(&chunk), classify_bytes(&chunk));
        }

        #[test]
        fn plain_end_finds_the_first_quote(
            bytes in prop::collection::vec(
                prop_oneof![Just(b'a'), Just(b'"'), Just(b'\\'), Just(1u8), Just(0xc3), Just(0xa9), any::<u8>()],
                0..40,
            ),
        ) {
            let naive = bytes.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .filter(|&i| bytes[i] == b'"')
                .map(|i| (i, bytes[..i].is_ascii()));
            prop_assert_eq!(plain_end(&bytes, 0), naive);
        }
    }
}
