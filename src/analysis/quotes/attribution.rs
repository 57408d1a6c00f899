//! Whose a quotation is: a verb of saying next to it with its subject (`“...”, zei hij`,
//! `" Zoo? " vroeg Japi`, `"...," the minister said`, `Japi zei: "..."`, `Ten Have: “...”`),
//! the attribution of the quotation just before when only punctuation separates them (`“...”,
//! zei hij, “...”`), `volgens`, `stelt dat`, `de woorden van`. Who a mention stands for is
//! `resolve`'s job.

use super::marks::Mark;
use super::names::{is_verb, Names};
use super::resolve;
use super::text::Doc;
use super::words::{self, DETERMINERS, FIRST_PERSON, THIRD_PERSON, TITLES};
use super::MentionKind;

/// Words that end a description (`de oude dame tegen Paul`).
const NOMINAL_STOP: &[&str] = &[
    "tegen", "tot", "met", "en", "terwijl", "toen", "in", "op", "aan", "naar", "bij", "uit", "van",
    "to", "and", "with", "while", "in", "at", "of", "from", "as", "who", "die", "dat", "that",
];

/// The longest description after a determiner, in words.
const MAX_NOMINAL_WORDS: usize = 4;
/// How many lowercase words may stand between a verb and the name it attributes to
/// (`zei senior docent sociaal werk Herman de Mönnink`).
const MAX_WORDS_BEFORE_NAME: usize = 6;

#[derive(Debug, Clone)]
pub(super) struct Attribution {
    pub first: usize,
    pub last: usize,
    pub kind: MentionKind,
    pub speaker: Option<String>,
    /// Found after the quotation (so a quotation right after this mention shares it).
    pub after: bool,
}

/// One attribution per quotation (None where no rule applies).
pub(super) fn attribute(
    doc: &Doc,
    marks: &[Mark],
    names: &Names,
    inside: &[bool],
) -> Vec<Option<Attribution>> {
    let genders = super::gender::infer(doc, names, inside);
    let mut out: Vec<Option<Attribution>> = Vec::with_capacity(marks.len());
    for (i, mark) in marks.iter().enumerate() {
        let start_tok = doc.tok_at(mark.start);
        let end_tok = doc.tok_at(mark.end);
        let previous = out.get(i.wrapping_sub(1)).and_then(Option::as_ref);
        if let Some(same) = continued(doc, previous, start_tok) {
            out.push(Some(same));
            continue;
        }
        let found = after_quote(doc, names, end_tok)
            .map(|(f, l, k)| (f, l, k, true))
            .or_else(|| before_quote(doc, names, start_tok).map(|(f, l, k)| (f, l, k, false)))
            .or_else(|| words_of(doc, names, end_tok).map(|(f, l, k)| (f, l, k, false)));
        let attribution = match found {
            Some((first, last, kind, after)) => {
                let speaker =
                    resolve::speaker(doc, names, inside, &genders, first, last, kind, start_tok);
                Some(Attribution {
                    first,
                    last,
                    kind,
                    speaker,
                    after,
                })
            }
            None => None,
        };
        out.push(attribution);
    }
    out
}

/// The attribution of the quotation before, when only punctuation and a few words (`ernstig`,
/// `op`) lie between its mention and this quotation (`“...”, zei hij, “...”`,
/// `" ... " hernam ik ernstig, " ... "`).
fn continued(doc: &Doc, previous: Option<&Attribution>, start_tok: usize) -> Option<Attribution> {
    let previous = previous.filter(|p| p.after)?;
    if previous.last >= start_tok {
        return None;
    }
    let between = previous.last + 1..start_tok;
    let mut words = 0;
    let mut sentence_end = false;
    for t in between.clone() {
        if doc.toks[t].breaks >= 2 {
            return None;
        }
        if doc.toks[t].word {
            words += 1;
            if doc.capitalised(t) || words > MAX_WORDS_BETWEEN_PARTS || doc.toks[t].breaks > 0 {
                return None;
            }
            if words > MAX_WORDS_BEFORE_COMMA && doc.punct(start_tok - 1) != Some(',') {
                return None;
            }
        } else {
            match doc.punct(t) {
                Some(',' | ':' | ';') => {}
                Some('.') if words == 0 => sentence_end = true,
                _ => return None,
            }
        }
    }
    // After a full stop the next quotation is the same speaker's only on the same line: in
    // dialogue, a new line is a new turn.
    let next_line = doc.toks.get(start_tok).is_none_or(|t| t.breaks > 0);
    let joined = (between.is_empty() || words < between.len()) && !(sentence_end && next_line);
    (joined && doc.toks.get(start_tok).is_some_and(|t| t.breaks < 2)).then(|| previous.clone())
}

/// How many words may stand between an attribution and the rest of the quotation it splits
/// (`zeide hij, terwijl hij zijn pijp stopte, " ... "`), and how many without a comma before
/// the rest.
const MAX_WORDS_BETWEEN_PARTS: usize = 12;
const MAX_WORDS_BEFORE_COMMA: usize = 3;

/// Token `t` turns a sentence round after a quotation: a verb followed by its subject. A verb
/// of [`VERBS`](super::words::VERBS) takes any subject; any other lowercase word (not a
/// conjunction, preposition or the like) counts when a third-person pronoun or a name follows it
/// (`inviteerde Bavink`), or a description when it looks like a Dutch past tense (`murmelde de
/// oude dame`).
pub(super) fn inversion_verb(doc: &Doc, t: usize) -> bool {
    let Some(tok) = doc.toks.get(t) else {
        return false;
    };
    if !tok.word || doc.capitalised(t) || tok.breaks >= 2 {
        return false;
    }
    let Some(next) = doc.toks.get(t + 1) else {
        return false;
    };
    if next.breaks > 0 {
        return false;
    }
    let verb = doc.word(t);
    let listed = words::contains(super::words::VERBS, verb);
    if doc.punct(t + 1) == Some('-') {
        return t + 2 < doc.toks.len() && doc.is(t + 2, "ie");
    }
    if !next.word {
        return false;
    }
    let subject = doc.word(t + 1);
    let third = words::contains(THIRD_PERSON, subject);
    let pronoun = third || words::contains(FIRST_PERSON, subject);
    let name = doc.capitalised(t + 1) && !words::contains(super::words::NOT_NAMES, subject)
        || words::contains(super::words::OPENING_PARTICLES, subject)
            && t + 2 < doc.toks.len()
            && doc.capitalised(t + 2);
    let description = words::contains(DETERMINERS, subject) || words::contains(TITLES, subject);
    if listed {
        return pronoun || name || description;
    }
    if words::contains(super::words::NOT_VERBS, verb) || verb.chars().count() < 3 {
        return false;
    }
    // `, geloof ik` inside a speech: an unlisted verb needs a third person.
    let past = verb.ends_with("de") || verb.ends_with("te") || verb.ends_with("ed");
    third || name || past && description
}

type Found = (usize, usize, MentionKind);

/// `“...”, zei hij`, `" Zoo? " vroeg Japi`, `“...”, aldus De Mönnink`, `"...," he said`,
/// `"...," John said`, `"...," the minister said`.
fn after_quote(doc: &Doc, names: &Names, mut j: usize) -> Option<Found> {
    if j >= doc.toks.len() || doc.toks[j].breaks >= 2 {
        return None;
    }
    let full_stop = doc.punct(j) == Some('.');
    if matches!(doc.punct(j), Some(',' | '-' | '–' | '—' | '.')) {
        j += 1;
    }
    if j >= doc.toks.len() || doc.toks[j].breaks >= 2 {
        return None;
    }
    if inversion_verb(doc, j) || is_verb(doc, j) {
        let subject = if doc.is(j, "according") && j + 1 < doc.toks.len() && doc.is(j + 1, "to") {
            j + 2
        } else {
            j + 1
        };
        return subject_after(doc, names, subject);
    }
    // `“...”, zoals hij dat zei`, `"...", as she put it`.
    if ["zoals", "zooals", "as"].iter().any(|w| doc.is(j, w)) {
        if let Some(subject) = subject_before_verb(doc, names, j + 1) {
            let verb = (subject.1 + 1..subject.1 + 4)
                .take_while(|&t| t < doc.toks.len() && doc.toks[t].word)
                .any(|t| is_verb(doc, t));
            return verb.then_some(subject);
        }
    }
    // The subject first (English, and Dutch narration that goes on after the quotation), on
    // the quotation's line: a new line that opens with a subject is a new paragraph.
    if doc.toks[j].breaks > 0 || full_stop {
        return None;
    }
    let subject = subject_before_verb(doc, names, j)?;
    (subject.1 + 1 < doc.toks.len() && is_verb(doc, subject.1 + 1)).then_some(subject)
}

/// `Japi zei: "..."`, `zei hij: "..."`, `Ten Have: “...”`, `He said, "..."`, `zei hij tegen Japi:`.
fn before_quote(doc: &Doc, names: &Names, start_tok: usize) -> Option<Found> {
    let k = start_tok.checked_sub(1)?;
    if let Some(found) = according_to(doc, names, k) {
        return Some(found);
    }
    // `het OM stelt dat "..."`, `she said that "..."`.
    if (doc.is(k, "dat") || doc.is(k, "that")) && k >= 2 && is_verb(doc, k - 1) {
        return subject_ending(doc, names, k - 2);
    }
    let colon = match doc.punct(k) {
        Some(':') => true,
        Some(',') => false,
        _ => return None,
    };
    let k = k.checked_sub(1)?;
    if is_verb(doc, k) {
        if let Some(found) = k.checked_sub(1).and_then(|s| subject_ending(doc, names, s)) {
            return Some(found);
        }
    }
    if !colon && !is_verb(doc, k) {
        return None;
    }
    // A name or a description alone before the colon: `Ten Have: “...”`.
    if let Some(m) = names.ending_at(k) {
        if doc.sentence_initial(m.first) || m.first > 0 && is_verb(doc, m.first - 1) {
            return Some((m.first, m.last, MentionKind::Name));
        }
    }
    // A verb of saying in the clause before the colon, with its subject next to it, else the
    // first person the clause names (`Toen moest Japi lachen en zei:`).
    let sentence = doc.toks[k].sentence;
    let v = clause_back(doc, k).find(|&v| is_verb(doc, v))?;
    subject_after(doc, names, v + 1)
        .filter(|f| f.0 < k + 1)
        .or_else(|| v.checked_sub(1).and_then(|s| subject_ending(doc, names, s)))
        .or_else(|| clause_subject(doc, names, v, sentence))
}

/// The tokens of `k`'s sentence from `k` back, at most [`MAX_CLAUSE_TOKENS`].
fn clause_back<'d>(doc: &'d Doc, k: usize) -> impl Iterator<Item = usize> + 'd {
    let sentence = doc.toks[k].sentence;
    (k.saturating_sub(MAX_CLAUSE_TOKENS - 1)..=k)
        .rev()
        .take_while(move |&v| doc.toks[v].sentence == sentence)
}

/// `Volgens het WSW is er nog "..."`, `According to the report, "..."`: `volgens` earlier in
/// the quotation's sentence, with what follows it.
fn according_to(doc: &Doc, names: &Names, k: usize) -> Option<Found> {
    let v = clause_back(doc, k).find(|&v| {
        doc.is(v, "volgens") || doc.is(v, "according") && v < k && doc.is(v + 1, "to")
    })?;
    subject_after(doc, names, if doc.is(v, "volgens") { v + 1 } else { v + 2 })
}

/// `"...". Dat zijn de woorden van Bas Janssen`, `"...". These are the words of ...`: the
/// words' owner in the sentence after the quotation.
fn words_of(doc: &Doc, names: &Names, j: usize) -> Option<Found> {
    let end = (j + MAX_CLAUSE_TOKENS).min(doc.toks.len());
    let sentence = doc.toks.get(j)?.sentence;
    (j..end.saturating_sub(2))
        .take_while(|&t| doc.toks[t].sentence <= sentence + 1 && doc.toks[t].breaks < 2)
        .find(|&t| {
            (doc.is(t, "woorden") || doc.is(t, "words"))
                && (doc.is(t + 1, "van") || doc.is(t + 1, "of"))
        })
        .and_then(|t| subject_after(doc, names, t + 2))
}

/// How far back from a colon the verb of saying may be, in tokens.
const MAX_CLAUSE_TOKENS: usize = 16;

/// The first name or subject pronoun in the sentence before token `v`.
fn clause_subject(doc: &Doc, names: &Names, v: usize, sentence: u32) -> Option<Found> {
    let mut first = v;
    while first > 0 && doc.toks[first - 1].sentence == sentence && v - first < MAX_CLAUSE_TOKENS {
        first -= 1;
    }
    (first..v).find_map(|t| {
        if let Some(m) = names.starting_at(t) {
            return Some((m.first, m.last, MentionKind::Name));
        }
        let w = doc.word(t);
        (doc.toks[t].word && (words::contains(THIRD_PERSON, w) || words::contains(FIRST_PERSON, w)))
            .then_some((t, t, MentionKind::Pronoun))
    })
}

/// The subject right after a verb: a pronoun, a name a few words on, or a description.
fn subject_after(doc: &Doc, names: &Names, j: usize) -> Option<Found> {
    let tok = *doc.toks.get(j)?;
    if tok.breaks >= 2 {
        return None;
    }
    if doc.punct(j) == Some('-') && j + 1 < doc.toks.len() && doc.is(j + 1, "ie") {
        return Some((j, j + 1, MentionKind::Pronoun));
    }
    if !tok.word {
        return None;
    }
    let word = doc.word(j);
    if words::contains(THIRD_PERSON, word) || words::contains(FIRST_PERSON, word) {
        return Some((j, j, MentionKind::Pronoun));
    }
    let mut k = j;
    while k < doc.toks.len() && k - j <= MAX_WORDS_BEFORE_NAME && doc.toks[k].word {
        if let Some(m) = names.starting_at(k) {
            return Some((m.first, m.last, MentionKind::Name));
        }
        if doc.capitalised(k) && k > j {
            break;
        }
        k += 1;
    }
    if words::contains(DETERMINERS, word) || words::contains(TITLES, word) {
        let mut last = j;
        while last + 1 < doc.toks.len()
            && last - j < MAX_NOMINAL_WORDS
            && doc.toks[last + 1].word
            && doc.toks[last + 1].breaks == 0
            && !words::contains(NOMINAL_STOP, doc.word(last + 1))
            && !words::contains(super::words::NOT_VERBS, doc.word(last + 1))
            && !is_verb(doc, last + 1)
        {
            last += 1;
        }
        if last > j || words::contains(TITLES, word) {
            return Some((j, last, MentionKind::Nominal));
        }
    }
    None
}

/// A subject that ends at token `k`: a pronoun, a name or a short description.
fn subject_ending(doc: &Doc, names: &Names, k: usize) -> Option<Found> {
    let tok = doc.toks[k];
    if !tok.word {
        return None;
    }
    let word = doc.word(k);
    if words::contains(THIRD_PERSON, word) || words::contains(FIRST_PERSON, word) {
        return Some((k, k, MentionKind::Pronoun));
    }
    if let Some(m) = names.ending_at(k) {
        return Some((m.first, m.last, MentionKind::Name));
    }
    let plain = |t: usize| {
        let w = doc.word(t);
        doc.toks[t].word
            && !words::contains(super::words::NOT_VERBS, w)
            && !words::contains(NOMINAL_STOP, w)
            && !is_verb(doc, t)
    };
    (1..=3).find_map(|back| {
        let d = k.checked_sub(back)?;
        let det = doc.word(d);
        let all_plain = (d + 1..=k).all(plain);
        (all_plain && words::contains(DETERMINERS, det)).then_some((d, k, MentionKind::Nominal))
    })
}

/// A subject that starts at token `j`, with a verb of saying after it.
fn subject_before_verb(doc: &Doc, names: &Names, j: usize) -> Option<Found> {
    let word = doc.word(j);
    if words::contains(THIRD_PERSON, word) || words::contains(FIRST_PERSON, word) {
        return Some((j, j, MentionKind::Pronoun));
    }
    if let Some(m) = names.starting_at(j) {
        return Some((m.first, m.last, MentionKind::Name));
    }
    if words::contains(DETERMINERS, word) {
        let last = (j + 1..=j + 3)
            .take_while(|&t| t < doc.toks.len() && doc.toks[t].word)
            .find(|&t| t + 1 < doc.toks.len() && is_verb(doc, t + 1))?;
        return Some((j, last, MentionKind::Nominal));
    }
    None
}
