//! Fuzz target: a valid statement built around fuzzed names and collation tag, so every input reaches the edit, layout and collation code.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/fuzz_check/mod.rs"]
mod fuzz_check;

fuzz_target!(|data: &[u8]| {
    let text = fuzz_check::statement_from_fields(data);
    fuzz_check::check(text.as_bytes());
});
