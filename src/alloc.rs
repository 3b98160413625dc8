//! How the process asks the system allocator for memory: one setting for glibc, so a long list's peak stays close to what it holds.
//!
//! glibc serves blocks of 128 KiB and more straight from the system, but
//! each time such a block is freed it raises that bar to the block's size
//! (up to 32 MiB). A long list's check frees a few large blocks early (read
//! buffers, the duplicate filter), after which every list of a few
//! megabytes lives in the heaps instead, and what is freed there is rarely
//! handed back: measured on 100,000 signers, `check` peaked 13 MB higher.
//! Fixing the bar where it starts keeps large blocks returnable.

/// Applies the setting; called as a command starts. Nothing to do on other
/// systems.
pub fn settle() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` changes allocator parameters under the allocator's
    // own lock; no pointer is passed and no memory is touched.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}
