//! One line of `lectern import` (`ingest::jsonl::Record`): JSON to a record, a record to an
//! archive file validated by the same rules as files on disk, and its path checks. Never a
//! panic; a record that becomes a file exports (`Record::from_item`) to one that does again.
#![no_main]

use lectern::ingest::jsonl::Record;
use lectern::ingest::save::{check_path, path_for};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(record) = serde_json::from_slice::<Record>(data) else {
        return;
    };
    if let Some(path) = &record.path {
        let _ = check_path(path);
    }
    if let Ok((_, item)) = record.to_file_text("fuzz.md") {
        let _ = path_for(&item, record.id.as_deref());
        Record::from_item(&item)
            .to_file_text("fuzz.md")
            .unwrap_or_else(|e| panic!("an exported record does not import: {e}"));
    }
});
