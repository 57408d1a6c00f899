//! What the XML documents (Atom, OAI-PMH, OpenSearch, sitemaps) share: text escaping and
//! UTC timestamps in the one format all of them accept.
//!
//! Plain string building; no XML library is needed for documents this regular.

/// Escapes text for XML content and attribute values. Characters XML 1.0 forbids (most
/// control characters) are dropped, so no archive text can make a document ill-formed.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

pub use crate::archive::stamp::{parse_utc, utc};

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::SystemTime;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }

    #[test]
    fn timestamps_are_seconds_in_utc() {
        let t = SystemTime::UNIX_EPOCH + std::time::Duration::from_millis(1_700_000_000_500);
        assert_eq!(utc(t), "2023-11-14T22:13:20Z");
        assert_eq!(
            utc(parse_utc("2023-11-14T22:13:20Z").unwrap()),
            "2023-11-14T22:13:20Z"
        );
    }
}
