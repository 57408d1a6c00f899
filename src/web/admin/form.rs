//! The editor's item form: the fields as the browser sends them, to and from items.
//! Speakers are one per line (`Name` or `Name (role)`); themes one per line or comma-separated.

use serde::Deserialize;

use crate::archive::Item;
use crate::ingest::jsonl::{Record, SpeakerRecord};
use crate::ingest::Unusable;

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ItemForm {
    pub csrf: String,
    /// The item's path when editing an existing item; empty for a new one.
    pub path: String,
    /// When editing: the hash of the file's bytes when the form was opened (`file_version`).
    /// A save finds the file changed since (another archivist, or an edit on disk) and
    /// answers 409 with both versions instead of overwriting what it has not seen.
    pub base: String,
    pub title: String,
    pub date: String,
    pub kind: String,
    pub speakers: String,
    pub themes: String,
    pub series: String,
    pub event: String,
    pub organisation: String,
    pub language: String,
    pub source: String,
    pub url: String,
    pub summary: String,
    pub body: String,
    /// The item's `[[quotes]]` corrections as JSON, carried through the form unchanged.
    pub quotes: String,
}

impl ItemForm {
    pub fn from_item(item: &Item) -> ItemForm {
        ItemForm {
            csrf: String::new(),
            path: String::new(),
            base: String::new(),
            title: item.title.clone(),
            date: item.date.to_string(),
            kind: item.kind.as_str().to_string(),
            speakers: item
                .speakers
                .iter()
                .map(|s| match &s.role {
                    Some(role) => format!("{} ({role})", s.name),
                    None => s.name.clone(),
                })
                .collect::<Vec<_>>()
                .join("\n"),
            themes: item.themes.join("\n"),
            series: item.series.clone().unwrap_or_default(),
            event: item.event.clone().unwrap_or_default(),
            organisation: item.organisation.clone().unwrap_or_default(),
            language: item.language.code().to_string(),
            source: item.source.clone().unwrap_or_default(),
            url: item.url.clone().unwrap_or_default(),
            summary: item.summary.clone().unwrap_or_default(),
            body: item.body.clone(),
            quotes: if item.quotes.is_empty() {
                String::new()
            } else {
                serde_json::to_string(&item.quotes).unwrap_or_default()
            },
        }
    }

    /// The file text and the item, checked by the same rules as files on disk.
    pub fn validate(&self, relative: &str) -> Result<(String, Item), Unusable> {
        let text = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let lines = |s: &str, commas: bool| -> Vec<String> {
            s.split(|c| c == '\n' || c == ';' || (commas && c == ','))
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty())
                .collect()
        };
        let record = Record {
            id: None,
            path: None,
            title: self.title.trim().to_string(),
            date: self.date.trim().to_string(),
            kind: text(&self.kind),
            speakers: lines(&self.speakers, false)
                .into_iter()
                .map(speaker)
                .collect(),
            themes: lines(&self.themes, true),
            series: text(&self.series),
            event: text(&self.event),
            organisation: text(&self.organisation),
            language: text(&self.language),
            source: text(&self.source),
            url: text(&self.url),
            summary: text(&self.summary),
            body: self.body.replace("\r\n", "\n"),
            quotes: match self.quotes.trim() {
                "" => Vec::new(),
                json => serde_json::from_str(json).map_err(|_| {
                    Unusable("the quotation corrections (`quotes`) are not readable".to_string())
                })?,
            },
        };
        if record.title.is_empty() {
            return Err(Unusable("the title is missing".into()));
        }
        if record.date.is_empty() {
            return Err(Unusable(
                "the date is missing (YYYY-MM-DD, YYYY-MM or YYYY)".into(),
            ));
        }
        record.to_file_text(relative)
    }
}

/// `Name (role)` -> a speaker with a role.
fn speaker(line: String) -> SpeakerRecord {
    match line.strip_suffix(')').and_then(|l| l.rsplit_once(" (")) {
        Some((name, role)) if !name.trim().is_empty() => SpeakerRecord::WithRole {
            name: name.trim().to_string(),
            role: Some(role.trim().to_string()),
        },
        _ => SpeakerRecord::Name(line),
    }
}
