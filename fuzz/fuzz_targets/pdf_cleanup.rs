//! Cleanup of text extracted from PDFs (`analysis::cleanup::clean_text`): never a panic.
#![no_main]

use lectern::analysis::cleanup::clean_text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = clean_text(&text);
});
