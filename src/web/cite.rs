//! "Cite this item": the item as a plain-text reference, a BibTeX entry and a RIS record.
//!
//! Pure functions of an item and its absolute URL (none when the site has no base URL: a
//! reference names no address rather than a wrong one); the item page shows them as text.

use crate::archive::{Item, Kind};

/// "Family, Given" for BibTeX and RIS; names are written "Given Family" in the archive,
/// with Dutch particles (de, van, van der, ...) kept with the family name.
pub fn family_first(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 {
        return name.to_string();
    }
    let particles = [
        "de", "den", "der", "van", "von", "te", "ten", "ter", "el", "la", "le", "het", "'t",
    ];
    let mut start = words.len() - 1;
    while start > 1 && particles.contains(&words[start - 1].to_lowercase().as_str()) {
        start -= 1;
    }
    format!("{}, {}", words[start..].join(" "), words[..start].join(" "))
}

fn authors(item: &Item) -> Vec<&str> {
    item.speakers
        .iter()
        .filter(|s| {
            s.role.as_deref() != Some("moderator") && s.role.as_deref() != Some("interviewer")
        })
        .map(|s| s.name.as_str())
        .collect()
}

fn published_in(item: &Item) -> Vec<&str> {
    [&item.series, &item.event, &item.organisation]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect()
}

/// `Herman de Mönnink (2022). Title. Marie Kamphuis Lezing, Event, Movisie. https://...`
pub fn plain(item: &Item, url: Option<&str>) -> String {
    let mut out = String::new();
    let names = authors(item);
    if !names.is_empty() {
        out.push_str(&names.join(", "));
        out.push(' ');
    }
    out.push_str(&format!(
        "({}). {}.",
        item.date,
        item.title.trim_end_matches('.')
    ));
    let context = published_in(item);
    if !context.is_empty() {
        out.push_str(&format!(" {}.", context.join(", ")));
    }
    if let Some(url) = url {
        out.push_str(&format!(" {url}"));
    }
    out
}

fn bibtex_escape(text: &str) -> String {
    text.replace('\\', "\\textbackslash{}")
        .replace('{', "\\{")
        .replace('}', "\\}")
        .replace('&', "\\&")
        .replace('%', "\\%")
        .replace('#', "\\#")
        .replace('_', "\\_")
}

/// A BibTeX `@misc` entry keyed by the item id.
pub fn bibtex(item: &Item, url: Option<&str>) -> String {
    let mut lines = vec![format!("@misc{{{},", item.id)];
    let mut field = |name: &str, value: &str| {
        lines.push(format!("  {name} = {{{}}},", bibtex_escape(value)));
    };
    field("title", &item.title);
    let names: Vec<String> = authors(item).iter().map(|n| family_first(n)).collect();
    if !names.is_empty() {
        field("author", &names.join(" and "));
    }
    field("year", &item.year().to_string());
    if let Some(month) = item.date.month {
        field("month", &month.to_string());
    }
    let context = published_in(item);
    if !context.is_empty() {
        field("howpublished", &context.join(", "));
    }
    field("note", item.kind.as_str());
    if let Some(url) = url {
        field("url", url);
    }
    lines.push("}".to_string());
    lines.join("\n")
}

/// A RIS record (`TY  - ...` to `ER  - `).
pub fn ris(item: &Item, url: Option<&str>) -> String {
    let kind = match item.kind {
        Kind::Report => "RPRT",
        Kind::Lecture | Kind::Panel => "SLIDE",
        Kind::Interview => "PCOMM",
        Kind::Essay | Kind::Other => "GEN",
    };
    let mut lines = vec![format!("TY  - {kind}")];
    lines.push(format!("TI  - {}", item.title));
    for name in authors(item) {
        lines.push(format!("AU  - {}", family_first(name)));
    }
    lines.push(format!("PY  - {}", item.year()));
    lines.push(format!("DA  - {}", item.date.to_string().replace('-', "/")));
    if let Some(series) = &item.series {
        lines.push(format!("T2  - {series}"));
    }
    if let Some(organisation) = &item.organisation {
        lines.push(format!("PB  - {organisation}"));
    }
    for theme in &item.themes {
        lines.push(format!("KW  - {theme}"));
    }
    lines.push(format!("LA  - {}", item.language.code()));
    if let Some(url) = url {
        lines.push(format!("UR  - {url}"));
    }
    lines.push("ER  - ".to_string());
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::family_first;

    #[test]
    fn particles_stay_with_the_family_name() {
        assert_eq!(family_first("Herman de Mönnink"), "de Mönnink, Herman");
        assert_eq!(family_first("Marloes van Dalsum"), "van Dalsum, Marloes");
        assert_eq!(family_first("Helen Ashcombe"), "Ashcombe, Helen");
        assert_eq!(family_first("Plato"), "Plato");
    }
}
