//! The fields of an item file: the one place that names them (front matter keys, the origins
//! of a draft, the audit log's changed fields).

/// A field of an item. The variants are declared in the order of their names, so that the
/// derived order is the names' order (maps keyed by a field list them alphabetically).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ItemField {
    /// The Markdown after the front matter (not a front matter key).
    Body,
    Date,
    Event,
    Kind,
    Language,
    Organisation,
    Quotes,
    Series,
    Source,
    Speakers,
    Summary,
    Themes,
    Title,
    Url,
}

impl ItemField {
    /// The fields front matter may have, in the order the docs list them.
    pub const FRONT_MATTER: [ItemField; 13] = [
        ItemField::Title,
        ItemField::Date,
        ItemField::Kind,
        ItemField::Speakers,
        ItemField::Themes,
        ItemField::Series,
        ItemField::Event,
        ItemField::Organisation,
        ItemField::Language,
        ItemField::Source,
        ItemField::Url,
        ItemField::Summary,
        ItemField::Quotes,
    ];

    /// The name as written in a file's front matter and in the audit log: `title`, `date`, ...
    pub const fn as_str(self) -> &'static str {
        match self {
            ItemField::Body => "body",
            ItemField::Date => "date",
            ItemField::Event => "event",
            ItemField::Kind => "kind",
            ItemField::Language => "language",
            ItemField::Organisation => "organisation",
            ItemField::Quotes => "quotes",
            ItemField::Series => "series",
            ItemField::Source => "source",
            ItemField::Speakers => "speakers",
            ItemField::Summary => "summary",
            ItemField::Themes => "themes",
            ItemField::Title => "title",
            ItemField::Url => "url",
        }
    }

    /// The front matter field of a key, if it is one.
    pub fn of_front_matter(key: &str) -> Option<ItemField> {
        ItemField::FRONT_MATTER
            .into_iter()
            .find(|field| field.as_str() == key)
    }
}

impl std::fmt::Display for ItemField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_order_as_their_names() {
        let mut by_variant = ItemField::FRONT_MATTER.to_vec();
        by_variant.push(ItemField::Body);
        let mut by_name = by_variant.clone();
        by_variant.sort();
        by_name.sort_by_key(|f| f.as_str());
        assert_eq!(by_variant, by_name);
        assert_eq!(ItemField::of_front_matter("body"), None);
        assert_eq!(
            ItemField::of_front_matter("themes"),
            Some(ItemField::Themes)
        );
    }
}
