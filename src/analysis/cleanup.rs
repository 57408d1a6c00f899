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
/// starts a sentence, or up to three short lines closed by a blank line (a title broken over
/// lines may break after `de` or `voor`; only its last line must not end like that).
fn heading_at(lines: &[Line], i: usize) -> Option<usize> {
    if !starts_upper(&lines[i].text) || !short_line(&lines[i].text) {
        return None;
    }
    let next_starts_sentence = |j: usize| lines.get(j).is_none_or(|l| starts_upper(&l.text));
    if headingish(&lines[i].text) && lines.get(i + 1).is_some() && next_starts_sentence(i + 1) {
        return Some(1);
    }
    let mut words = 0;
    for len in 1..=3 {
        let line = lines.get(i + len - 1)?;
        if len > 1 && (line.blank_before || !short_line(&line.text)) {
            return None;
        }
        words += line.text.split_whitespace().count();
        let closed = lines.get(i + len).is_none_or(|l| l.blank_before);
        if closed {
            return (len > 1
                && headingish(&line.text)
                && words <= HEADING_BLOCK_MAX_WORDS
                && next_starts_sentence(i + len))
            .then_some(len);
        }
    }
    None
}

/// Short, and not ending like a sentence, a broken word or a phrase that goes on.
fn headingish(text: &str) -> bool {
    let last_word = text.split_whitespace().last().unwrap_or("");
    !GOES_ON.contains(&last_word) && short_line(text)
}

/// Short, and not ending like a sentence or a broken word.
fn short_line(text: &str) -> bool {
    let last = text.chars().last().unwrap_or(' ');
    text.chars().count() <= HEADING_MAX_CHARS
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

    /// A report in the style of a PDF extraction, written for these tests: a title over two
    /// lines, a double-spaced lead, hard-wrapped body lines with trailing spaces, words broken
    /// across lines, real hyphens at line ends, three headings and a double-spaced sidebar.
    const REPORT: &str = include_str!("../../tests/fixtures/report-nl.txt");

    /// The seed report of ../shared, for the tests that check the cleanup on the real extraction.
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

    fn assert_joined(clean: &str, joined: &[&str], broken: &[&str]) {
        let words = words(clean);
        for word in joined {
            assert!(words.contains(*word), "{word} missing in:\n{clean}");
        }
        for part in broken {
            assert!(!words.contains(*part), "{part} left in:\n{clean}");
        }
    }

    fn assert_headings(clean: &str, title: &str, headings: &[&str]) {
        assert!(clean.starts_with(&format!("## {title}\n")), "{clean}");
        for heading in headings {
            let line = format!("## {heading}");
            assert!(
                clean.lines().any(|l| l == line),
                "{line} missing in:\n{clean}"
            );
        }
        let count = clean.lines().filter(|l| l.starts_with("## ")).count();
        assert_eq!(count, headings.len() + 1, "{clean}");
    }

    #[test]
    fn joins_words_broken_across_lines() {
        assert_joined(
            &clean_text(REPORT),
            &[
                "identiteit",
                "vrijwilligers",
                "opbouwwerker",
                "gemakkelijk",
                "organisatorische",
                "verantwoordelijkheid",
                "samenwerking",
            ],
            &[
                "identi",
                "teit",
                "vrijwil",
                "opbouw-werker",
                "gemakke",
                "lijk",
            ],
        );
    }

    #[test]
    fn keeps_real_hyphens() {
        let clean = clean_text(REPORT);
        assert!(clean.contains("GGD-locatie"), "{clean}");
        assert!(clean.contains("Wijkplein-gebouw"), "{clean}");
        assert!(clean.contains("taal-, reken- en schrijfhulp"), "{clean}");
    }

    #[test]
    fn short_lines_before_a_sentence_become_headings() {
        let clean = clean_text(REPORT);
        assert_headings(
            &clean,
            "Gereedschap voor de lange adem",
            &["Versnippering", "Geen vaste gezichten", "Een oproep"],
        );
    }

    #[test]
    fn rebuilds_paragraphs_and_sets_the_sidebar_apart() {
        let clean = clean_text(REPORT);
        // The double-spaced lead is one paragraph, not one per line.
        let lead = clean
            .split("\n\n")
            .find(|p| p.starts_with("Op de avond"))
            .unwrap();
        assert!(
            lead.contains("organiseerde rond de Marie Kamphuis Lezing"),
            "{lead}"
        );
        assert!(lead.ends_with("was eensgezind."), "{lead}");
        assert!(!clean.contains("  "));
        assert!(!clean.contains(" \n"));
        // The double-spaced box after the body reads as whole paragraphs, set apart as a quote.
        assert!(
            clean.contains("\n\n> Het verslag van de vorige bijeenkomst verscheen onder de titel"),
            "{clean}"
        );
        assert!(
            clean.ends_with(
                "\n\n> Het verslag is op te vragen bij het secretariaat van het Wijkplein."
            ),
            "{clean}"
        );
        assert_eq!(
            clean.matches("\n> ").count(),
            2,
            "only the sidebar is quoted"
        );
        let paragraphs = clean.split("\n\n").count();
        assert!(
            (9..=14).contains(&paragraphs),
            "{paragraphs} blocks:\n{clean}"
        );
    }

    #[test]
    #[ignore = "needs ../shared"]
    fn cleans_the_seed_report() {
        let clean = clean_text(&seed());
        assert_joined(
            &clean,
            &[
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
            ],
            &["identi", "teit", "opbouw-werker", "gemakke", "lijk"],
        );
        assert!(clean.contains("ANWB-bord"));
        assert!(clean.contains("Movisie-bijeenkomst"));
        assert!(
            clean.contains("ervarings-, contact- en contextberoep"),
            "{clean}"
        );
        assert_headings(
            &clean,
            "Het uur van de waarheid voor het sociaal werk",
            &["Machteloosheid", "Discontinuïteit", "Pleidooi"],
        );
        assert_eq!(
            clean.matches("\n> ").count(),
            2,
            "only the sidebar is quoted"
        );
        assert_eq!(clean, clean_text(&seed()), "deterministic");
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
    fn is_deterministic() {
        let once = clean_text(REPORT);
        assert_eq!(once, clean_text(REPORT));
    }
}
