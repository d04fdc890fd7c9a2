//! Reading ahead: loops over a large table whose next reads land at random places start
//! fetching them a few steps early, instead of waiting on memory at each one.

/// Starts fetching `items[i]` into the cache, if it exists: for loops whose next reads
/// land at random places of a table larger than the cache.
pub(crate) fn prefetch<T>(items: &[T], i: usize) {
    #[cfg(target_arch = "x86_64")]
    if let Some(item) = items.get(i) {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        // SAFETY: a prefetch needs SSE, which every x86_64 processor has, and it never
        // faults; it reads nothing the program sees.
        unsafe { _mm_prefetch::<_MM_HINT_T0>((item as *const T).cast()) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (items, i);
}
