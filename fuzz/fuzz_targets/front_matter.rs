//! Front matter and item parsing (`archive::front_matter`): any file text either parses or is
//! refused with problems, never a panic; an item that parses renders (`archive::render`, what
//! the editor writes) to a file that parses again to the same item.
#![no_main]

use lectern::archive::front_matter::{parse_item, split};
use lectern::archive::render::render;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = split(text);
    if let Ok(item) = parse_item(text, "fuzz/item.md") {
        let again = parse_item(&render(&item), "fuzz/item.md")
            .unwrap_or_else(|problems| panic!("a rendered item does not parse: {problems:?}"));
        assert_eq!(again.title, item.title);
        assert_eq!(again.date, item.date);
        assert_eq!(again.speakers, item.speakers);
        assert_eq!(again.themes, item.themes);
    }
});
