//! OAI-PMH arguments (`web::oai::request::parse`), resumption tokens included: any query
//! string gives a request or a protocol error, never a panic.
#![no_main]

use lectern::web::oai::{item_id, request::parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(pairs) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(data) else {
        return;
    };
    let _ = parse(&pairs);
    for (_, value) in &pairs {
        let _ = item_id(value);
    }
});
