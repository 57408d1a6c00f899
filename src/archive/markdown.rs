//! Markdown bodies: rendering to HTML for item pages and flattening to plain text for snippets.
//!
//! Raw HTML in a body is shown as text, never passed through: transcripts are not trusted markup.

use pulldown_cmark::{html, Event, Options, Parser, Tag, TagEnd};

/// Renders Markdown to HTML, escaping any raw HTML in the source.
pub fn to_html(markdown: &str) -> String {
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    .map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_escaped() {
        assert!(to_html("<script>alert(1)</script>").contains("&lt;script&gt;"));
    }

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(
            to_plain_text("## Kop\n\nEen *vet* woord."),
            "Kop\nEen vet woord.\n"
        );
    }
}
