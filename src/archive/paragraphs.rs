//! The paragraphs of an item's body and their anchors, shared by the item page and search passages.
//!
//! A paragraph is a top-level text block of the Markdown body: a paragraph, heading, list item,
//! code block or table. Paragraph N (1-based) has the anchor `p-N`; a paragraph that starts with a
//! timestamp in square brackets (`[12:40] ...` or `[1:02:03] ...`, one cue of a timed transcript)
//! has the anchor `t=12:40` instead. Pure: no file IO, no index, no HTML beyond rendering.

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd};

/// One paragraph: its anchor, its timestamp if it is a transcript cue, and its plain text
/// (without the timestamp).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub anchor: String,
    pub time: Option<String>,
    pub text: String,
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

fn starts_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::CodeBlock(_) | Tag::Table(_)
    )
}

fn ends_block(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::CodeBlock | TagEnd::Table
    )
}

/// `[12:40] text` -> (`12:40`, `text`); `[1:02:03] text` -> (`1:02:03`, `text`).
pub fn split_timestamp(text: &str) -> Option<(&str, &str)> {
    let rest = text.trim_start().strip_prefix('[')?;
    let (time, after) = rest.split_once(']')?;
    let parts: Vec<&str> = time.split(':').collect();
    let valid = (2..=3).contains(&parts.len())
        && parts.iter().all(|p| !p.is_empty() && p.len() <= 2)
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
        && parts[1..].iter().all(|p| p.len() == 2);
    valid.then(|| (time, after.trim_start()))
}

/// The body's paragraphs in order, with their anchors. A cue whose time was already used
/// (two cues in the same second) keeps its `p-N` anchor, so anchors stay unique.
pub fn paragraphs(markdown: &str) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut depth = 0usize;
    let mut text = String::new();
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(tag) if starts_block(&tag) => {
                if depth == 0 {
                    text.clear();
                }
                depth += 1;
            }
            Event::End(tag) if ends_block(&tag) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    let mut next = paragraph(out.len() + 1, text.trim());
                    if next.time.is_some() && out.iter().any(|p| p.anchor == next.anchor) {
                        next.anchor = format!("p-{}", out.len() + 1);
                    }
                    out.push(next);
                } else {
                    text.push(' ');
                }
            }
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t)
                if depth > 0 =>
            {
                text.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak if depth > 0 => text.push(' '),
            _ => {}
        }
    }
    out
}

fn paragraph(number: usize, text: &str) -> Paragraph {
    match split_timestamp(text) {
        Some((time, rest)) => Paragraph {
            anchor: format!("t={time}"),
            time: Some(time.to_string()),
            text: rest.to_string(),
        },
        None => Paragraph {
            anchor: format!("p-{number}"),
            time: None,
            text: text.to_string(),
        },
    }
}

/// The text the index holds for a body: its paragraphs' plain text, in order, one blank line
/// apart. Search passages count the index's token positions through the same paragraphs, so
/// the two must stay this way together (a change is an analyzer version change).
pub fn indexed_text(paragraphs: &[Paragraph]) -> String {
    let mut out = String::with_capacity(paragraphs.iter().map(|p| p.text.len() + 2).sum());
    for paragraph in paragraphs {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&paragraph.text);
    }
    out
}

/// Where each paragraph starts in [`indexed_text`] (one blank line between them), measured by
/// `len`: `str::len` for byte offsets, a character count for character offsets.
pub fn starts_in_indexed_text(paragraphs: &[Paragraph], len: impl Fn(&str) -> usize) -> Vec<usize> {
    paragraphs
        .iter()
        .scan(0, |at, p| {
            let start = *at;
            *at += len(&p.text) + 2;
            Some(start)
        })
        .collect()
}

/// Renders the body to HTML with an `id` on every paragraph (its anchor); a cue's timestamp
/// becomes a link to the cue. Raw HTML in the source is shown as text, never passed through,
/// and so are links and images with targets that are not allowed (`markdown::neutralise`).
pub fn to_html_with_anchors(markdown: &str) -> String {
    to_html_with_quotes(markdown, &[])
}

/// A quotation to mark on the item page: its paragraph, its characters in the paragraph's
/// plain text (as [`paragraphs`] gives it) and whose it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteMark {
    pub anchor: String,
    pub start: usize,
    pub end: usize,
    pub who: Option<String>,
}

/// [`to_html_with_anchors`], with each quotation's text in `<span class="quote">` (one per
/// piece of text, so inline markup inside a quotation stays well nested) and, after it, whose
/// it is in `<span class="who">`. The name is text, escaped like the rest. Cues are not marked.
pub fn to_html_with_quotes(markdown: &str, marks: &[QuoteMark]) -> String {
    let mut next = paragraphs(markdown).into_iter();
    // The quotations of the paragraph being written and the characters of it written so far.
    let mut current: Vec<&QuoteMark> = Vec::new();
    let mut at = 0usize;
    // Bytes of a cue's `[12:40]` still to leave out of the text that follows its link.
    let mut skip = 0usize;
    let mut depth = 0usize;
    let mut closers: Vec<&'static str> = Vec::new();
    let mut events: Vec<Event> = Vec::new();
    for event in super::markdown::neutralise(Parser::new_ext(markdown, options())) {
        match event {
            Event::Start(tag) if starts_block(&tag) => {
                depth += 1;
                if depth > 1 {
                    events.push(Event::Start(tag));
                    continue;
                }
                let paragraph = next.next();
                let id = paragraph
                    .as_ref()
                    .map(|p| p.anchor.clone())
                    .unwrap_or_default();
                let time = paragraph.and_then(|p| p.time);
                at = 0;
                current = marks
                    .iter()
                    .filter(|m| m.anchor == id && time.is_none())
                    .collect();
                match tag {
                    Tag::Heading {
                        level,
                        classes,
                        attrs,
                        ..
                    } => {
                        closers.push("");
                        events.push(Event::Start(Tag::Heading {
                            level,
                            id: Some(CowStr::from(id)),
                            classes,
                            attrs,
                        }))
                    }
                    Tag::Paragraph => {
                        closers.push("</p>\n");
                        let cue = match time {
                            Some(time) => {
                                skip = time.len() + 2;
                                format!("<a class=\"cue\" href=\"#{id}\">{time}</a>")
                            }
                            None => String::new(),
                        };
                        events.push(Event::Html(format!("<p id=\"{id}\">{cue}").into()));
                    }
                    Tag::Item => {
                        closers.push("</li>\n");
                        events.push(Event::Html(format!("<li id=\"{id}\">").into()));
                    }
                    other => {
                        closers.push("</div>\n");
                        events.push(Event::Html(format!("<div id=\"{id}\">").into()));
                        events.push(Event::Start(other));
                    }
                }
            }
            Event::End(tag) if ends_block(&tag) => {
                depth = depth.saturating_sub(1);
                if depth > 0 {
                    at += 1; // a nested block's end is a space in the plain text
                    events.push(Event::End(tag));
                    continue;
                }
                match closers.pop().unwrap_or("") {
                    "" => events.push(Event::End(tag)),
                    "</div>\n" => {
                        events.push(Event::End(tag));
                        events.push(Event::Html("</div>\n".into()));
                    }
                    closer => events.push(Event::Html(closer.into())),
                }
            }
            Event::Text(text) if skip > 0 => {
                let cut = skip.min(text.len());
                skip -= cut;
                let rest = text.get(cut..).unwrap_or("");
                if !rest.is_empty() {
                    events.push(Event::Text(rest.to_string().into()));
                }
            }
            Event::Text(text) if depth > 0 && !current.is_empty() => {
                let length = text.chars().count();
                mark_text(&text, at, &current, &mut events);
                at += length;
            }
            Event::Code(code) if depth > 0 => {
                at += code.chars().count();
                events.push(Event::Code(code));
            }
            Event::Text(text) if depth > 0 => {
                at += text.chars().count();
                events.push(Event::Text(text));
            }
            Event::SoftBreak | Event::HardBreak if depth > 0 => {
                at += 1;
                events.push(event);
            }
            other => events.push(other),
        }
    }
    let mut out = String::with_capacity(markdown.len() * 5 / 4);
    html::push_html(&mut out, events.into_iter());
    out
}

/// Pushes `text` (starting at character `at` of its paragraph) with the parts inside
/// quotations wrapped, and whose each is after its last character.
fn mark_text<'a>(text: &str, at: usize, marks: &[&QuoteMark], events: &mut Vec<Event<'a>>) {
    let chars: Vec<char> = text.chars().collect();
    let end = at + chars.len();
    // Cut points inside this text: every quotation start and end that falls in it.
    let mut cuts: Vec<usize> = vec![at, end];
    for mark in marks {
        cuts.extend(
            [mark.start, mark.end]
                .into_iter()
                .filter(|c| *c > at && *c < end),
        );
    }
    cuts.sort_unstable();
    cuts.dedup();
    for pair in cuts.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        let piece: String = chars[from - at..to - at].iter().collect();
        match marks.iter().find(|m| m.start <= from && to <= m.end) {
            Some(mark) => {
                events.push(Event::Html("<span class=\"quote\">".into()));
                events.push(Event::Text(piece.into()));
                events.push(Event::Html("</span>".into()));
                if to == mark.end {
                    if let Some(who) = &mark.who {
                        events.push(Event::Html(" <span class=\"who\">(".into()));
                        events.push(Event::Text(who.clone().into()));
                        events.push(Event::Html(")</span>".into()));
                    }
                }
            }
            None => events.push(Event::Text(piece.into())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotations_are_marked_with_whose_they_are_escaped() {
        let body = "Eerst.\n\nZe zei: “Wij *blijven* hier.” Klaar.";
        let marks = [QuoteMark {
            anchor: "p-2".into(),
            start: 8,
            end: 27,
            who: Some("Bo <b>Jansen</b>".into()),
        }];
        let html = to_html_with_quotes(body, &marks);
        assert!(
            html.contains("<p id=\"p-2\">Ze zei: <span class=\"quote\">“Wij </span><em><span class=\"quote\">blijven</span></em><span class=\"quote\"> hier.”</span> <span class=\"who\">(Bo &lt;b&gt;Jansen&lt;/b&gt;)</span> Klaar.</p>"),
            "{html}"
        );
    }

    #[test]
    fn paragraphs_are_numbered_and_cues_timed() {
        let body = "## Kop\n\nEen *vet* woord.\n\n[12:40] Dan zegt ze iets.\n\n[1:02:03] Later.\n\n- een\n- twee\n";
        let found = paragraphs(body);
        let anchors: Vec<&str> = found.iter().map(|p| p.anchor.as_str()).collect();
        assert_eq!(
            anchors,
            ["p-1", "p-2", "t=12:40", "t=1:02:03", "p-5", "p-6"]
        );
        assert_eq!(found[1].text, "Een vet woord.");
        assert_eq!(found[2].text, "Dan zegt ze iets.");
        assert_eq!(found[2].time.as_deref(), Some("12:40"));
    }

    #[test]
    fn html_carries_the_same_anchors_and_escapes_raw_html() {
        let body = "## Kop\n\nTekst <script>x</script>.\n\n[12:40] Cue.\n\n- een\n- twee\n";
        let html = to_html_with_anchors(body);
        assert!(html.contains("<h2 id=\"p-1\">Kop</h2>"), "{html}");
        assert!(
            html.contains("<p id=\"p-2\">Tekst &lt;script&gt;"),
            "{html}"
        );
        assert!(
            html.contains(
                "<p id=\"t=12:40\"><a class=\"cue\" href=\"#t=12:40\">12:40</a> Cue.</p>"
            ),
            "{html}"
        );
        assert!(html.contains("<li id=\"p-5\">twee</li>"), "{html}");
    }

    #[test]
    fn unsafe_links_render_as_text_on_the_item_page() {
        let html = to_html_with_anchors(
            "Zie [het verslag](javascript:alert(1)) en <jAvAsCrIpT:alert(2)>.\n\n![x](vbscript:y) [ok](https://example.org)\n",
        );
        assert!(
            !html.to_ascii_lowercase().contains("href=\"javascript"),
            "{html}"
        );
        assert!(
            html.contains("Zie het verslag en jAvAsCrIpT:alert(2)."),
            "{html}"
        );
        assert!(!html.contains("vbscript"), "{html}");
        assert!(
            html.contains("<a href=\"https://example.org\">ok</a>"),
            "{html}"
        );
    }

    #[test]
    fn anchors_stay_unique() {
        let found = paragraphs("[01:00] a\n\n[01:00] b\n");
        assert_eq!(found[0].anchor, "t=01:00");
        assert_eq!(found[1].anchor, "p-2");
        assert_eq!(found[1].time.as_deref(), Some("01:00"));
    }

    #[test]
    fn not_every_bracket_is_a_timestamp() {
        assert_eq!(split_timestamp("[noot] tekst"), None);
        assert_eq!(split_timestamp("[12:4] x"), None);
        assert_eq!(split_timestamp("[123:40] x"), None);
        assert_eq!(split_timestamp("[0:05] x"), Some(("0:05", "x")));
    }
}
