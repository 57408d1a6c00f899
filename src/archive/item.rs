//! The archive's data model: an item (lecture, report, essay, ...) with its metadata and text.
//!
//! No file IO and no index knowledge here; `front_matter` builds items from text.

use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::date::ItemDate;
use super::quotes::{Attributions, QuoteOverride};
use super::slug::slugify;

/// One archived lecture, report, essay, interview or panel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// Stable, URL-safe, unique: derived from the path inside the archive.
    pub id: String,
    /// Path relative to the archive folder, with `/` separators.
    pub path: String,
    pub title: String,
    pub date: ItemDate,
    pub kind: Kind,
    pub speakers: Vec<Speaker>,
    pub themes: Vec<String>,
    pub series: Option<String>,
    pub event: Option<String>,
    pub organisation: Option<String>,
    pub language: Language,
    /// True when `language` was not given in the file but detected from the text.
    pub language_detected: bool,
    pub source: Option<String>,
    pub url: Option<String>,
    pub summary: Option<String>,
    /// The transcript or report text, Markdown.
    pub body: String,
    /// The archivist's corrections of quotations (front matter `[[quotes]]`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<QuoteOverride>,
    /// Who said what, found when the item was indexed (`index`), with the corrections
    /// applied; empty in an item read from its file, never written to it.
    #[serde(default, skip_serializing_if = "Attributions::is_empty")]
    pub attributions: Attributions,
}

impl Item {
    /// The item id for a path relative to the archive: `series/2022-talk.md` -> `series-2022-talk`.
    pub fn id_for_path(relative: &std::path::Path) -> String {
        let without_ext: PathBuf = relative.with_extension("");
        let joined = without_ext
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("-");
        slugify(&joined)
    }

    pub fn year(&self) -> u16 {
        self.date.year
    }

    pub fn speaker_names(&self) -> impl Iterator<Item = &str> {
        self.speakers.iter().map(|s| s.name.as_str())
    }
}

/// A person who spoke, wrote or was interviewed, with the role they had in this item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The spelling in the file when `speakers.toml` maps it to another (canonical) `name`;
    /// set only at index time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_written: Option<String>,
}

impl Speaker {
    pub fn new(name: &str, role: Option<String>) -> Speaker {
        Speaker {
            name: name.to_string(),
            role,
            as_written: None,
        }
    }
}

/// What sort of item this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Lecture,
    Report,
    Essay,
    Interview,
    Panel,
    Other,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Lecture,
        Kind::Report,
        Kind::Essay,
        Kind::Interview,
        Kind::Panel,
        Kind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Lecture => "lecture",
            Kind::Report => "report",
            Kind::Essay => "essay",
            Kind::Interview => "interview",
            Kind::Panel => "panel",
            Kind::Other => "other",
        }
    }

    /// Parses the English name, or a Dutch one (`lezing`, `verslag`, ...).
    pub fn parse(text: &str) -> Option<Kind> {
        let text = text.trim().to_lowercase();
        let english = match text.as_str() {
            "lezing" => "lecture",
            "verslag" => "report",
            "paneldiscussie" | "paneel" => "panel",
            "overig" => "other",
            other => other,
        };
        Kind::ALL.into_iter().find(|k| k.as_str() == english)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The languages Lectern analyses; every item is indexed with its own language's analyzer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Nl,
    En,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::Nl, Language::En];

    pub fn code(self) -> &'static str {
        match self {
            Language::Nl => "nl",
            Language::En => "en",
        }
    }

    pub fn parse(text: &str) -> Option<Language> {
        match text.trim().to_ascii_lowercase().as_str() {
            "nl" | "nld" | "dutch" | "nederlands" => Some(Language::Nl),
            "en" | "eng" | "english" | "engels" => Some(Language::En),
            _ => None,
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
