//! Writing an item back out as an archive file: TOML front matter between `+++` lines, then the
//! Markdown body. The inverse of `front_matter::parse_item` (tested as a round trip).
//!
//! Pure: item in, text out. Writing the text to disk is `write`'s job.

use super::fields::ItemField;
use super::item::Item;

/// The file text for an item. The language is always written, detected or not, so the file says
/// what the index uses.
pub fn render(item: &Item) -> String {
    let mut out = String::from("+++\n");
    line(&mut out, ItemField::Title.as_str(), &item.title);
    line(&mut out, ItemField::Date.as_str(), &item.date.to_string());
    line(&mut out, ItemField::Kind.as_str(), item.kind.as_str());
    if !item.speakers.is_empty() {
        let speakers: Vec<String> = item
            .speakers
            .iter()
            .map(|s| match &s.role {
                Some(role) => format!("{{ name = {}, role = {} }}", quote(&s.name), quote(role)),
                None => quote(&s.name),
            })
            .collect();
        out.push_str(&format!(
            "{} = [{}]\n",
            ItemField::Speakers,
            speakers.join(", ")
        ));
    }
    if !item.themes.is_empty() {
        let themes: Vec<String> = item.themes.iter().map(|t| quote(t)).collect();
        out.push_str(&format!(
            "{} = [{}]\n",
            ItemField::Themes,
            themes.join(", ")
        ));
    }
    let optional = [
        (ItemField::Series, &item.series),
        (ItemField::Event, &item.event),
        (ItemField::Organisation, &item.organisation),
    ];
    for (key, value) in optional {
        if let Some(value) = value {
            line(&mut out, key.as_str(), value);
        }
    }
    line(&mut out, ItemField::Language.as_str(), item.language.code());
    for (key, value) in [
        (ItemField::Source, &item.source),
        (ItemField::Url, &item.url),
        (ItemField::Summary, &item.summary),
    ] {
        if let Some(value) = value {
            line(&mut out, key.as_str(), value);
        }
    }
    // Tables last: in TOML every key after `[[quotes]]` would belong to the quote.
    for correction in &item.quotes {
        out.push_str(&format!("\n[[{}]]\n", ItemField::Quotes));
        line(&mut out, "text", &correction.text);
        if let Some(speaker) = &correction.speaker {
            line(&mut out, "speaker", speaker);
        }
        if correction.not_a_quote {
            out.push_str("not_a_quote = true\n");
        }
    }
    out.push_str("+++\n");
    let body = item.body.trim();
    if !body.is_empty() {
        out.push('\n');
        out.push_str(body);
        out.push('\n');
    }
    out
}

fn line(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(" = ");
    out.push_str(&quote(value));
    out.push('\n');
}

/// A TOML basic string with everything escaped that must be.
fn quote(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::front_matter::parse_item;

    #[test]
    fn render_then_parse_gives_the_same_item() {
        let text = "+++\ntitle = \"Een \\\"titel\\\" met quotes\"\ndate = \"2022-10\"\nkind = \"report\"\nspeakers = [{ name = \"Herman de Mönnink\", role = \"lecturer\" }, \"Ann\"]\nthemes = [\"sociaal werk\"]\nseries = \"Marie Kamphuis Lezing\"\nlanguage = \"nl\"\nsummary = \"Twee\\nregels\"\n\n[[quotes]]\ntext = \"Wij zijn\"\nspeaker = \"Ann\"\n\n[[quotes]]\ntext = \"Ook dit\"\nnot_a_quote = true\n+++\n\n## Kop\n\nTekst met +++ erin.\n";
        let item = parse_item(text, "a/b.md").unwrap();
        let again = parse_item(&render(&item), "a/b.md").unwrap();
        assert_eq!(item, again);
        assert_eq!(again.quotes.len(), 2);
        assert!(again.quotes[1].drops());
    }
}
