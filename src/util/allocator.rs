//! The binary's allocator: mimalloc for `scan`, the system's for everything else.
//!
//! Why two. `scan` makes many small allocations on several threads, where glibc's malloc
//! takes locks and mimalloc does not: a bot's log is read in about four fifths of the time.
//! Every other run is over in a millisecond or two, and there mimalloc's start costs more
//! than it saves: each size class it serves first touches a page of its own (about 60 page
//! faults for `twerr 187`, a tenth of its time), where glibc's malloc packs them together.
//!
//! mimalloc's version 2, which starts in about the time the system's does (version 3 reads
//! more of the environment as it starts), built without transparent huge pages: a page of
//! 2 MiB is zeroed whole when first touched, though little of each is used (they doubled
//! the peak memory of `scan`).
//!
//! The choice is made once, before `main`, from the words of the command line, and it is
//! latched by the first allocation: a choice made after it is refused. So every block is
//! freed by the allocator that gave it, whatever calls what when.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU8, Ordering};

/// Nothing allocated yet: the choice is open.
const OPEN: u8 = 0;
const SYSTEM: u8 = 1;
const MIMALLOC: u8 = 2;

/// A global allocator that is the system's unless [`ByCommand::choose_mimalloc`] ran
/// before the first allocation.
pub struct ByCommand {
    state: AtomicU8,
}

impl Default for ByCommand {
    fn default() -> Self {
        Self::new()
    }
}

impl ByCommand {
    pub const fn new() -> ByCommand {
        ByCommand {
            state: AtomicU8::new(OPEN),
        }
    }

    /// Makes mimalloc the allocator, if nothing has been allocated yet; says whether it is.
    pub fn choose_mimalloc(&self) -> bool {
        let was = self
            .state
            .compare_exchange(OPEN, MIMALLOC, Ordering::AcqRel, Ordering::Acquire);
        matches!(was, Ok(_) | Err(MIMALLOC))
    }

    /// The allocator in use: the first allocation closes an open choice on the system's.
    fn latched(&self) -> u8 {
        match self.state.load(Ordering::Acquire) {
            OPEN => {
                match self
                    .state
                    .compare_exchange(OPEN, SYSTEM, Ordering::AcqRel, Ordering::Acquire)
                {
                    Ok(_) => SYSTEM,
                    Err(now) => now,
                }
            }
            now => now,
        }
    }
}

/// Whether the command line's words (the program's name first) are a `scan`'s: one of
/// them is the word `scan`. A word that only looks up "scan" picks mimalloc too, which
/// costs that run a tenth of a millisecond and changes nothing else.
pub fn wants_mimalloc<'a>(mut words: impl Iterator<Item = &'a [u8]>) -> bool {
    words.next();
    words.any(|w| w == b"scan")
}

// SAFETY: each method hands the call to the allocator `latched` names, which never changes
// once something is allocated, so a block is freed and resized by the allocator that gave
// it; both allocators uphold GlobalAlloc's contract themselves.
unsafe impl GlobalAlloc for ByCommand {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match self.latched() {
            // SAFETY: the caller's layout is passed on unchanged.
            MIMALLOC => unsafe { mimalloc::MiMalloc.alloc(layout) },
            _ => unsafe { System.alloc(layout) },
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        match self.latched() {
            // SAFETY: as for alloc.
            MIMALLOC => unsafe { mimalloc::MiMalloc.alloc_zeroed(layout) },
            _ => unsafe { System.alloc_zeroed(layout) },
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        match self.latched() {
            // SAFETY: `ptr` came from this allocator, the one latched.
            MIMALLOC => unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) },
            _ => unsafe { System.dealloc(ptr, layout) },
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        match self.latched() {
            // SAFETY: `ptr` came from this allocator, the one latched.
            MIMALLOC => unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) },
            _ => unsafe { System.realloc(ptr, layout, new_size) },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> bool {
        wants_mimalloc(line.split(' ').map(str::as_bytes))
    }

    #[test]
    fn scan_anywhere_after_the_program_name_picks_mimalloc() {
        assert!(words("twerr scan log.txt"));
        assert!(words("twerr --json scan -j 2"));
        assert!(!words("twerr 187"));
        assert!(!words("scan 187"), "the program's own name is not a word");
        assert!(!words("twerr scanner"));
    }

    /// Allocates, writes, grows and frees a block through `a`, checking the bytes survive.
    fn round_trip(a: &ByCommand) {
        let layout = Layout::from_size_align(24, 8).unwrap();
        // SAFETY: layouts of nonzero size; the block is written within its size and freed
        // with the layout it has.
        unsafe {
            let p = a.alloc(layout);
            assert!(!p.is_null());
            p.write_bytes(7, 24);
            let q = a.realloc(p, layout, 4096);
            assert!(!q.is_null());
            assert_eq!(*q.add(23), 7, "realloc keeps the block's bytes");
            a.dealloc(q, Layout::from_size_align(4096, 8).unwrap());
            let z = a.alloc_zeroed(layout);
            assert_eq!(*z.add(5), 0);
            a.dealloc(z, layout);
        }
    }

    #[test]
    fn a_choice_before_the_first_allocation_holds() {
        let a = ByCommand::new();
        assert!(a.choose_mimalloc());
        round_trip(&a);
        assert_eq!(a.state.load(Ordering::Relaxed), MIMALLOC);
        assert!(a.choose_mimalloc(), "asked again, it stays");
    }

    #[test]
    fn a_choice_after_the_first_allocation_is_refused() {
        let a = ByCommand::new();
        round_trip(&a);
        assert!(!a.choose_mimalloc());
        assert_eq!(a.state.load(Ordering::Relaxed), SYSTEM);
        round_trip(&a);
    }
}
