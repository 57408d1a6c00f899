//! Markdown bodies: rendering to HTML for item pages and flattening to plain text for snippets.
//!
//! Raw HTML in a body is shown as text, never passed through: transcripts are not trusted markup.
//! A link or image whose target is not http, https, mailto, relative or a fragment
//! (`archive::links`) is shown as its text, without the link: `[x](javascript:...)` is just `x`.

use pulldown_cmark::{html, Alignment, Event, Options, Parser, Tag, TagEnd};

use super::links::is_safe_target;

/// Makes parser events safe to render: raw HTML becomes text, and links and images with a
/// target that is not allowed lose their tags (their text stays). Table columns lose their
/// alignment, which the renderer writes as `style` attributes that the pages' Content Security
/// Policy refuses. Every renderer of item Markdown passes its events through this.
pub fn neutralise<'a>(events: impl Iterator<Item = Event<'a>>) -> impl Iterator<Item = Event<'a>> {
    // Per open link or image: whether its tags are dropped.
    let mut open: Vec<bool> = Vec::new();
    events.filter_map(move |event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Table(columns)) => Some(Event::Start(Tag::Table(vec![
            Alignment::None;
            columns.len()
        ]))),
        Event::Start(Tag::Link { ref dest_url, .. } | Tag::Image { ref dest_url, .. }) => {
            let drop = !is_safe_target(dest_url);
            open.push(drop);
            (!drop).then_some(event)
        }
        Event::End(TagEnd::Link | TagEnd::Image) => {
            let dropped = open.pop().unwrap_or(false);
            (!dropped).then_some(event)
        }
        other => Some(other),
    })
}

/// Renders Markdown to HTML, escaping any raw HTML in the source and dropping unsafe links.
pub fn to_html(markdown: &str) -> String {
    let parser = neutralise(Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    ));
    let mut out = String::with_capacity(markdown.len() * 5 / 4);
    html::push_html(&mut out, parser);
    out
}

/// Flattens Markdown to plain text: one line per paragraph or heading, markup removed.
pub fn to_plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new(markdown) {
        match event {
            Event::Text(text) | Event::Code(text) => out.push_str(&text),
            Event::Html(raw) | Event::InlineHtml(raw) => out.push_str(&raw),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::CodeBlock,
            ) => out.push('\n'),
            Event::Start(Tag::Item) => {}
            _ => {}
        }
    }
    out
}

/// The tags and attributes the renderer writes (see [`unsafe_markup`]).
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

/// The first thing in rendered `html` that the renderer must never write: a tag or attribute
/// it does not write itself (raw HTML from the source), or a link or image target with an
/// executable scheme. Checked on every output by the property test and the fuzz target.
pub fn unsafe_markup(html: &str) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_escaped() {
        assert!(to_html("<script>alert(1)</script>").contains("&lt;script&gt;"));
    }

    #[test]
    fn unsafe_link_and_image_targets_render_as_text() {
        let body = "[Full transcript](javascript:fetch('/admin')) \
            [b](JaVaScRiPt:alert(1)) [c](&#106;avascript:alert(1)) [d](java&#9;script:alert(1)) \
            <javascript:alert(2)> <VBScript:msgbox(1)> ![e](data:image/svg+xml,x) \
            [f][ref] [![g](javascript:alert(3))](https://example.org/ok)\n\n\
            [ref]: data:text/html,x\n";
        let html = to_html(body);
        for bad in ["javascript", "JaVaScRiPt", "VBScript:", "data:", "&#106;"] {
            assert!(!html.contains(&format!("href=\"{bad}")), "{html}");
            assert!(!html.contains(&format!("src=\"{bad}")), "{html}");
        }
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("Full transcript"), "{html}");
        assert!(
            html.contains("<a href=\"https://example.org/ok\">g</a>"),
            "{html}"
        );
        assert_eq!(html.matches("<a ").count(), 1, "{html}");
    }

    #[test]
    fn safe_link_targets_stay_links() {
        let html = to_html(
            "[a](https://example.org) [b](/items/x) [c](#p-2) [d](mailto:x@example.org) <x@example.org> ![e](/img.png)",
        );
        assert_eq!(html.matches("<a href=").count(), 5, "{html}");
        assert!(html.contains("<img src=\"/img.png\" alt=\"e\""), "{html}");
    }

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(
            to_plain_text("## Kop\n\nEen *vet* woord."),
            "Kop\nEen vet woord.\n"
        );
    }
}

/// Property: whatever the Markdown, the HTML has no raw HTML from the source (only the tags and
/// attributes the renderer writes) and no link or image target with an executable scheme.
#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::unsafe_markup;

    fn pieces() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "[",
            "]",
            "(",
            ")",
            "<",
            ">",
            "!",
            "`",
            "\\",
            "\"",
            "'",
            " ",
            "\t",
            "\n",
            "\n\n",
            "\u{0}",
            "\u{1}",
            "\u{b}",
            "javascript",
            "JaVaScRiPt",
            "java",
            "script",
            "vbscript",
            "data",
            "file",
            ":",
            "&colon;",
            "&#58;",
            "&#106;",
            "&#x6A;",
            "&Tab;",
            "&#9;",
            "%3A",
            "alert(1)",
            "http://x.nl",
            "https:",
            "mailto:",
            "/",
            "#",
            "?",
            "[r]: ",
            "[r]",
            "<script>",
            "</script>",
            "<img src=x onerror=alert(1)>",
            "onerror=",
            "<a href=",
            "text/html,",
            "*",
            "_",
            "- ",
            "1. ",
            "> ",
            "## ",
            "|a|b|\n|-|-|\n",
            "|a|b|\n|:-|-:|\n",
            "[12:40] ",
            "x",
        ]);
        // Whole links and images with every kind of target, so that most inputs have some.
        let link = (
            prop::sample::select(vec![
                "[t](",
                "![a](",
                "<",
                "[t](<",
                "[r]: ",
                "[![a](x.png)](",
            ]),
            prop::sample::select(vec![
                "javascript:",
                "JaVaScRiPt:",
                " javascript:",
                "java\tscript:",
                "java\nscript:",
                "&#106;avascript:",
                "&#x6A;avascript&colon;",
                "javascript&#58;",
                "\u{1}javascript:",
                "vbscript:",
                "data:text/html,",
                "DATA:image/svg+xml,",
                "file:///",
                "https://x.nl/",
                "mailto:",
                "/",
                "#",
                "",
                "x:",
            ]),
            prop::sample::select(vec!["alert(1)", "x", "", "%0a", "(1)"]),
            prop::sample::select(vec![")", ">", "\n", " \"t\")", ")\n\n[r]"]),
        )
            .prop_map(|(a, b, c, d)| format!("{a}{b}{c}{d}"));
        let piece = piece.prop_map(str::to_string);
        prop::collection::vec(prop_oneof![piece, link], 0..40).prop_map(|parts| parts.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn rendered_markdown_has_no_raw_html_or_executable_target(body in pieces()) {
            for html in [super::to_html(&body), crate::archive::paragraphs::to_html_with_anchors(&body)] {
                prop_assert_eq!(unsafe_markup(&html), None, "{:?} -> {}", body, html);
            }
        }
    }
}
