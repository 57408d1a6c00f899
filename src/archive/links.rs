//! Which link targets from item content may become links: http, https, mailto, relative and
//! fragment targets. Everything else (`javascript:`, `data:`, `vbscript:`, `file:`, any other
//! scheme) is shown as text. Pure: strings in, a yes or no out.
//!
//! The check works on the target as a browser will read it: HTML entities already decoded (the
//! Markdown parser does that, and front matter has none), leading and trailing control
//! characters and spaces dropped and tabs and line breaks removed anywhere (as the WHATWG URL
//! parser does, so `java\tscript:` is `javascript:`), the scheme compared without case. It is
//! stricter than a browser on purpose: any `:` before the first `/`, `?` or `#` counts as a
//! scheme, so a relative target like `a:b` is refused too rather than guessed about.

/// The schemes a link from item content may have.
const ALLOWED_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// Whether `target` may become an `href` or `src`.
pub fn is_safe_target(target: &str) -> bool {
    let cleaned: String = target
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let end = cleaned.find(['/', '?', '#']).unwrap_or(cleaned.len());
    match cleaned[..end].find(':') {
        None => true,
        Some(colon) => {
            let scheme = &cleaned[..colon];
            ALLOWED_SCHEMES
                .iter()
                .any(|allowed| scheme.eq_ignore_ascii_case(allowed))
        }
    }
}

/// Whether `url` is an absolute http(s) address: what a front matter `url` must be to be linked.
pub fn is_web_address(url: &str) -> bool {
    let url = url.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && is_safe_target(url)
        && !url.chars().any(|c| c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_mail_relative_and_fragment_targets_pass() {
        for ok in [
            "https://example.org/a?b#c",
            "HTTP://EXAMPLE.ORG",
            "mailto:iemand@example.org",
            "/items/2024/x",
            "../x",
            "x.pdf",
            "#p-3",
            "?q=zorg",
            "//example.org/x",
            "iemand@example.org",
            "/a:b",
        ] {
            assert!(is_safe_target(ok), "{ok}");
        }
    }

    #[test]
    fn executable_and_unknown_schemes_are_refused() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "java\rscript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html;base64,PHNjcmlwdD4=",
            "DATA:image/svg+xml,<svg onload=alert(1)>",
            "file:///etc/passwd",
            "a:b",
            "javascript:/x/",
        ] {
            assert!(!is_safe_target(bad), "{bad:?}");
        }
    }

    #[test]
    fn only_absolute_web_addresses_are_web_addresses() {
        assert!(is_web_address("https://example.org/talk"));
        assert!(is_web_address("HTTPS://example.org/talk"));
        assert!(!is_web_address("/items/x"));
        assert!(!is_web_address("javascript:alert(1)"));
        assert!(!is_web_address("httpjavascript:alert(1)"));
        assert!(!is_web_address("https://exa\u{7}mple.org"));
    }
}
