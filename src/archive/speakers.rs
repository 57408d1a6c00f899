//! Speaker name variants: `archive/speakers.toml` maps the ways items spell a person's name
//! ("H. de Mönnink") to one canonical name ("Herman de Mönnink").
//!
//! Matching folds accents, case and punctuation (the name's slug), so "Herman de Monnink" is
//! the same key as "Herman de Mönnink". Parsing is separate from reading the file; knows nothing
//! of the index, which applies the names when it turns items into documents.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::item::Item;
use super::load::{fnv1a, FileError};
use super::slug::slugify;

/// The file in the archive folder that lists name variants.
pub const SPEAKERS_FILE: &str = "speakers.toml";

/// Canonical names by the slug of every variant (and of the canonical name itself).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpeakerNames {
    canonical: BTreeMap<String, String>,
    aliases: BTreeMap<String, Vec<String>>,
    /// Changes whenever the mapping changes, so items are re-indexed under their new names.
    pub fingerprint: u64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    speaker: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
}

impl SpeakerNames {
    /// Parses the text of `speakers.toml`; an error gives the line and how to fix it.
    pub fn parse(text: &str) -> Result<SpeakerNames, (usize, String)> {
        let file: File = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
                .unwrap_or(1);
            (
                line,
                format!(
                    "{}: write each person as [[speaker]] with name = \"...\" and aliases = [\"...\"]",
                    e.message()
                ),
            )
        })?;
        let mut names = SpeakerNames {
            fingerprint: fnv1a(text.as_bytes()),
            ..SpeakerNames::default()
        };
        for entry in file.speaker {
            let name = entry.name.trim().to_string();
            for variant in std::iter::once(&name).chain(entry.aliases.iter()) {
                let key = slugify(variant);
                if let Some(other) = names.canonical.get(&key).filter(|o| **o != name) {
                    let line = text[..text.find(variant.as_str()).unwrap_or(0)]
                        .matches('\n')
                        .count()
                        + 1;
                    return Err((
                        line,
                        format!("`{variant}` is listed for both `{other}` and `{name}`: keep it under one person"),
                    ));
                }
                names.canonical.insert(key, name.clone());
            }
            names.aliases.insert(
                name.clone(),
                entry.aliases.iter().map(|a| a.trim().to_string()).collect(),
            );
        }
        Ok(names)
    }

    /// Reads `speakers.toml` from the archive folder; no file means no variants.
    pub fn load(archive: &Path) -> Result<SpeakerNames, FileError> {
        let path = archive.join(SPEAKERS_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(SpeakerNames::default())
            }
            Err(e) => {
                return Err(FileError {
                    path,
                    line: 1,
                    message: format!("cannot read the speaker list: {e}"),
                })
            }
        };
        SpeakerNames::parse(&text).map_err(|(line, message)| FileError {
            path,
            line,
            message,
        })
    }

    /// The canonical name for a name as written (the name itself when it is not listed).
    pub fn canonical<'a>(&'a self, name: &'a str) -> &'a str {
        self.canonical
            .get(&slugify(name))
            .map(String::as_str)
            .unwrap_or(name)
    }

    /// Every listed name with its canonical name: each canonical name with itself, each
    /// variant with its canonical name.
    pub fn variants(&self) -> impl Iterator<Item = (&str, &str)> {
        self.aliases.iter().flat_map(|(canonical, aliases)| {
            std::iter::once((canonical.as_str(), canonical.as_str())).chain(
                aliases
                    .iter()
                    .map(move |a| (a.as_str(), canonical.as_str())),
            )
        })
    }

    /// The item with canonical speaker names; a changed name keeps its spelling in `as_written`.
    pub fn apply(&self, item: &Item) -> Item {
        let mut item = item.clone();
        for speaker in &mut item.speakers {
            let canonical = self.canonical(&speaker.name).to_string();
            if canonical != speaker.name {
                speaker.as_written = Some(std::mem::replace(&mut speaker.name, canonical));
            }
        }
        item
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_map_to_the_canonical_name() {
        let names = SpeakerNames::parse(
            "[[speaker]]\nname = \"Herman de Mönnink\"\naliases = [\"H. de Mönnink\"]\n",
        )
        .unwrap();
        assert_eq!(names.canonical("H. de Mönnink"), "Herman de Mönnink");
        assert_eq!(names.canonical("herman de monnink"), "Herman de Mönnink");
        assert_eq!(names.canonical("Someone Else"), "Someone Else");
    }

    #[test]
    fn errors_name_the_line() {
        let (line, message) =
            SpeakerNames::parse("[[speaker]]\nname = \"A\"\nalias = [\"B\"]\n").unwrap_err();
        assert_eq!(line, 3);
        assert!(message.contains("aliases"), "{message}");
        let (_, message) = SpeakerNames::parse(
            "[[speaker]]\nname = \"A\"\naliases = [\"X\"]\n[[speaker]]\nname = \"B\"\naliases = [\"X\"]\n",
        )
        .unwrap_err();
        assert!(message.contains("both"), "{message}");
    }
}
