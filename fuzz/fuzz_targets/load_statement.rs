//! Fuzz target: any bytes as a statement file; parse, render, canonical layout, insert and collate must never panic and keep their invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/fuzz_check/mod.rs"]
mod fuzz_check;

fuzz_target!(|data: &[u8]| {
    fuzz_check::check(data);
});
