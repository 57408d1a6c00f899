//! Bulk import and export: one JSON object per line with the archive's fields (`id`, `path`,
//! `title`, `date`, `kind`, `speakers`, `themes`, `series`, `event`, `organisation`,
//! `language`, `source`, `url`, `summary`, `body`, `quotes`). Export writes what import reads, so
//! import -> export -> import loses nothing.

use serde::{Deserialize, Serialize};

use crate::archive::front_matter::parse_item;
use crate::archive::quotes::QuoteOverride;
use crate::archive::render::render;
use crate::archive::{Item, ItemField};

/// One line of the file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    pub title: String,
    pub date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub speakers: Vec<SpeakerRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default)]
    pub body: String,
    /// Corrections of quotations (front matter `[[quotes]]`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<QuoteOverride>,
}

/// A speaker: a name, or `{"name": ..., "role": ...}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum SpeakerRecord {
    Name(String),
    WithRole {
        name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        role: Option<String>,
    },
}

impl Record {
    pub fn from_item(item: &Item) -> Record {
        Record {
            id: Some(item.id.clone()),
            path: Some(item.path.clone()),
            title: item.title.clone(),
            date: item.date.to_string(),
            kind: Some(item.kind.as_str().to_string()),
            speakers: item
                .speakers
                .iter()
                .map(|s| match &s.role {
                    Some(role) => SpeakerRecord::WithRole {
                        name: s.name.clone(),
                        role: Some(role.clone()),
                    },
                    None => SpeakerRecord::Name(s.name.clone()),
                })
                .collect(),
            themes: item.themes.clone(),
            series: item.series.clone(),
            event: item.event.clone(),
            organisation: item.organisation.clone(),
            language: Some(item.language.code().to_string()),
            source: item.source.clone(),
            url: item.url.clone(),
            summary: item.summary.clone(),
            body: item.body.clone(),
            quotes: item.quotes.clone(),
        }
    }

    /// The archive file text for this record, validated by the same rules as files on disk.
    pub fn to_file_text(&self, relative: &str) -> Result<(String, Item), super::Unusable> {
        self.file_text(relative).map_err(super::Unusable)
    }

    fn file_text(&self, relative: &str) -> Result<(String, Item), String> {
        let mut table = toml::Table::new();
        let mut put = |field: ItemField, value: Option<&String>| {
            if let Some(value) = value {
                table.insert(
                    field.as_str().to_string(),
                    toml::Value::String(value.clone()),
                );
            }
        };
        put(ItemField::Title, Some(&self.title));
        put(ItemField::Date, Some(&self.date));
        put(ItemField::Kind, self.kind.as_ref());
        put(ItemField::Series, self.series.as_ref());
        put(ItemField::Event, self.event.as_ref());
        put(ItemField::Organisation, self.organisation.as_ref());
        put(ItemField::Language, self.language.as_ref());
        put(ItemField::Source, self.source.as_ref());
        put(ItemField::Url, self.url.as_ref());
        put(ItemField::Summary, self.summary.as_ref());
        if !self.themes.is_empty() {
            table.insert(
                ItemField::Themes.as_str().into(),
                toml::Value::Array(
                    self.themes
                        .iter()
                        .cloned()
                        .map(toml::Value::String)
                        .collect(),
                ),
            );
        }
        if !self.speakers.is_empty() {
            let speakers = self.speakers.iter().map(|s| match s {
                SpeakerRecord::Name(name) => toml::Value::String(name.clone()),
                SpeakerRecord::WithRole { name, role } => {
                    let mut t = toml::Table::new();
                    t.insert("name".into(), toml::Value::String(name.clone()));
                    if let Some(role) = role {
                        t.insert("role".into(), toml::Value::String(role.clone()));
                    }
                    toml::Value::Table(t)
                }
            });
            table.insert(
                ItemField::Speakers.as_str().into(),
                toml::Value::Array(speakers.collect()),
            );
        }
        if !self.quotes.is_empty() {
            let quotes = self.quotes.iter().map(|q| {
                let mut t = toml::Table::new();
                t.insert("text".into(), toml::Value::String(q.text.clone()));
                if let Some(speaker) = &q.speaker {
                    t.insert("speaker".into(), toml::Value::String(speaker.clone()));
                }
                if q.not_a_quote {
                    t.insert("not_a_quote".into(), toml::Value::Boolean(true));
                }
                toml::Value::Table(t)
            });
            table.insert(
                ItemField::Quotes.as_str().into(),
                toml::Value::Array(quotes.collect()),
            );
        }
        let front = toml::to_string(&table).map_err(|e| e.to_string())?;
        let text = format!("+++\n{front}+++\n\n{}\n", self.body.trim());
        let item = parse_item(&text, relative).map_err(|problems| {
            problems
                .into_iter()
                .map(|p| p.message)
                .collect::<Vec<_>>()
                .join("; ")
        })?;
        // Rendered again so imported files look like every other file Lectern writes.
        Ok((render(&item), item))
    }
}
