//! The search query parser (`search::query::parse`): never fails, never panics, and keeps its
//! clause limit whatever the input.
#![no_main]

use lectern::search::query::parse;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = parse(&text);
});
