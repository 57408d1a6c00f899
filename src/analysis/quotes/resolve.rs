//! The person a mention stands for: a name's person, or for a third-person pronoun the person
//! that the latest sentence naming someone (outside quotations) names first, of a fitting
//! gender (`gender`). First-person pronouns and descriptions stay without a speaker.

use super::names::Names;
use super::text::Doc;
use super::words::{self, FEMALE, MALE, THIRD_PERSON};
use super::MentionKind;

/// The person a mention stands for.
#[allow(clippy::too_many_arguments)]
pub(super) fn speaker(
    doc: &Doc,
    names: &Names,
    inside: &[bool],
    genders: &[Option<bool>],
    first: usize,
    last: usize,
    kind: MentionKind,
    quote_tok: usize,
) -> Option<String> {
    match kind {
        MentionKind::Name => names
            .starting_at(first)
            .filter(|m| m.last == last)
            .map(|m| names.people[m.person].name.clone()),
        MentionKind::Pronoun => {
            let word = if first < last {
                doc.word(last)
            } else {
                doc.word(first)
            };
            if !words::contains(THIRD_PERSON, word) {
                return None;
            }
            let male = words::contains(MALE, word) && !words::contains(FEMALE, word);
            let female = words::contains(FEMALE, word);
            let person = antecedent(
                doc,
                names,
                inside,
                genders,
                first.min(quote_tok),
                male,
                female,
            )?;
            Some(names.people[person].name.clone())
        }
        MentionKind::Nominal => None,
    }
}

/// The person the latest sentence before `before` that names someone (outside quotations)
/// opens with, skipping people of the other gender.
fn antecedent(
    doc: &Doc,
    names: &Names,
    inside: &[bool],
    genders: &[Option<bool>],
    before: usize,
    male: bool,
    female: bool,
) -> Option<usize> {
    let end = names.mentions.partition_point(|m| m.last < before);
    let fits = |person: usize| match genders[person] {
        Some(true) => !female || male,
        Some(false) => !male || female,
        None => true,
    };
    let mut i = end;
    while i > 0 {
        i -= 1;
        let m = &names.mentions[i];
        if inside[m.first] || !fits(m.person) {
            continue;
        }
        let sentence = doc.toks[m.first].sentence;
        let mut best = m.person;
        let mut j = i;
        while j > 0 {
            j -= 1;
            let n = &names.mentions[j];
            if doc.toks[n.first].sentence != sentence {
                break;
            }
            if !inside[n.first] && fits(n.person) {
                best = n.person;
            }
        }
        return Some(best);
    }
    None
}
