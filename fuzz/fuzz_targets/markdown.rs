//! Markdown rendering with the links allowlist (`archive::markdown`, `archive::paragraphs`):
//! whatever the body, the HTML holds only the tags and attributes the renderer writes (no raw
//! HTML from the source) and no link or image target with an executable scheme. The same
//! property as the proptest `archive::markdown::properties` (both check with
//! `archive::markdown::unsafe_markup`), on inputs the fuzzer finds.
#![no_main]

use lectern::archive::markdown::{to_html, to_plain_text, unsafe_markup};
use lectern::archive::paragraphs::{indexed_text, paragraphs, to_html_with_anchors};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    for html in [to_html(body), to_html_with_anchors(body)] {
        if let Some(problem) = unsafe_markup(&html) {
            panic!("{problem} in {html:?} from {body:?}");
        }
    }
    let _ = to_plain_text(body);
    let _ = indexed_text(&paragraphs(body));
});
