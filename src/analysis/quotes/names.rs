//! The people a text names: runs of capitalised words with particles between them (`Herman de
//! Mönnink`, `Peter ten Have`, `Redouan El Khayari`), with the ordinary words that a sentence
//! or a heading capitalises left out, then merged per person (`De Mönnink` is the earlier
//! `Herman de Mönnink`). Names the archive knows are found in any case and with or without
//! accents, and carry their canonical form.

use std::borrow::Cow;

use super::text::Doc;
use super::words::{
    self, FastMap, FastSet, INSTITUTIONS, NOT_NAMES, OPENING_PARTICLES, PARTICLES, TITLES, VERBS,
};
use super::KnownPeople;
use crate::archive::slug::{fold, fold_char};

/// One mention of a person by name.
#[derive(Debug, Clone)]
pub(super) struct Mention {
    /// First and last token, inclusive.
    pub first: usize,
    pub last: usize,
    /// The person it names (an index into [`Names::people`]).
    pub person: usize,
}

#[derive(Debug, Clone)]
pub(super) struct PersonName {
    pub name: String,
    pub known: bool,
}

#[derive(Debug, Default)]
pub(super) struct Names {
    /// Ordered by position.
    pub mentions: Vec<Mention>,
    pub people: Vec<PersonName>,
}

impl Names {
    /// The mention that starts at token `t`.
    pub fn starting_at(&self, t: usize) -> Option<&Mention> {
        let i = self.mentions.partition_point(|m| m.first < t);
        self.mentions.get(i).filter(|m| m.first == t)
    }

    /// The mention that ends at token `t`.
    pub fn ending_at(&self, t: usize) -> Option<&Mention> {
        let i = self.mentions.partition_point(|m| m.last < t);
        self.mentions.get(i).filter(|m| m.last == t)
    }
}

/// A run of capitalised words that may be a name, before it is accepted.
struct Piece {
    first: usize,
    last: usize,
    folded: String,
    /// Whether it opens a sentence (so its capital says nothing).
    initial: bool,
    /// Counted words other than particles.
    words: usize,
}

pub(super) fn find(doc: &Doc, known: &KnownPeople) -> Names {
    let ordinary = ordinary_words(doc);
    let pieces = pieces(doc, &ordinary);
    // Evidence that a single word is a person: the subject of a verb of saying, after a title,
    // or part of a longer name.
    let mut confirmed: FastSet<&str> = FastSet::default();
    for p in &pieces {
        if p.words >= 2 && !p.initial {
            confirmed.extend(p.folded.split(' '));
        }
        if p.words >= 2 && p.initial && p.folded.split(' ').count() >= 2 {
            confirmed.insert(p.folded.rsplit(' ').next().unwrap_or(""));
        }
        let after_verb = p.first > 0 && doc.toks[p.first - 1].word && is_verb(doc, p.first - 1);
        let before_verb = !p.initial
            && p.last + 1 < doc.toks.len()
            && doc.toks[p.last + 1].word
            && is_verb(doc, p.last + 1);
        let after_title = p.first > 0 && words::contains(TITLES, doc.word(p.first - 1))
            || p.first > 1
                && doc.punct(p.first - 1) == Some('.')
                && words::contains(TITLES, doc.word(p.first - 2));
        // `" Kom binnen! " inviteerde Bavink`: after a quotation's end and one lowercase word.
        let after_inversion = p.first >= 2
            && doc.toks[p.first - 1].word
            && !doc.capitalised(p.first - 1)
            && matches!(doc.punct(p.first - 2), Some('"' | '”' | '»' | '’'))
            && !words::contains(words::NOT_VERBS, doc.word(p.first - 1));
        if after_verb || before_verb || after_title || after_inversion {
            confirmed.insert(&p.folded);
        }
    }
    let known_variants: Vec<(String, &str)> = known.variants().map(|(v, c)| (fold(v), c)).collect();
    // Each folded variant with its first place in the list (the first match wins).
    let mut known_at: FastMap<&str, usize> = FastMap::default();
    for (i, (v, _)) in known_variants.iter().enumerate() {
        known_at.entry(v.as_str()).or_insert(i);
    }
    // Every proper tail of a longer name, at a word boundary, with the longest name it ends.
    let mut tails: FastMap<&str, usize> = FastMap::default();
    for (i, q) in pieces.iter().enumerate() {
        for (at, _) in q.folded.match_indices(' ') {
            let tail = &q.folded[at + 1..];
            let entry = tails.entry(tail).or_insert(i);
            if pieces[*entry].folded.len() < q.folded.len() {
                *entry = i;
            }
        }
    }
    let accepted: Vec<usize> = (0..pieces.len())
        .filter(|&i| {
            let p = &pieces[i];
            let tail_of_longer = tails.contains_key(p.folded.as_str());
            let is_known = known_at.contains_key(p.folded.as_str());
            let ok = if p.words >= 2 {
                !p.initial || !has_particle_start(&p.folded) || tail_of_longer
            } else {
                confirmed.contains(p.folded.as_str()) || tail_of_longer
            };
            ok || is_known
        })
        .collect();
    // First names of exactly one longer accepted name (`Frédérique` of `Frédérique Van Erlevoort`).
    let mut first_names: FastMap<&str, Vec<usize>> = FastMap::default();
    for &i in &accepted {
        let q = &pieces[i];
        if q.words >= 2 {
            let first = q.folded.split(' ').next().unwrap_or("");
            let list = first_names.entry(first).or_default();
            if !list.iter().any(|&j| pieces[j].folded == q.folded) {
                list.push(i);
            }
        }
    }
    let mut names = Names::default();
    let mut index: FastMap<String, usize> = FastMap::default();
    for &i in &accepted {
        let p = &pieces[i];
        let mut fullest = tails.get(p.folded.as_str()).map_or(p, |&j| &pieces[j]);
        if fullest.folded == p.folded && p.words == 1 {
            if let Some([j]) = first_names.get(p.folded.as_str()).map(Vec::as_slice) {
                fullest = &pieces[*j];
            }
        }
        let at = |folded: &str| known_at.get(folded).copied();
        let canonical = match (at(&fullest.folded), at(&p.folded)) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
        .map(|i| known_variants[i].1.to_string());
        let key = canonical
            .as_deref()
            .map(fold)
            .unwrap_or_else(|| fullest.folded.clone());
        let person = *index.entry(key).or_insert_with(|| {
            names.people.push(PersonName {
                name: canonical
                    .clone()
                    .unwrap_or_else(|| as_written(doc, fullest)),
                known: canonical.is_some(),
            });
            names.people.len() - 1
        });
        names.mentions.push(Mention {
            first: p.first,
            last: p.last,
            person,
        });
    }
    add_known_mentions(doc, &known_variants, &mut names, &mut index);
    names.mentions.sort_by_key(|m| m.first);
    names
}

fn has_particle_start(folded: &str) -> bool {
    folded
        .split(' ')
        .next()
        .is_some_and(|w| OPENING_PARTICLES.contains(&w))
}

pub(super) fn is_verb(doc: &Doc, t: usize) -> bool {
    doc.toks[t].word && !doc.capitalised(t) && words::contains(VERBS, doc.word(t))
}

/// The name as the text writes it, whitespace collapsed.
fn as_written(doc: &Doc, p: &Piece) -> String {
    let mut out = String::new();
    for t in p.first..=p.last {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(doc.str(t));
    }
    out
}

/// Capitalised words the text also writes in lower case: ordinary words at a sentence start
/// or in a heading (`Machteloosheid`), not names.
fn ordinary_words(doc: &Doc) -> FastSet<String> {
    let mut capitalised: FastSet<Cow<str>> = FastSet::default();
    // The lengths (in bytes, 63 for longer) of the capitalised words by their first byte: most
    // lowercase words are ruled out without hashing them.
    let mut lengths = [0u64; 256];
    let shape = |s: &str| (usize::from(s.as_bytes()[0]), 1u64 << s.len().min(63));
    for t in 0..doc.toks.len() {
        if doc.capitalised(t) {
            let lower = lowercase(doc, t);
            if !lower.is_empty() {
                let (first, length) = shape(&lower);
                lengths[first] |= length;
            }
            capitalised.insert(lower);
        }
    }
    let mut ordinary = FastSet::default();
    if capitalised.is_empty() {
        return ordinary;
    }
    for t in 0..doc.toks.len() {
        let tok = doc.toks[t];
        if tok.word && !doc.chars[tok.start].is_uppercase() {
            let s = doc.str(t);
            let (first, length) = shape(s);
            if lengths[first] & length != 0 && capitalised.contains(s) && !PARTICLES.contains(&s) {
                ordinary.insert(s.to_string());
            }
        }
    }
    ordinary
}

/// A capitalised token lowercased character by character (`Σ` stays `σ` at a word's end, unlike
/// `str::to_lowercase`, which [`Doc::word`] uses).
fn lowercase<'d>(doc: &'d Doc, t: usize) -> Cow<'d, str> {
    let s = doc.str(t);
    if s.contains('Σ') {
        Cow::Owned(s.chars().flat_map(char::to_lowercase).collect())
    } else {
        Cow::Borrowed(doc.word(t))
    }
}

/// Runs of capitalised words (with particles inside), split at words that cannot be part of a
/// name, without those that hold an institution's word.
fn pieces(doc: &Doc, ordinary: &FastSet<String>) -> Vec<Piece> {
    let mut out = Vec::new();
    let n = doc.toks.len();
    let (name, institution_word) = classify(doc, ordinary);
    let opening_particle = |t: usize| {
        doc.capitalised(t)
            && t + 1 < n
            && name[t + 1]
            && doc.toks[t + 1].word
            && OPENING_PARTICLES.contains(&doc.word(t))
    };
    let mut t = 0;
    while t < n {
        if !name[t] && !opening_particle(t) {
            t += 1;
            continue;
        }
        let first = t;
        let mut last = t;
        let mut u = t + 1;
        let mut institution = institution_word[t];
        while u < n && doc.toks[u].word {
            if name[u] {
                institution |= institution_word[u];
                last = u;
                u += 1;
                continue;
            }
            // Particles inside: `de`, `van der`, `van 't`, then a capitalised word.
            let mut v = u;
            while v < n && doc.toks[v].word && is_particle(doc, v) && v - u < 3 {
                v += 1;
            }
            if v > u && v < n && name[v] {
                u = v;
                continue;
            }
            institution |= institution_word[u];
            break;
        }
        t = u.max(t + 1);
        if institution || last == first && !name[first] {
            continue;
        }
        let mut folded = String::new();
        let mut count = 0;
        for v in first..=last {
            if !folded.is_empty() {
                folded.push(' ');
            }
            let w = fold(doc.str(v));
            if !PARTICLES.contains(&w.as_str()) {
                count += 1;
            }
            folded.push_str(&w);
        }
        out.push(Piece {
            first,
            last,
            folded,
            initial: doc.sentence_initial(first),
            words: count,
        });
    }
    out
}

fn is_particle(doc: &Doc, t: usize) -> bool {
    !doc.capitalised(t) && PARTICLES.contains(&doc.str(t))
}

/// Per token: whether it can be part of a name (a capitalised word that is not all capitals, a
/// function word, an ordinary word or an institution's word), and whether it is a capitalised
/// institution's word.
fn classify(doc: &Doc, ordinary: &FastSet<String>) -> (Vec<bool>, Vec<bool>) {
    let n = doc.toks.len();
    let mut name = vec![false; n];
    let mut institution = vec![false; n];
    for t in 0..n {
        if !doc.capitalised(t) {
            continue;
        }
        let lower = lowercase(doc, t);
        institution[t] = words::contains(INSTITUTIONS, &lower);
        name[t] = !doc.all_caps(t)
            && !institution[t]
            && !words::contains(NOT_NAMES, &lower)
            && !ordinary.contains(&*lower)
            && lower.chars().any(char::is_alphabetic);
    }
    (name, institution)
}

/// The most words of a known name matched.
const MAX_KNOWN_WORDS: usize = 6;

/// Mentions of known names in any case and with or without accents, where no found name
/// already covers them.
fn add_known_mentions(
    doc: &Doc,
    known: &[(String, &str)],
    names: &mut Names,
    index: &mut FastMap<String, usize>,
) {
    if known.is_empty() {
        return;
    }
    let split: Vec<(Vec<&str>, &str)> = known
        .iter()
        .map(|(v, c)| {
            let parts: Vec<&str> = v
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            (parts, *c)
        })
        .filter(|(w, _): &(Vec<&str>, &str)| !w.is_empty())
        .collect();
    let lengths: FastSet<usize> = split.iter().map(|(w, _)| w[0].chars().count()).collect();
    // The first characters of the first words: most tokens are ruled out without folding them.
    let firsts: FastSet<char> = split
        .iter()
        .filter_map(|(w, _)| w[0].chars().next())
        .collect();
    let covered: FastSet<usize> = names
        .mentions
        .iter()
        .flat_map(|m| m.first..=m.last)
        .collect();
    let mut found = Vec::new();
    let mut t = 0;
    while t < doc.toks.len() {
        let tok = doc.toks[t];
        if !tok.word
            || !lengths.contains(&(tok.end - tok.start))
            || !first_folded(doc.chars[tok.start]).is_none_or(|c| firsts.contains(&c))
            || covered.contains(&t)
        {
            t += 1;
            continue;
        }
        let folded = fold(doc.str(t));
        // The word tokens from `t` on, punctuation skipped (`H. de Mönnink`).
        let following: Vec<usize> = (t..doc.toks.len())
            .filter(|&u| doc.toks[u].word)
            .take(MAX_KNOWN_WORDS)
            .collect();
        let best = split
            .iter()
            .filter(|(w, _)| w[0] == folded && w.len() <= following.len())
            .filter(|(w, _)| {
                w.iter()
                    .zip(&following)
                    .all(|(part, &u)| fold(doc.str(u)) == *part)
            })
            .max_by_key(|(w, _)| w.len());
        match best {
            Some((w, canonical)) => {
                let last = following[w.len() - 1];
                found.push((t, last, *canonical));
                t = last + 1;
            }
            None => t += 1,
        }
    }
    for (first, last, canonical) in found {
        let person = *index.entry(fold(canonical)).or_insert_with(|| {
            names.people.push(PersonName {
                name: canonical.to_string(),
                known: true,
            });
            names.people.len() - 1
        });
        names.mentions.push(Mention {
            first,
            last,
            person,
        });
    }
}

/// The first character of a character's folded, lowercased form (as [`fold`] gives it), for
/// ASCII and the accented letters; `None` (no filter) for anything else.
fn first_folded(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    let mut folded = String::new();
    fold_char(c, &mut folded);
    let mut chars = folded.chars();
    match (chars.next(), chars.next()) {
        (Some(f), _) if f.is_ascii() => Some(f.to_ascii_lowercase()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(text: &str, known: &KnownPeople) -> Vec<String> {
        let doc = Doc::new(text);
        let names = find(&doc, known);
        names.people.iter().map(|p| p.name.clone()).collect()
    }

    #[test]
    fn names_with_particles_merge_into_the_fullest_form() {
        let text = "Gisteren sprak Herman de Mönnink in Dalfsen. De Mönnink zei dat het \
                    Malieveld vol stond. Ook Peter ten Have kwam. Ten Have lachte.";
        assert_eq!(
            people(text, &KnownPeople::default()),
            ["Herman de Mönnink", "Peter ten Have"]
        );
    }

    #[test]
    fn capitalised_ordinary_words_and_institutions_are_not_people() {
        let text = "Machteloosheid\nDe machteloosheid is groot, zei Anna Smit van de Stichting \
                    Beroepseer tijdens de Marie Kamphuis Lezing.";
        assert_eq!(people(text, &KnownPeople::default()), ["Anna Smit"]);
    }

    #[test]
    fn a_single_word_needs_evidence_that_it_is_a_person() {
        let text = "Movisie organiseerde het. Het was druk, zei Bavink. Bij Movisie werkt niemand.";
        assert_eq!(people(text, &KnownPeople::default()), ["Bavink"]);
        let text = "The talk was given by Mr. Jones in Geneva.";
        assert_eq!(people(text, &KnownPeople::default()), ["Jones"]);
    }

    #[test]
    fn known_names_are_found_in_any_case_and_without_accents() {
        let known = KnownPeople::new([("Herman de Mönnink", "Herman de Mönnink")]);
        let text = "het verhaal van herman de monnink was lang.";
        assert_eq!(people(text, &known), ["Herman de Mönnink"]);
    }
}
