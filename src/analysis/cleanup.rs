//! Cleanup of text extracted from PDFs (or pasted from them) into Markdown paragraphs.
//!
//! Pure functions on strings, deterministic: joins words hyphenated across line breaks while
//! keeping real hyphens, rebuilds paragraphs from hard-wrapped (also double-spaced) lines,
//! turns short heading lines into `## ` headings and collapses stray whitespace. Knows nothing
//! of files, items or the index.
//!
//! Line-end hyphens are decided in `hyphen`. A line-end hyphen is a break (`identi-` + `teit` -> `identiteit`) unless: the continuation
//! is `en`/`of`/... or a comma (`contact- en`), the document itself writes the hyphenated form
//! elsewhere, the left part is an acronym (`ANWB-`, `ggz-`) or a number, the continuation starts
//! with a capital or digit, or the left part is a capitalised name the text uses on its own
//! (`Movisie-` + `bijeenkomst`). When the document writes the joined word elsewhere, it joins.

use super::hyphen::{join_lines, vocabulary};

/// Words a heading does not end with: the line goes on.
const GOES_ON: [&str; 24] = [
    "de", "het", "een", "van", "bij", "op", "in", "en", "of", "voor", "met", "aan", "te", "die",
    "dat", "naar", "om", "the", "a", "an", "to", "and", "for", "with",
];
const HEADING_MAX_CHARS: usize = 60;
const HEADING_MAX_WORDS: usize = 8;
const HEADING_BLOCK_MAX_WORDS: usize = 12;

/// Cleans PDF-extracted text into Markdown: paragraphs separated by blank lines, `## ` headings.
pub fn clean_text(text: &str) -> String {
    let lines = normalise_lines(text);
    let vocabulary = vocabulary(text);
    let blocks = blocks(&lines);
    let mut out = Vec::with_capacity(blocks.len());
    // A double-spaced block after single-spaced body text is a sidebar or box: a blockquote.
    let mut body_seen = false;
    for block in blocks {
        match block {
            Block::Heading(words) => out.push(format!("## {}", collapse(&words.join(" ")))),
            Block::Paragraph(parts, double_spaced) => {
                let text = join_lines(&parts, &vocabulary);
                if text.is_empty() {
                    continue;
                }
                let text = escape_block_start(&text);
                if double_spaced && body_seen {
                    out.push(format!("> {text}"));
                } else {
                    body_seen |= !double_spaced && parts.len() > 1;
                    out.push(text);
                }
            }
        }
    }
    out.join("\n\n")
}

/// One line of the input: its text (trimmed, whitespace collapsed) and whether blank lines preceded it.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    blank_before: bool,
}

#[derive(Debug, PartialEq)]
enum Block {
    Heading(Vec<String>),
    /// The lines, and whether they were double-spaced (blank lines between wrapped lines).
    Paragraph(Vec<String>, bool),
}

fn normalise_lines(text: &str) -> Vec<Line> {
    let text = text
        .replace("\r\n", "\n")
        .replace(['\r', '\u{c}'], "\n")
        .replace(['\t', '\u{a0}', '\u{2007}', '\u{202f}'], " ");
    let mut lines = Vec::new();
    let mut blank_before = false;
    for raw in text.lines() {
        let line = collapse(raw.trim());
        if line.is_empty() {
            blank_before = true;
            continue;
        }
        lines.push(Line {
            text: line,
            blank_before: blank_before || lines.is_empty(),
        });
        blank_before = false;
    }
    lines
}

/// Runs of whitespace become one space.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Groups lines into headings and paragraphs.
fn blocks(lines: &[Line]) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current: Vec<String> = Vec::new();
    // Whether the current paragraph's lines were separated by blank lines (double spacing).
    let mut double_spaced = false;
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        let after_heading = current.is_empty() && matches!(blocks.last(), Some(Block::Heading(_)));
        let at_paragraph_start = current.is_empty()
            || (line.blank_before && current.last().is_some_and(|l| ends_sentence(l)));
        if at_paragraph_start && !after_heading {
            if let Some(len) = heading_at(lines, i) {
                flush(&mut current, double_spaced, &mut blocks);
                let words = lines[i..i + len].iter().map(|l| l.text.clone()).collect();
                blocks.push(Block::Heading(words));
                i += len;
                double_spaced = false;
                continue;
            }
        }
        if let Some(last) = current.last() {
            let breaks = if line.blank_before {
                ends_sentence(last)
            } else {
                double_spaced && current.len() > 1 && ends_sentence(last)
            };
            if breaks {
                flush(&mut current, double_spaced, &mut blocks);
            } else if current.len() == 1 {
                double_spaced = line.blank_before;
            }
        }
        if current.is_empty() {
            double_spaced = false;
        }
        current.push(line.text.clone());
        i += 1;
    }
    flush(&mut current, double_spaced, &mut blocks);
    blocks
}

fn flush(current: &mut Vec<String>, double_spaced: bool, blocks: &mut Vec<Block>) {
    if !current.is_empty() {
        blocks.push(Block::Paragraph(std::mem::take(current), double_spaced));
    }
}

/// How many lines from `i` form a heading, if they do: one short line followed by a line that
/// starts a sentence, or up to three short lines closed by a blank line.
fn heading_at(lines: &[Line], i: usize) -> Option<usize> {
    if !starts_upper(&lines[i].text) || !headingish(&lines[i].text) {
        return None;
    }
    let next_starts_sentence = |j: usize| lines.get(j).is_none_or(|l| starts_upper(&l.text));
    if lines.get(i + 1).is_some() && next_starts_sentence(i + 1) {
        return Some(1);
    }
    let mut words = 0;
    for len in 1..=3 {
        let line = lines.get(i + len - 1)?;
        if len > 1 && (line.blank_before || !headingish(&line.text)) {
            return None;
        }
        words += line.text.split_whitespace().count();
        let closed = lines.get(i + len).is_none_or(|l| l.blank_before);
        if closed {
            return (len > 1 && words <= HEADING_BLOCK_MAX_WORDS && next_starts_sentence(i + len))
                .then_some(len);
        }
    }
    None
}

/// Short, and not ending like a sentence, a broken word or a phrase that goes on.
fn headingish(text: &str) -> bool {
    let last = text.chars().last().unwrap_or(' ');
    let last_word = text.split_whitespace().last().unwrap_or("");
    !GOES_ON.contains(&last_word)
        && text.chars().count() <= HEADING_MAX_CHARS
        && text.split_whitespace().count() <= HEADING_MAX_WORDS
        && !matches!(
            last,
            '.' | ',' | ';' | ':' | '-' | '–' | '—' | '"' | '”' | '’' | '\'' | ')'
        )
}

fn starts_upper(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Whether a line ends a sentence: `.`, `!` or `?`, possibly followed by closing quotes or brackets.
fn ends_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(['"', '”', '’', '\'', ')', '»']);
    trimmed.ends_with(['.', '!', '?', '…'])
}

/// A paragraph that would start a Markdown list, quote or heading is escaped.
fn escape_block_start(text: &str) -> String {
    let starts_marker = text.starts_with(['#', '>', '-', '+', '*', '=', '|'])
        || text.split_once(['.', ')']).is_some_and(|(n, _)| {
            !n.is_empty() && n.len() <= 9 && n.bytes().all(|b| b.is_ascii_digit())
        });
    if starts_marker {
        format!("\\{text}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn seed() -> String {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/seeds/000_1e4a11040d0c92e8.txt"
        );
        std::fs::read_to_string(path).expect("the seed is in ../shared/seeds")
    }

    fn words(markdown: &str) -> HashSet<String> {
        markdown
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .map(|w| w.trim_matches('-').to_string())
            .collect()
    }

    #[test]
    fn joins_words_broken_across_lines_in_the_seed() {
        let clean = clean_text(&seed());
        let words = words(&clean);
        for word in [
            "identiteit",
            "opbouwwerker",
            "gemakkelijk",
            "problematisch",
            "arbeidsbelasting",
            "stressreductie",
            "situaties",
            "politieke",
            "symptomatisch",
            "waarmee",
            "organisatorische",
        ] {
            assert!(words.contains(word), "{word} missing in:\n{clean}");
        }
        for broken in ["identi", "teit", "opbouw-werker", "gemakke", "lijk"] {
            assert!(!words.contains(broken), "{broken} left in:\n{clean}");
        }
    }

    #[test]
    fn keeps_real_hyphens_in_the_seed() {
        let clean = clean_text(&seed());
        assert!(clean.contains("ANWB-bord"));
        assert!(clean.contains("Movisie-bijeenkomst"));
        assert!(
            clean.contains("ervarings-, contact- en contextberoep"),
            "{clean}"
        );
    }

    #[test]
    fn headings_in_the_seed_become_markdown_headings() {
        let clean = clean_text(&seed());
        for heading in ["## Machteloosheid", "## Discontinuïteit", "## Pleidooi"] {
            assert!(
                clean.lines().any(|l| l == heading),
                "{heading} missing in:\n{clean}"
            );
        }
        assert!(clean.starts_with("## Het uur van de waarheid voor het sociaal werk\n"));
        let headings = clean.lines().filter(|l| l.starts_with("## ")).count();
        assert_eq!(headings, 4, "{clean}");
    }

    #[test]
    fn rebuilds_paragraphs_and_collapses_whitespace() {
        let clean = clean_text(&seed());
        // The double-spaced lead is one paragraph, not one per line.
        let lead = clean
            .split("\n\n")
            .find(|p| p.starts_with("De bijeenkomst"))
            .unwrap();
        assert!(lead.contains("belegde op 6 oktober, leverde"), "{lead}");
        assert!(lead.ends_with("wordt versterkt."), "{lead}");
        assert!(!clean.contains("  "));
        assert!(!clean.contains(" \n"));
        // The double-spaced sidebar after the body reads as whole paragraphs, set apart as a quote.
        assert!(clean.contains("\n\n> De berichtgeving over de verschijning van het essay Het geheim van de lange relatie ging gepaard"), "{clean}");
        assert!(clean.ends_with("\n\n> Het essay is te downloaden via de website van Movisie: Verschenen essay: Het geheim van de lange relatie | Movisie."), "{clean}");
        assert_eq!(
            clean.matches("\n> ").count(),
            2,
            "only the sidebar is quoted"
        );
        let paragraphs = clean.split("\n\n").count();
        assert!(
            (12..=20).contains(&paragraphs),
            "{paragraphs} blocks:\n{clean}"
        );
    }

    #[test]
    fn hyphen_rules_on_plain_strings() {
        assert_eq!(
            clean_text("De ggz-\ncliënten wachten."),
            "De ggz-cliënten wachten."
        );
        assert_eq!(
            clean_text("Het zorg-\nen welzijnswerk staat onder druk."),
            "Het zorg- en welzijnswerk staat onder druk."
        );
        assert_eq!(clean_text("Een ANWB-\nbord."), "Een ANWB-bord.");
        assert_eq!(
            clean_text("In 2022-\n2023 gebeurde het."),
            "In 2022-2023 gebeurde het."
        );
        assert_eq!(
            clean_text("De Noord-\nHollandse kust."),
            "De Noord-Hollandse kust."
        );
        assert_eq!(
            clean_text("Het is gemakke-\nlijk gezegd."),
            "Het is gemakkelijk gezegd."
        );
        assert_eq!(clean_text("Een soft\u{ad}\nhyphen."), "Een softhyphen.");
        // The document writes the hyphenated form elsewhere: keep it.
        assert_eq!(
            clean_text("Het online-\nplatform en een tweede online-platform."),
            "Het online-platform en een tweede online-platform."
        );
    }

    #[test]
    fn markdown_markers_at_a_paragraph_start_are_escaped() {
        assert_eq!(clean_text("- geen lijst hier."), "\\- geen lijst hier.");
        assert_eq!(clean_text("1. Geen lijst."), "\\1. Geen lijst.");
    }

    #[test]
    fn is_deterministic_and_idempotent_on_its_paragraph_text() {
        let once = clean_text(&seed());
        assert_eq!(once, clean_text(&seed()));
    }
}
