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

/// Makes the pages of the next `n` free places of `v` resident in one system call, instead
/// of a page fault for each page as it is first written. Filling a table of hundreds of
/// megabytes, this halves the time spent in the kernel (measured here on 256 MB: 0.47 ms
/// per MB in faults, 0.25 ms populated two megabytes at a time). Best effort: without
/// `MADV_POPULATE_WRITE` (before Linux 5.14, other systems) the pages fault in as before.
pub(crate) fn populate_spare<T>(v: &mut Vec<T>, n: usize) {
    let (start, len) = spare_bytes(v, n);
    populate(start, len);
}

/// The address and length in bytes of the next `n` free places of `v` (fewer if it has
/// not that many).
fn spare_bytes<T>(v: &mut Vec<T>, n: usize) -> (usize, usize) {
    let spare = v.spare_capacity_mut();
    (
        spare.as_mut_ptr() as usize,
        spare.len().min(n) * std::mem::size_of::<T>(),
    )
}

/// [`populate_spare`] in transparent huge pages where the system has them: for a table read
/// at random, such as the id table of loading. A lookup there misses the cache anyway; in
/// 4 KB pages it also misses the TLB, whose few thousand entries cover a few megabytes of a
/// table of hundreds, and waits on a page walk too. At a million companies (a 64 MB table)
/// this took the load from 2.31 to 2.03 s, medians of 10 alternating runs (benches/README.md).
///
/// The process keeps huge pages off everywhere else (`src/main.rs`): fresh ones can cost
/// several times what plain pages do on a VM. Where they are off for the whole process, this
/// lets them in for the time of this call alone (`PR_THP_DISABLE_EXCEPT_ADVISED`, Linux
/// 6.18: huge pages only where advised, and only these pages are), then puts that setting
/// back. Best effort: on an older kernel, or with huge pages off system-wide, the pages are
/// plain ones, as with [`populate_spare`].
pub(crate) fn populate_spare_huge<T>(v: &mut Vec<T>, n: usize) {
    let (start, len) = spare_bytes(v, n);
    #[cfg(target_os = "linux")]
    {
        const HUGE: usize = 2 << 20;
        /// `prctl(PR_SET_THP_DISABLE)`'s flag for "except where advised"; not in libc yet.
        const PR_THP_DISABLE_EXCEPT_ADVISED: libc::c_ulong = 1 << 1;
        let (from, to) = (start.next_multiple_of(HUGE), (start + len) / HUGE * HUGE);
        // SAFETY: advice and the process's huge page setting change how pages are mapped,
        // never a byte in them; a range the process has not mapped only makes madvise fail.
        unsafe {
            if to > from && libc::madvise(from as *mut libc::c_void, to - from, libc::MADV_HUGEPAGE) == 0 {
                // 1: off for the whole process, no exception.
                let off = libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) == 1;
                if off && libc::prctl(libc::PR_SET_THP_DISABLE, 1, PR_THP_DISABLE_EXCEPT_ADVISED, 0, 0) == 0 {
                    populate(start, len);
                    libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
                    return;
                }
            }
        }
    }
    populate(start, len);
}

/// Makes the whole pages among the `len` bytes from address `start` resident, as
/// [`populate_spare`] does, for a table another thread is about to fill: this one can take
/// the kernel's work while that one computes what goes in. Only the whole pages of the
/// range: the pages it shares with its neighbours may hold their values already.
pub(crate) fn populate(start: usize, len: usize) {
    #[cfg(target_os = "linux")]
    {
        const PAGE: usize = 4096;
        let (from, to) = (start.next_multiple_of(PAGE), (start + len) / PAGE * PAGE);
        if to > from {
            // SAFETY: populating maps pages in and changes no byte, written or not, so no
            // range can be harmed: one the process has not mapped (or not writable) only
            // makes the call fail, which a best effort ignores.
            unsafe { libc::madvise(from as *mut libc::c_void, to - from, libc::MADV_POPULATE_WRITE) };
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (start, len);
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    /// Whether every whole page of the `len` bytes at `start` is resident. Takes an address,
    /// not a slice: the bytes may not hold values yet, and a slice over them would claim
    /// they do.
    fn resident(start: *const u8, len: usize) -> bool {
        const PAGE: usize = 4096;
        let (from, to) = (
            (start as usize).next_multiple_of(PAGE),
            (start as usize + len) / PAGE * PAGE,
        );
        let mut pages = vec![0u8; (to - from) / PAGE];
        // SAFETY: mincore reads the page tables of a range this test owns (inside one
        // allocation), and writes one byte per page into `pages`, which has room for them.
        let ok = unsafe { libc::mincore(from as *mut libc::c_void, to - from, pages.as_mut_ptr()) };
        ok == 0 && pages.iter().all(|p| p & 1 == 1)
    }

    #[test]
    fn populates_the_free_places_and_keeps_the_values() {
        let mut v: Vec<u8> = Vec::with_capacity(64 << 20);
        v.extend((0..1000).map(|i| i as u8));
        populate_spare(&mut v, 8 << 20);
        let ahead = v.spare_capacity_mut().as_ptr().cast::<u8>();
        assert!(resident(ahead, 8 << 20));
        assert!(v.iter().enumerate().all(|(i, &x)| x == i as u8));
        let mut empty: Vec<u8> = Vec::new();
        populate_spare(&mut empty, 10);
        assert!(empty.is_empty());
    }

    /// Huge or not (that is the system's choice), the places become resident, the values
    /// stay, and a process with huge pages off has them off again after the call.
    #[test]
    fn populates_in_huge_pages_and_puts_the_process_setting_back() {
        /// The process's huge page setting (1: off), after setting it off or on.
        fn thp_disabled(set: Option<bool>) -> libc::c_int {
            // SAFETY: PR_{SET,GET}_THP_DISABLE set and read one flag of this process.
            unsafe {
                if let Some(off) = set {
                    libc::prctl(libc::PR_SET_THP_DISABLE, libc::c_ulong::from(off), 0, 0, 0);
                }
                libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0)
            }
        }
        let before = thp_disabled(None);
        thp_disabled(Some(true));
        let mut v: Vec<u64> = Vec::with_capacity(8 << 20);
        v.extend(0..1000);
        populate_spare_huge(&mut v, 6 << 20);
        let after = thp_disabled(None);
        thp_disabled(Some(before == 1));
        assert_eq!(after, 1, "huge pages are off for the process again");
        let ahead = v.spare_capacity_mut().as_ptr().cast::<u8>();
        assert!(resident(ahead, 6 << 23));
        assert!(v.iter().enumerate().all(|(i, &x)| x == i as u64));
        // Too small for a huge page: plain pages, as populate_spare makes.
        let mut small: Vec<u8> = Vec::with_capacity(1 << 16);
        populate_spare_huge(&mut small, 1 << 16);
        assert!(resident(small.spare_capacity_mut().as_ptr().cast(), 1 << 16));
    }

    #[test]
    fn populating_from_another_thread_keeps_what_this_one_writes() {
        let mut v = vec![0u32; 16 << 20];
        let (start, len) = (v.as_ptr() as usize, std::mem::size_of_val(&v[..]));
        std::thread::scope(|scope| {
            scope.spawn(move || populate(start, len));
            for (i, x) in v.iter_mut().enumerate() {
                *x = i as u32;
            }
        });
        assert!(v.iter().enumerate().all(|(i, &x)| x == i as u32));
        // A range the process has not mapped, or cannot write, only makes the call fail.
        populate(0, 1 << 20);
        populate("read-only text".as_ptr() as usize, 1 << 16);
    }
}
