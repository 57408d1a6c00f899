//! What the XML documents (Atom, OAI-PMH, OpenSearch, sitemaps) share: text escaping and
//! UTC timestamps in the one format all of them accept.
//!
//! Plain string building; no XML library is needed for documents this regular.

use std::time::SystemTime;

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

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

/// `2024-05-01T09:30:00Z`: seconds, UTC. Valid as an OAI-PMH datestamp, an Atom date
/// (RFC 3339) and a sitemap `lastmod` (W3C datetime).
pub fn utc(time: SystemTime) -> String {
    let time = OffsetDateTime::from(time)
        .replace_nanosecond(0)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH);
    time.format(&Rfc3339)
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".to_string())
}

/// Parses what [`utc`] writes (and any RFC 3339 time) back.
pub fn parse_utc(text: &str) -> Option<SystemTime> {
    OffsetDateTime::parse(text, &Rfc3339)
        .ok()
        .map(SystemTime::from)
}

#[cfg(test)]
mod tests {
    use super::*;

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
