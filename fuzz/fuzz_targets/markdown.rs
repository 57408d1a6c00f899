//! Markdown rendering with the links allowlist (`archive::markdown`, `archive::paragraphs`):
//! whatever the body, the HTML holds only the tags and attributes the renderer writes (no raw
//! HTML from the source) and no link or image target with an executable scheme. The same
//! property as the proptest `archive::markdown::properties`, on inputs the fuzzer finds.
#![no_main]

use lectern::archive::markdown::{to_html, to_plain_text};
use lectern::archive::paragraphs::{indexed_text, paragraphs, to_html_with_anchors};
use libfuzzer_sys::fuzz_target;

const TAGS: [&str; 27] = [
    "p",
    "div",
    "a",
    "img",
    "em",
    "strong",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "code",
    "pre",
    "blockquote",
    "hr",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "del",
];
const ATTRIBUTES: [&str; 7] = ["href", "src", "alt", "title", "id", "start", "class"];

fn decode(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// A browser's view of a target's scheme: controls and whitespace gone, lower case.
fn executable(target: &str) -> bool {
    let squeezed: String = target
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:", "file:"]
        .iter()
        .any(|scheme| squeezed.starts_with(scheme))
}

/// Checks every tag of `html`; returns the first problem.
fn problem(html: &str) -> Option<String> {
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        let name_end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '/'))
            .unwrap_or(rest.len());
        let name = rest[..name_end].trim_start_matches('/');
        if !TAGS.contains(&name) {
            return Some(format!("tag <{name}"));
        }
        let Some(end) = rest.find('>') else {
            return Some("an unclosed tag".into());
        };
        let mut attributes = rest[name_end..end].trim_end_matches('/').trim();
        while !attributes.is_empty() {
            let Some((attribute, after)) = attributes.split_once("=\"") else {
                return Some(format!("attributes {attributes}"));
            };
            let Some((value, after)) = after.split_once('"') else {
                return Some(format!("attribute value {after}"));
            };
            if !ATTRIBUTES.contains(&attribute.trim()) {
                return Some(format!("attribute {attribute}"));
            }
            if ["href", "src"].contains(&attribute.trim()) && executable(&decode(value)) {
                return Some(format!("target {value}"));
            }
            attributes = after.trim();
        }
        rest = &rest[end + 1..];
    }
    None
}

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    for html in [to_html(body), to_html_with_anchors(body)] {
        if let Some(problem) = problem(&html) {
            panic!("{problem} in {html:?} from {body:?}");
        }
    }
    let _ = to_plain_text(body);
    let _ = indexed_text(&paragraphs(body));
});
