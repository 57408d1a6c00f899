//! Who said what, at index time: runs the extraction (`analysis::quotes`) on an item's
//! paragraphs, places each quotation in its paragraph (`p-N`), applies the archivist's
//! corrections from the front matter (they win), and gives every person their roles. The
//! result rides with the item in the index (`archive::quotes::Attributions`), never in its file.
//!
//! Knows nothing of HTTP, HTML or search.

use crate::analysis::quotes::{extract, KnownPeople};
use crate::archive::paragraphs::{starts_in_indexed_text, Paragraph};
use crate::archive::quotes::{Attributions, ItemPerson, ItemQuote, Role};
use crate::archive::{Item, SpeakerNames};

/// The attributions of an item whose speakers already carry their canonical names
/// (`SpeakerNames::apply`), with its paragraphs and their indexed text already at hand (the
/// indexer has them for the body field: the Markdown is parsed once).
pub fn attribute_in(
    item: &Item,
    paragraphs: &[Paragraph],
    text: &str,
    speakers: &SpeakerNames,
) -> Attributions {
    // Where each paragraph starts in the text, in characters.
    let starts = starts_in_indexed_text(paragraphs, |t| t.chars().count());
    let known = KnownPeople::new(
        item.speakers
            .iter()
            .flat_map(|s| {
                std::iter::once((s.name.clone(), s.name.clone())).chain(
                    s.as_written
                        .iter()
                        .map(|variant| (variant.clone(), s.name.clone())),
                )
            })
            .chain(
                speakers
                    .variants()
                    .map(|(variant, name)| (variant.to_string(), name.to_string())),
            ),
    );
    let found = if text.is_empty() {
        Default::default()
    } else {
        extract(text, item.language, &known)
    };
    let mut quotes: Vec<ItemQuote> = found
        .quotes
        .into_iter()
        .filter_map(|quote| {
            let index = starts
                .partition_point(|&s| s <= quote.span.start)
                .checked_sub(1)?;
            let start = starts[index];
            let length = paragraphs[index].text.chars().count();
            let inside = quote.span.end <= start + length;
            Some(ItemQuote {
                anchor: paragraphs[index].anchor.clone(),
                chars: inside.then(|| (quote.span.start - start, quote.span.end - start)),
                text: quote.text,
                speaker: quote
                    .speaker
                    .map(|name| speakers.canonical(&name).to_string()),
                as_written: quote.as_written,
                corrected: false,
            })
        })
        .collect();

    // The archivist's corrections win over the extraction.
    let mut unmatched = Vec::new();
    for correction in &item.quotes {
        let mut matched = false;
        quotes.retain_mut(|quote| {
            if !correction.matches(&quote.text) {
                return true;
            }
            matched = true;
            if correction.drops() {
                return false;
            }
            let name = correction.speaker.as_deref().unwrap_or_default().trim();
            quote.speaker = Some(speakers.canonical(name).to_string());
            quote.as_written = None;
            quote.corrected = true;
            true
        });
        if !matched {
            unmatched.push(correction.text.clone());
        }
    }

    let mut people: Vec<ItemPerson> = Vec::new();
    let mut add = |name: &str, role: Role| {
        let name = name.trim();
        if name.is_empty() {
            return;
        }
        match people.iter_mut().find(|p| p.name == name) {
            Some(person) if !person.roles.contains(&role) => {
                person.roles.push(role);
                person.roles.sort();
            }
            Some(_) => {}
            None => people.push(ItemPerson {
                name: name.to_string(),
                roles: vec![role],
            }),
        }
    };
    for speaker in &item.speakers {
        add(&speaker.name, Role::Speaker);
    }
    for quote in &quotes {
        if let Some(name) = &quote.speaker {
            add(name, Role::Quoted);
        }
    }
    for person in &found.people {
        add(speakers.canonical(&person.name), Role::Mentioned);
    }
    Attributions {
        quotes,
        people,
        unmatched,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::front_matter::parse_item;
    use crate::archive::paragraphs::{indexed_text, paragraphs};
    use std::collections::BTreeSet;

    /// The attributions of an item whose speakers already carry their canonical names
    /// (`SpeakerNames::apply`).
    fn attribute(item: &Item, speakers: &SpeakerNames) -> Attributions {
        let paragraphs = paragraphs(&item.body);
        let text = indexed_text(&paragraphs);
        attribute_in(item, &paragraphs, &text, speakers)
    }

    /// The names of the people in an item with a role, without repeats.
    fn people_with(attributions: &Attributions, role: Role) -> BTreeSet<&str> {
        attributions
            .people
            .iter()
            .filter(|p| p.roles.contains(&role))
            .map(|p| p.name.as_str())
            .collect()
    }

    const FILE: &str = "+++\ntitle = \"Verslag\"\ndate = \"2024\"\nlanguage = \"nl\"\nspeakers = [\"Ann de Wit\"]\n\n[[quotes]]\ntext = \"wij blijven\"\nspeaker = \"Bo Jansen\"\n\n[[quotes]]\ntext = \"Dit bestaat niet\"\nspeaker = \"X\"\n\n[[quotes]]\ntext = \"Geen citaat\"\nnot_a_quote = true\n+++\n\nEerste alinea.\n\nZe zei: “Wij blijven hier.” En: “Geen citaat.”\n";

    #[test]
    fn quotations_are_placed_in_their_paragraph_and_corrections_win() {
        let item = parse_item(FILE, "v.md").unwrap();
        let found = attribute(&item, &SpeakerNames::default());
        assert_eq!(found.quotes.len(), 1, "{:?}", found.quotes);
        let quote = &found.quotes[0];
        assert_eq!(quote.anchor, "p-2");
        let (start, end) = quote.chars.unwrap();
        let paragraph: Vec<char> = "Ze zei: “Wij blijven hier.” En: “Geen citaat.”"
            .chars()
            .collect();
        assert_eq!(
            paragraph[start..end].iter().collect::<String>(),
            "“Wij blijven hier.”"
        );
        assert_eq!(quote.speaker.as_deref(), Some("Bo Jansen"));
        assert!(quote.corrected);
        assert_eq!(found.unmatched, ["Dit bestaat niet"]);
        assert_eq!(
            people_with(&found, Role::Quoted)
                .into_iter()
                .collect::<Vec<_>>(),
            ["Bo Jansen"]
        );
        assert!(people_with(&found, Role::Speaker).contains("Ann de Wit"));
    }
}
