use std::process::ExitCode;

/// jemalloc, which hands memory freed after a burst of requests back to the
/// system; glibc's per-thread arenas kept it, and the process stayed at
/// twice its idle size after a minute of load.
#[cfg(all(target_os = "linux", not(target_env = "musl")))]
#[global_allocator]
static ALLOCATOR: allocator::ZeroByWriting = allocator::ZeroByWriting;

/// jemalloc, except that a zeroed block of moderate size is zeroed by
/// writing it. jemalloc zeroes a reused large block by handing its pages
/// back to the kernel, so each page then faults on first write and the
/// fault flushes the TLB of every core: a compressor's tables, allocated
/// zeroed for every compressed response, cost more in those faults than in
/// compressing. Writing zeros to memory already mapped costs microseconds.
#[cfg(all(target_os = "linux", not(target_env = "musl")))]
mod allocator {
    use std::alloc::{GlobalAlloc, Layout};

    use tikv_jemallocator::Jemalloc;

    pub struct ZeroByWriting;

    /// Zeroed blocks up to this size are zeroed by writing; larger ones
    /// (the model's weights, big buffers) keep jemalloc's way.
    const ZERO_BY_WRITING_UP_TO: usize = 1 << 20;

    // SAFETY: every call goes to jemalloc with the caller's layout, and a
    // block zeroed here is one jemalloc just allocated for that layout.
    unsafe impl GlobalAlloc for ZeroByWriting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            // SAFETY: the caller's guarantees about `layout` are passed on.
            unsafe { Jemalloc.alloc(layout) }
        }

        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            if layout.size() > ZERO_BY_WRITING_UP_TO {
                // SAFETY: as for `alloc`.
                return unsafe { Jemalloc.alloc_zeroed(layout) };
            }
            // SAFETY: as for `alloc`; a non-null block has `layout.size()`
            // writable bytes.
            unsafe {
                let block = Jemalloc.alloc(layout);
                if !block.is_null() {
                    std::ptr::write_bytes(block, 0, layout.size());
                }
                block
            }
        }

        unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
            // SAFETY: `block` came from this allocator, so from jemalloc.
            unsafe { Jemalloc.dealloc(block, layout) }
        }

        unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            // SAFETY: as for `dealloc`.
            unsafe { Jemalloc.realloc(block, layout, new_size) }
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        /// A block written all over and freed comes back zeroed when asked
        /// for zeroed, at sizes on both sides of the limit.
        #[test]
        fn a_reused_block_asked_for_zeroed_is_zero() {
            for size in [
                64,
                300 << 10,
                ZERO_BY_WRITING_UP_TO,
                2 * ZERO_BY_WRITING_UP_TO,
            ] {
                let layout = Layout::from_size_align(size, 16).unwrap();
                for _ in 0..8 {
                    // SAFETY: a non-zero size; each block is freed with its
                    // layout, and read only within it.
                    unsafe {
                        let dirty = ZeroByWriting.alloc(layout);
                        assert!(!dirty.is_null());
                        std::ptr::write_bytes(dirty, 0xA5, size);
                        ZeroByWriting.dealloc(dirty, layout);
                        let zeroed = ZeroByWriting.alloc_zeroed(layout);
                        assert!(!zeroed.is_null());
                        let bytes = std::slice::from_raw_parts(zeroed, size);
                        assert!(bytes.iter().all(|&b| b == 0), "{size} bytes not zeroed");
                        ZeroByWriting.dealloc(zeroed, layout);
                    }
                }
            }
        }
    }
}

/// jemalloc's settings: a background thread purges pages left unused for a
/// second, so memory returns to the system while the server is idle as
/// well as while it is busy. `_RJEM_MALLOC_CONF` in the environment
/// overrides them.
#[cfg(all(target_os = "linux", not(target_env = "musl")))]
#[unsafe(export_name = "_rjem_malloc_conf")]
static ALLOCATOR_SETTINGS: &[u8; 60] =
    b"background_thread:true,dirty_decay_ms:1000,muzzy_decay_ms:0\0";

fn main() -> ExitCode {
    // SAFETY: the first thing the process does; no other thread exists.
    unsafe { rehearse::coach::offline::meaning::one_thread_per_job() };
    rehearse::cli::main()
}
