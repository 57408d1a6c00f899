//! WebVTT and SubRip parsing (`ingest::subtitles`): the first byte picks the format; cues that
//! parse become a Markdown body whose paragraphs the item page splits again.
#![no_main]

use lectern::archive::paragraphs::paragraphs;
use lectern::ingest::subtitles::{parse, to_markdown, voices, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((first, rest)) = data.split_first() else {
        return;
    };
    let format = if first % 2 == 0 {
        Format::Vtt
    } else {
        Format::Srt
    };
    let text = String::from_utf8_lossy(rest);
    if let Ok(cues) = parse(&text, format) {
        let _ = voices(&cues);
        let _ = paragraphs(&to_markdown(&cues));
    }
});
