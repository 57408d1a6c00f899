//! The gender the text itself gives a person, so that `zei ze` skips the last man named: the
//! first third-person pronoun after each mention by name (before the next name), and a form of
//! address before it (`mevrouw`, `Mr.`). Majority of the votes; unknown when they tie.

use super::names::Names;
use super::text::Doc;

/// How far after a name its pronoun may come, in tokens.
const WINDOW: usize = 25;

const MALE_WORDS: &[&str] = &["hij", "he", "his", "him", "hem"];
const FEMALE_WORDS: &[&str] = &["zij", "ze", "she", "her", "haar"];
const MALE_TITLES: &[&str] = &["meneer", "mijnheer", "heer", "oom", "mr", "sir", "monsieur"];
const FEMALE_TITLES: &[&str] = &[
    "mevrouw", "juffrouw", "tante", "mrs", "ms", "miss", "madame", "freule", "lady",
];

/// Per person: Some(true) male, Some(false) female, None unknown.
pub(super) fn infer(doc: &Doc, names: &Names, inside: &[bool]) -> Vec<Option<bool>> {
    let mut votes = vec![0i32; names.people.len()];
    for (i, m) in names.mentions.iter().enumerate() {
        if inside[m.first] {
            continue;
        }
        if let Some(t) = m.first.checked_sub(1).or(None) {
            let t = if doc.punct(t) == Some('.') && t > 0 {
                t - 1
            } else {
                t
            };
            if doc.toks[t].word {
                let w = doc.word(t);
                if MALE_TITLES.contains(&w) {
                    votes[m.person] += 2;
                } else if FEMALE_TITLES.contains(&w) {
                    votes[m.person] -= 2;
                }
            }
        }
        let next = names.mentions.get(i + 1).map_or(usize::MAX, |n| n.first);
        let end = (m.last + WINDOW).min(next).min(doc.toks.len());
        for t in (m.last + 1..end).filter(|&t| !inside[t] && doc.toks[t].word) {
            let w = doc.word(t);
            if MALE_WORDS.contains(&w) {
                votes[m.person] += 1;
                break;
            }
            if FEMALE_WORDS.contains(&w) {
                votes[m.person] -= 1;
                break;
            }
        }
    }
    votes
        .into_iter()
        .map(|v| (v != 0).then_some(v > 0))
        .collect()
}
