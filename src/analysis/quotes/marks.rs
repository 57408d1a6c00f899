//! Where the quotations are: pairs of marks (“...”, „...”, «...», straight "...", ‘...’) and
//! lines of dialogue that open with a dash (Couperus: `- Klaar? vroeg Lili.`). One pass over the
//! quotation marks per kind of mark (the tokenizer notes where they are); no backtracking.

use super::text::Doc;

/// Quotations longer than this (characters) are unbalanced marks, not quotations.
const MAX_QUOTE_CHARS: usize = 6000;
/// A single-quoted passage longer than this is an apostrophe that found a partner by chance.
const MAX_SINGLE_CHARS: usize = 600;
/// Dialogue dashes count only in a text with at least this many dash lines.
const MIN_DASH_LINES: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum MarkKind {
    Double,
    Straight,
    Single,
    Dash,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Mark {
    pub start: usize,
    pub end: usize,
    pub kind: MarkKind,
}

/// All quotations, ordered by start, none inside another.
pub(super) fn find(doc: &Doc) -> Vec<Mark> {
    let mut marks = Vec::new();
    let breaks = &doc.paragraph_breaks;
    // Each pass looks only at the quotation marks the tokenizer noted, not at every character.
    let at = &doc.quote_marks;
    typographic(&doc.chars, at, breaks, &mut marks);
    straight(&doc.chars, at, breaks, &mut marks);
    single(&doc.chars, at, breaks, &mut marks);
    dashes(doc, &mut marks);
    marks.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut kept: Vec<Mark> = Vec::with_capacity(marks.len());
    for mark in marks {
        if kept.last().is_some_and(|last| mark.start < last.end) {
            continue;
        }
        kept.push(mark);
    }
    kept
}

/// The first paragraph break in `from..to`, if any (a binary search: no rescanning).
fn paragraph_break(breaks: &[usize], from: usize, to: usize) -> Option<usize> {
    let i = breaks.partition_point(|&p| p < from);
    breaks.get(i).copied().filter(|&p| p < to)
}

/// The end of the text before `at`, whitespace left out.
fn trim_back(chars: &[char], from: usize, mut at: usize) -> usize {
    while at > from && chars[at - 1].is_whitespace() {
        at -= 1;
    }
    at
}

/// “...”, „...” and «...». A quotation continued in a new paragraph that opens with a mark
/// again (the previous paragraph left without a closing mark) ends where its paragraph ends.
fn typographic(chars: &[char], at: &[usize], breaks: &[usize], out: &mut Vec<Mark>) {
    let mut open: Option<usize> = None;
    for &i in at {
        let c = chars[i];
        match (c, open) {
            ('“' | '„' | '«', None) => open = Some(i),
            ('“' | '„' | '«', Some(start)) => {
                if let Some(at) = paragraph_break(breaks, start, i) {
                    out.push(Mark {
                        start,
                        end: trim_back(chars, start, at),
                        kind: MarkKind::Double,
                    });
                }
                open = Some(i);
            }
            ('”' | '»', Some(start)) => {
                if i - start <= MAX_QUOTE_CHARS {
                    out.push(Mark {
                        start,
                        end: i + 1,
                        kind: MarkKind::Double,
                    });
                }
                open = None;
            }
            _ => {}
        }
    }
}

/// Straight double quotes, paired in order within a paragraph; an odd one at a paragraph's end
/// (the quotation goes on in the next paragraph) closes there. A mark that opens a line always
/// opens and one that ends a line always closes, so one lost mark does not pair all the rest
/// the wrong way round.
fn straight(chars: &[char], at: &[usize], breaks: &[usize], out: &mut Vec<Mark>) {
    let mut open: Option<usize> = None;
    for &i in at {
        if chars[i] != '"' {
            continue;
        }
        // An inch mark: 12" or 3.5".
        if open.is_none() && i > 0 && chars[i - 1].is_ascii_digit() {
            continue;
        }
        // Only whitespace back to the line's start / on to its end (looking no further than the
        // first character that is not whitespace).
        let starts_line = chars[..i]
            .iter()
            .rev()
            .find(|&&c| c == '\n' || !c.is_whitespace())
            .is_none_or(|&c| c == '\n');
        let ends_line = chars[i + 1..]
            .iter()
            .find(|&&c| c == '\n' || !c.is_whitespace())
            .is_none_or(|&c| c == '\n');
        match open {
            None if ends_line && !starts_line => {}
            None => open = Some(i),
            Some(start) => {
                let unclosed_line = starts_line && !ends_line;
                if let Some(at) = paragraph_break(breaks, start, i).or_else(|| {
                    unclosed_line.then(|| chars[..i].iter().rposition(|&c| c == '\n').unwrap_or(i))
                }) {
                    out.push(Mark {
                        start,
                        end: trim_back(chars, start, at),
                        kind: MarkKind::Straight,
                    });
                    open = Some(i);
                    continue;
                }
                if i - start <= MAX_QUOTE_CHARS {
                    out.push(Mark {
                        start,
                        end: i + 1,
                        kind: MarkKind::Straight,
                    });
                }
                open = None;
            }
        }
    }
}

/// ‘...’: opens after a non-letter, closes at a ’ that no letter follows (so `zo’n` and `’t`
/// inside are apostrophes), within a paragraph.
fn single(chars: &[char], at: &[usize], breaks: &[usize], out: &mut Vec<Mark>) {
    let mut open: Option<usize> = None;
    for &i in at {
        // A paragraph break since the opening mark leaves it unclosed.
        if open.is_some_and(|s| paragraph_break(breaks, s, i).is_some()) {
            open = None;
        }
        let c = chars[i];
        match c {
            '‘' if i == 0 || !chars[i - 1].is_alphanumeric() => open = Some(i),
            '’' => {
                let Some(start) = open else { continue };
                let letter_after = chars.get(i + 1).is_some_and(|c| c.is_alphanumeric());
                let space_before = chars[i - 1].is_whitespace();
                if letter_after || space_before {
                    continue;
                }
                if i - start <= MAX_SINGLE_CHARS && paragraph_break(breaks, start, i).is_none() {
                    out.push(Mark {
                        start,
                        end: i + 1,
                        kind: MarkKind::Single,
                    });
                }
                open = None;
            }
            _ => {}
        }
    }
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—')
}

/// Lines of dialogue that open with a dash. The speech ends where an attribution turns the
/// sentence round (`! riep Paul`), else at the end of its line; it goes on over the next lines
/// while they end in `!` or `?` and open with no dash.
fn dashes(doc: &Doc, out: &mut Vec<Mark>) {
    let starts: Vec<usize> = (0..doc.toks.len())
        .filter(|&t| {
            let tok = doc.toks[t];
            (t == 0 || tok.breaks > 0)
                && !tok.word
                && is_dash(doc.chars[tok.start])
                && doc.toks.get(t + 1).is_some_and(|n| n.breaks == 0)
        })
        .collect();
    if starts.len() < MIN_DASH_LINES {
        return;
    }
    for &t in &starts {
        let mut end_tok = None;
        let mut u = t + 1;
        let mut last = t;
        while u < doc.toks.len() {
            if doc.toks[u].breaks > 0 {
                // A new line: speech goes on only if the previous line ended in ! or ?.
                let ended_loud = matches!(doc.punct(last), Some('!' | '?'));
                if !ended_loud || !doc.toks[u].word && is_dash(doc.chars[doc.toks[u].start]) {
                    break;
                }
                if !line_ends_loud(doc, u) && !line_has_inversion(doc, u) {
                    break;
                }
            }
            if inversion(doc, u) {
                end_tok = Some(u);
                break;
            }
            last = u;
            u += 1;
        }
        let end_tok = end_tok.unwrap_or(last);
        if end_tok > t {
            out.push(Mark {
                start: doc.toks[t].start,
                end: doc.toks[end_tok].end,
                kind: MarkKind::Dash,
            });
        }
    }
}

/// Whether the line that starts at token `t` ends in `!` or `?`.
fn line_ends_loud(doc: &Doc, t: usize) -> bool {
    let mut u = t;
    while u + 1 < doc.toks.len() && doc.toks[u + 1].breaks == 0 {
        u += 1;
    }
    matches!(doc.punct(u), Some('!' | '?'))
}

fn line_has_inversion(doc: &Doc, t: usize) -> bool {
    let mut u = t;
    while u < doc.toks.len() && (u == t || doc.toks[u].breaks == 0) {
        if inversion(doc, u) {
            return true;
        }
        u += 1;
    }
    false
}

/// Token `t` is a mark that ends speech, followed by an attribution verb and its subject
/// (`! riep Paul`, `, zeide ze`, `? vroeg de oude dame`).
pub(super) fn inversion(doc: &Doc, t: usize) -> bool {
    if !matches!(doc.punct(t), Some(',' | '!' | '?' | '.' | '…')) {
        return false;
    }
    super::attribution::inversion_verb(doc, t + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(usize, usize, MarkKind)> {
        find(&Doc::new(text))
            .iter()
            .map(|m| (m.start, m.end, m.kind))
            .collect()
    }

    #[test]
    fn pairs_typographic_marks_across_lines() {
        assert_eq!(
            spans("Hij zei: „Het is\nlaat.” En “ja”."),
            [(9, 23, MarkKind::Double), (27, 31, MarkKind::Double)]
        );
    }

    #[test]
    fn a_quotation_continued_in_the_next_paragraph_ends_with_its_paragraph() {
        let text = "“Eerst dit.\n\n“Dan dat,” zei ze.";
        assert_eq!(
            spans(text),
            [(0, 11, MarkKind::Double), (13, 23, MarkKind::Double)]
        );
    }

    #[test]
    fn straight_quotes_pair_in_order_and_skip_inches() {
        assert_eq!(
            spans("A 12\" screen. \"Yes,\" he said."),
            [(14, 20, MarkKind::Straight)]
        );
    }

    #[test]
    fn apostrophes_are_not_single_quotes() {
        assert_eq!(
            spans("Zo’n ‘mooi’ plan, ’t is ‘zo’."),
            [(5, 11, MarkKind::Single), (24, 28, MarkKind::Single)]
        );
    }

    #[test]
    fn dialogue_dashes_end_at_the_attribution() {
        let text = "- Klaar? vroeg Lili.\n- Ja! riep Paul.\nNog eens!\n- Goed, zei hij.";
        assert_eq!(
            spans(text),
            [
                (0, 8, MarkKind::Dash),
                (21, 26, MarkKind::Dash),
                (48, 55, MarkKind::Dash)
            ]
        );
    }
}
