//! Who said what in an item, as the archive models it: the archivist's corrections in front
//! matter (`[[quotes]]`, [`QuoteOverride`]) and the attributions the index stores with the item
//! ([`Attributions`]: each quotation with its paragraph anchor and speaker, each person with
//! their roles).
//!
//! Data and matching only: the extraction itself is `analysis::quotes`, run by `index` when it
//! indexes an item. The attributions are never written into the archive file (`render` leaves
//! them out); only the overrides are. Pure: no files, no index.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::themes::fold;

/// The most `[[quotes]]` entries one item may have, and the longest text of one.
pub const MAX_OVERRIDES: usize = 200;
pub const MAX_OVERRIDE_CHARS: usize = 500;

/// An archivist's correction of one quotation: the quotation whose text starts with `text`
/// (compared without accents, case or spacing) gets `speaker`; `speaker = ""` or
/// `not_a_quote = true` drops it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteOverride {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_a_quote: bool,
}

impl QuoteOverride {
    /// Whether this override drops the quotation instead of naming its speaker.
    pub fn drops(&self) -> bool {
        self.not_a_quote || self.speaker.as_deref().is_none_or(|s| s.trim().is_empty())
    }

    /// Whether a quotation with this text is the one meant.
    pub fn matches(&self, quote_text: &str) -> bool {
        let wanted = fold(&self.text);
        !wanted.is_empty() && fold(quote_text).starts_with(&wanted)
    }
}

/// A person's part in an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Named in the front matter's `speakers`.
    Speaker,
    /// A quotation in the text is theirs.
    Quoted,
    /// Named in the text.
    Mentioned,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Speaker => "speaker",
            Role::Quoted => "quoted",
            Role::Mentioned => "mentioned",
        }
    }
}

/// One quotation of an item, placed in its paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemQuote {
    /// The paragraph's anchor (`p-3`, or `t=12:40` for a cue).
    pub anchor: String,
    /// Character offsets of the quotation (with its marks) in the paragraph's plain text
    /// (`archive::paragraphs`), end exclusive; `None` when it runs over several paragraphs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chars: Option<(usize, usize)>,
    /// The words inside the marks.
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// The attributing mention as written ("hij", "De Mönnink").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_written: Option<String>,
    /// The speaker comes from the front matter's `quotes`, not from the extraction.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub corrected: bool,
}

/// A person in an item, with every part they have in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemPerson {
    pub name: String,
    pub roles: Vec<Role>,
}

/// What the index found of who said what in an item (set at index time, never read from or
/// written to the file).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attributions {
    pub quotes: Vec<ItemQuote>,
    pub people: Vec<ItemPerson>,
    /// The `text` of each front-matter override that matched no quotation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unmatched: Vec<String>,
}

impl Attributions {
    pub fn is_empty(&self) -> bool {
        self.quotes.is_empty() && self.people.is_empty() && self.unmatched.is_empty()
    }

    /// The quotations attributed to `name`.
    pub fn quotes_of<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a ItemQuote> + 'a {
        self.quotes
            .iter()
            .filter(move |q| q.speaker.as_deref() == Some(name))
    }
}

/// Reads the `quotes` field of front matter: a list of `{ text, speaker }` or
/// `{ text, not_a_quote = true }` tables. Problems are messages saying how to fix them.
pub fn parse_overrides(value: &Value) -> Result<Vec<QuoteOverride>, String> {
    const EXAMPLE: &str = "write `[[quotes]]` with `text = \"the start of the quotation\"` and `speaker = \"Name\"` (or `not_a_quote = true`)";
    let Value::Array(values) = value else {
        return Err(format!("`quotes` must be a list of tables: {EXAMPLE}"));
    };
    if values.len() > MAX_OVERRIDES {
        return Err(format!(
            "`quotes` has {} entries: at most {MAX_OVERRIDES}",
            values.len()
        ));
    }
    let mut out = Vec::with_capacity(values.len());
    for (n, value) in values.iter().enumerate() {
        let n = n + 1;
        let Value::Object(map) = value else {
            return Err(format!("quote {n} is not a table: {EXAMPLE}"));
        };
        if let Some(key) = map
            .keys()
            .find(|k| !["text", "speaker", "not_a_quote"].contains(&k.as_str()))
        {
            let hint = ["text", "speaker", "not_a_quote"]
                .into_iter()
                .map(|f| (super::front_matter::edit_distance(key, f), f))
                .filter(|(d, _)| *d <= 3)
                .min()
                .map(|(_, f)| format!("did you mean `{f}`? "))
                .unwrap_or_default();
            return Err(format!(
                "quote {n} has an unknown field `{key}`: {hint}a quote has `text`, `speaker` and `not_a_quote`"
            ));
        }
        let text = match map.get("text") {
            Some(Value::String(t)) if !fold(t).is_empty() => t.trim().to_string(),
            _ => {
                return Err(format!(
                    "quote {n} has no `text`: give the first words of the quotation, e.g. `text = \"We moeten\"`"
                ))
            }
        };
        if text.chars().count() > MAX_OVERRIDE_CHARS {
            return Err(format!(
                "quote {n}'s `text` is longer than {MAX_OVERRIDE_CHARS} characters: its first words are enough"
            ));
        }
        let speaker = match map.get("speaker") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.trim().to_string()),
            Some(_) => {
                return Err(format!(
                    "quote {n}'s `speaker` must be a name in quotes (or \"\" when it is nobody's)"
                ))
            }
        };
        let not_a_quote = match map.get("not_a_quote") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                return Err(format!(
                    "quote {n}'s `not_a_quote` must be true or false (without quotes)"
                ))
            }
        };
        if speaker.is_none() && !not_a_quote {
            return Err(format!(
                "quote {n} says neither whose it is nor that it is not a quote: add `speaker = \"Name\"` or `not_a_quote = true`"
            ));
        }
        out.push(QuoteOverride {
            text,
            speaker,
            not_a_quote,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_override_matches_the_start_without_accents_case_or_spacing() {
        let correction = QuoteOverride {
            text: "Continuïteit  is".into(),
            speaker: Some("A".into()),
            not_a_quote: false,
        };
        assert!(correction.matches("continuiteit is alles, zei ze"));
        assert!(!correction.matches("Is continuïteit"));
        assert!(!correction.drops());
    }

    #[test]
    fn bad_overrides_say_how_to_fix_them() {
        let bad = serde_json::json!([{ "text": "x", "spreker": "A" }]);
        let message = parse_overrides(&bad).unwrap_err();
        assert!(message.contains("did you mean `speaker`"), "{message}");
        let message = parse_overrides(&serde_json::json!("x")).unwrap_err();
        assert!(message.contains("[[quotes]]"), "{message}");
        let none = serde_json::json!([{ "text": "x" }]);
        assert!(parse_overrides(&none).unwrap_err().contains("not_a_quote"));
        let ok = serde_json::json!([{ "text": "x", "speaker": "" }]);
        assert!(parse_overrides(&ok).unwrap()[0].drops());
    }
}
