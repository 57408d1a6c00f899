//! Line-end hyphens in PDF-extracted text: joining a paragraph's lines and deciding, for each
//! hyphen at a line end, whether it breaks a word (`identi-` + `teit`), is a real hyphen
//! (`ANWB-` + `bord`) or suspends a compound (`contact- en`). Evidence comes first from the
//! document itself (does it write the joined or the hyphenated form elsewhere?), then from the
//! shape of the two parts. Pure and deterministic; used by `cleanup`.

use std::collections::HashSet;

/// Words after a line-end hyphen that mark a suspended compound (`zorg- en welzijnswerk`).
const SUSPENDED: [&str; 7] = ["en", "of", "tot", "and", "or", "to", "noch"];

/// Joins a paragraph's lines, deciding each line-end hyphen.
pub(crate) fn join_lines(parts: &[String], vocabulary: &HashSet<String>) -> String {
    let mut out = String::new();
    for part in parts {
        if out.is_empty() {
            out.push_str(part);
            continue;
        }
        if let Some(left) = out.strip_suffix('\u{ad}') {
            out = left.to_string();
            out.push_str(part);
            continue;
        }
        if out.ends_with('-') && !out.ends_with(" -") {
            match hyphen_join(&out, part, vocabulary) {
                Join::Word => {
                    out.pop();
                }
                Join::KeepHyphen => {}
                Join::Space => out.push(' '),
            }
            out.push_str(part);
            continue;
        }
        out.push(' ');
        out.push_str(part);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Debug, PartialEq)]
enum Join {
    /// A word broken at the line end: drop the hyphen.
    Word,
    /// A real hyphen: keep it, no space (`ANWB-bord`).
    KeepHyphen,
    /// A suspended compound: keep the hyphen and a space (`contact- en`).
    Space,
}

/// Decides what a hyphen at the end of `before` means, given the next line `after`.
fn hyphen_join(before: &str, after: &str, vocabulary: &HashSet<String>) -> Join {
    let left = before[..before.len() - 1]
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let right: String = after.chars().take_while(|c| c.is_alphanumeric()).collect();
    let first_word = after
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    if left.is_empty() || right.is_empty() || after.starts_with(',') {
        return Join::Space;
    }
    if SUSPENDED.contains(&first_word.to_lowercase().as_str()) {
        return Join::Space;
    }
    let joined = format!("{left}{right}").to_lowercase();
    let hyphenated = format!("{left}-{right}").to_lowercase();
    if vocabulary.contains(&hyphenated) {
        return Join::KeepHyphen;
    }
    if vocabulary.contains(&joined) {
        return Join::Word;
    }
    let acronym = left.chars().count() >= 2 && left.chars().all(|c| !c.is_lowercase())
        || !left.chars().any(is_vowel)
        || left.chars().last().is_some_and(|c| c.is_ascii_digit());
    let capital_after = right
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let name_before = left.chars().next().is_some_and(char::is_uppercase)
        && vocabulary.contains(&left.to_lowercase());
    if acronym || capital_after || name_before {
        Join::KeepHyphen
    } else {
        Join::Word
    }
}

fn is_vowel(c: char) -> bool {
    let mut folded = String::new();
    crate::archive::slug::fold_char(c.to_ascii_lowercase(), &mut folded);
    folded
        .chars()
        .any(|c| "aeiouy".contains(c.to_ascii_lowercase()))
}

/// Every whole word the text writes inside a line (lowercased, hyphenated words kept whole): the
/// evidence for deciding line-end hyphens. The pieces around a line-end hyphen are left out.
pub(crate) fn vocabulary(text: &str) -> HashSet<String> {
    let mut words = HashSet::new();
    let mut after_hyphen = false;
    for line in text.lines() {
        let line = line.trim();
        let ends_hyphen = line.ends_with(['-', '\u{ad}']);
        let tokens: Vec<&str> = line
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .map(|w| w.trim_matches('-'))
            .filter(|w| !w.is_empty())
            .collect();
        let start = usize::from(after_hyphen);
        let end = tokens.len().saturating_sub(usize::from(ends_hyphen));
        for word in tokens.get(start..end).unwrap_or(&[]) {
            words.insert(word.to_lowercase());
        }
        after_hyphen = ends_hyphen;
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decide(before: &str, after: &str, text: &str) -> Join {
        hyphen_join(before, after, &vocabulary(text))
    }

    #[test]
    fn decides_line_end_hyphens() {
        assert_eq!(decide("zwakke identi-", "teit", ""), Join::Word);
        assert_eq!(decide("een ANWB-", "bord", ""), Join::KeepHyphen);
        assert_eq!(decide("de ggz-", "cliënten", ""), Join::KeepHyphen);
        assert_eq!(decide("zorg-", "en welzijnswerk", ""), Join::Space);
        assert_eq!(
            decide("de Movisie-", "bijeenkomst", "Movisie is een instituut."),
            Join::KeepHyphen
        );
        assert_eq!(decide("Ont-", "wikkeling", "Geen bewijs."), Join::Word);
    }
}
