//! The index schema and how an [`Item`] becomes a tantivy document.
//!
//! Text fields exist once per language (`title_nl`, `title_en`, ...): an item fills only its own
//! language's fields, analysed by that language's analyzer. The whole item is stored once as
//! JSON in `item`, so a hit needs one stored field and no file reads; that JSON carries the
//! item's attributions (who said what, `index::quotes`), so pages and the API read them there.

use tantivy::schema::{
    Facet, FacetOptions, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST,
    INDEXED, STORED, STRING,
};
use tantivy::TantivyDocument;

use crate::analysis::tokens::checkpoints;
use crate::analysis::{analyzer_name, NAME_ANALYZER};
use crate::archive::quotes::Role;
use crate::archive::slug::slugify;
use crate::archive::{Item, Language};

use super::Dimension;

/// Bump on any change to the fields below: an index with another version is rebuilt.
pub const SCHEMA_VERSION: u32 = 4;

/// The term of `flags` an item has when a `[[quotes]]` correction in its front matter matched
/// no quotation (`lectern status` lists them).
pub const UNMATCHED_QUOTE_FLAG: &str = "unmatched-quote";

/// The text fields that a language has, each searched with its own weight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LanguageFields {
    pub title: Field,
    pub summary: Field,
    pub themes: Field,
    pub context: Field,
    pub body: Field,
    /// The words of the item's quotations (the `citaat:` prefix searches only these).
    pub quote: Field,
}

/// Every field, looked up once.
#[derive(Clone, Debug)]
pub struct Fields {
    pub id: Field,
    pub hash: Field,
    /// The item file's datestamp when it was indexed, in seconds since the epoch
    /// (`archive::stamp`): OAI-PMH, feeds and the sitemap read it instead of the file.
    pub changed: Field,
    pub item: Field,
    /// Stored with the item: where every 64th token of the indexed body starts
    /// (`analysis::tokens::checkpoints`), so passages need not count from the start.
    pub body_marks: Field,
    pub year: Field,
    pub date_key: Field,
    pub speakers: Field,
    pub facet: Field,
    pub speaker_key: Field,
    pub theme_key: Field,
    pub series_key: Field,
    pub kind_key: Field,
    pub language_key: Field,
    /// The slug of everyone in the item (speakers, quoted, mentioned): the `person` filter.
    pub person_key: Field,
    /// Markers such as [`UNMATCHED_QUOTE_FLAG`].
    pub flags: Field,
    pub nl: LanguageFields,
    pub en: LanguageFields,
}

impl Fields {
    pub fn language(&self, language: Language) -> &LanguageFields {
        match language {
            Language::Nl => &self.nl,
            Language::En => &self.en,
        }
    }

    /// The key field that filters a facet dimension.
    pub fn key_field(&self, dimension: Dimension) -> Option<Field> {
        match dimension {
            Dimension::Speaker => Some(self.speaker_key),
            Dimension::Theme => Some(self.theme_key),
            Dimension::Series => Some(self.series_key),
            Dimension::Kind => Some(self.kind_key),
            Dimension::Language => Some(self.language_key),
            Dimension::Person | Dimension::Quoted => Some(self.person_key),
            Dimension::Year | Dimension::Mentioned => None,
        }
    }
}

/// Builds the schema and its field handles.
pub fn build_schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text = |analyzer: &str| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(analyzer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    };
    let id = builder.add_text_field("id", STRING | STORED | FAST);
    let hash = builder.add_u64_field("hash", FAST);
    let changed = builder.add_u64_field("changed", FAST);
    let item = builder.add_text_field("item", STORED);
    let body_marks = builder.add_bytes_field("body_marks", STORED);
    let year = builder.add_u64_field("year", INDEXED | FAST | STORED);
    let date_key = builder.add_u64_field("date_key", FAST);
    let speakers = builder.add_text_field("speakers", text(NAME_ANALYZER));
    let facet = builder.add_facet_field("facet", FacetOptions::default());
    let speaker_key = builder.add_text_field("speaker_key", STRING);
    let theme_key = builder.add_text_field("theme_key", STRING);
    let series_key = builder.add_text_field("series_key", STRING);
    let kind_key = builder.add_text_field("kind_key", STRING);
    let language_key = builder.add_text_field("language_key", STRING);
    let person_key = builder.add_text_field("person_key", STRING);
    let flags = builder.add_text_field("flags", STRING);
    let mut language_fields = |language: Language| {
        let code = language.code();
        let options = text(analyzer_name(language));
        LanguageFields {
            title: builder.add_text_field(&format!("title_{code}"), options.clone()),
            summary: builder.add_text_field(&format!("summary_{code}"), options.clone()),
            themes: builder.add_text_field(&format!("themes_{code}"), options.clone()),
            context: builder.add_text_field(&format!("context_{code}"), options.clone()),
            body: builder.add_text_field(&format!("body_{code}"), options.clone()),
            quote: builder.add_text_field(&format!("quote_{code}"), options),
        }
    };
    let nl = language_fields(Language::Nl);
    let en = language_fields(Language::En);
    let fields = Fields {
        id,
        hash,
        changed,
        item,
        body_marks,
        year,
        date_key,
        speakers,
        facet,
        speaker_key,
        theme_key,
        series_key,
        kind_key,
        language_key,
        person_key,
        flags,
        nl,
        en,
    };
    (builder.build(), fields)
}

/// The facet path of a value: `/speaker/Herman de Mönnink`.
pub fn facet_of(dimension: Dimension, value: &str) -> Facet {
    Facet::from_path([dimension.as_str(), value])
}

/// The facet path of a dimension itself, `/series`: it matches every item with a value of it.
pub fn dimension_facet(dimension: Dimension) -> Facet {
    Facet::from_path([dimension.as_str()])
}

/// Turns an item into the document the index stores. `body` is the body's indexed text (its
/// paragraphs' plain text, `archive::paragraphs::indexed_text`: passages count positions in
/// it, not in the Markdown source), `hash` identifies the file's content, `changed` is its
/// datestamp in seconds since the epoch.
pub fn to_document(
    fields: &Fields,
    item: &Item,
    body: &str,
    hash: u64,
    changed: u64,
) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.id, &item.id);
    doc.add_u64(fields.hash, hash);
    doc.add_u64(fields.changed, changed);
    doc.add_text(
        fields.item,
        serde_json::to_string(item).expect("an item always serialises"),
    );
    doc.add_u64(fields.year, item.year() as u64);
    doc.add_u64(fields.date_key, item.date.sort_key());
    doc.add_facet(
        fields.facet,
        facet_of(Dimension::Year, &item.year().to_string()),
    );
    doc.add_facet(fields.facet, facet_of(Dimension::Kind, item.kind.as_str()));
    doc.add_facet(
        fields.facet,
        facet_of(Dimension::Language, item.language.code()),
    );
    doc.add_text(fields.kind_key, item.kind.as_str());
    doc.add_text(fields.language_key, item.language.code());
    for speaker in &item.speakers {
        doc.add_text(fields.speakers, &speaker.name);
        doc.add_text(fields.speaker_key, slugify(&speaker.name));
        if let Some(variant) = &speaker.as_written {
            // The spelling in the file finds the person too.
            doc.add_text(fields.speakers, variant);
            doc.add_text(fields.speaker_key, slugify(variant));
        }
        doc.add_facet(fields.facet, facet_of(Dimension::Speaker, &speaker.name));
    }
    for theme in &item.themes {
        doc.add_text(fields.theme_key, slugify(theme));
        doc.add_facet(fields.facet, facet_of(Dimension::Theme, theme));
    }
    if let Some(series) = &item.series {
        doc.add_text(fields.series_key, slugify(series));
        doc.add_facet(fields.facet, facet_of(Dimension::Series, series));
    }
    let text = fields.language(item.language);
    doc.add_text(text.title, &item.title);
    if let Some(summary) = &item.summary {
        doc.add_text(text.summary, summary);
    }
    for theme in &item.themes {
        doc.add_text(text.themes, theme);
    }
    for context in [&item.series, &item.event, &item.organisation]
        .into_iter()
        .flatten()
    {
        doc.add_text(text.context, context);
    }
    doc.add_bytes(fields.body_marks, &checkpoints(body));
    doc.add_text(text.body, body);
    add_attributions(fields, item, &mut doc);
    doc
}

/// The `person_key` term of someone quoted in an item: `quoted/peter-ten-have`.
pub fn quoted_key(name: &str) -> String {
    format!("quoted/{}", slugify(name))
}

/// The quotations' words, everyone in the item as a filter key and facet values by role.
fn add_attributions(fields: &Fields, item: &Item, doc: &mut TantivyDocument) {
    let found = &item.attributions;
    let text = fields.language(item.language);
    for quote in &found.quotes {
        doc.add_text(text.quote, &quote.text);
    }
    for person in &found.people {
        doc.add_text(fields.person_key, slugify(&person.name));
        if person.roles.contains(&Role::Quoted) {
            doc.add_text(fields.person_key, quoted_key(&person.name));
        }
        doc.add_facet(fields.facet, facet_of(Dimension::Person, &person.name));
        for role in [Role::Quoted, Role::Mentioned] {
            if person.roles.contains(&role) {
                doc.add_facet(
                    fields.facet,
                    facet_of(Dimension::of_role(role), &person.name),
                );
            }
        }
    }
    for variant in item.speakers.iter().filter_map(|s| s.as_written.as_deref()) {
        doc.add_text(fields.person_key, slugify(variant));
    }
    if !found.unmatched.is_empty() {
        doc.add_text(fields.flags, UNMATCHED_QUOTE_FLAG);
    }
}
