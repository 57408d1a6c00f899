//! The facet dimensions: the one place that names them. A dimension's name ([`Dimension::as_str`])
//! is what facet paths in the index, URL parameters (`speaker=`), JSON keys and `more=` use;
//! everything else holds a [`Dimension`], so a misspelt one does not compile.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};

use serde::{Serialize, Serializer};

use crate::archive::quotes::Role;

/// A facet dimension. `person` is everyone in an item (speaker, quoted or mentioned); `quoted`
/// and `mentioned` count the people with that role (the directory's role counts); `quoted` also
/// filters (the items with someone's quotations), `mentioned` does not.
///
/// The variants are declared in the order of their names, so that the derived order is the
/// names' order: a map keyed by dimensions is sorted as one keyed by their names, and can be
/// read with a name (`facets["speaker"]`, through [`Borrow<str>`]); it hashes as its name too.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Dimension {
    Kind,
    Language,
    Mentioned,
    Person,
    Quoted,
    Series,
    Speaker,
    Theme,
    Year,
}

impl Dimension {
    /// Every dimension, in the order pages show them.
    pub const ALL: [Dimension; 9] = [
        Dimension::Speaker,
        Dimension::Person,
        Dimension::Quoted,
        Dimension::Mentioned,
        Dimension::Year,
        Dimension::Theme,
        Dimension::Series,
        Dimension::Kind,
        Dimension::Language,
    ];

    /// The name in facet paths, URLs and JSON: `speaker`, `year`, ...
    pub const fn as_str(self) -> &'static str {
        match self {
            Dimension::Kind => "kind",
            Dimension::Language => "language",
            Dimension::Mentioned => "mentioned",
            Dimension::Person => "person",
            Dimension::Quoted => "quoted",
            Dimension::Series => "series",
            Dimension::Speaker => "speaker",
            Dimension::Theme => "theme",
            Dimension::Year => "year",
        }
    }

    /// The dimension of a name as [`Dimension::as_str`] gives it.
    pub fn parse(name: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.as_str() == name)
    }

    /// The dimension that counts the people with a role.
    pub const fn of_role(role: Role) -> Dimension {
        match role {
            Role::Speaker => Dimension::Speaker,
            Role::Quoted => Dimension::Quoted,
            Role::Mentioned => Dimension::Mentioned,
        }
    }
}

impl Borrow<str> for Dimension {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl Hash for Dimension {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Dimension {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dimensions_order_as_their_names_and_parse_back() {
        let mut by_variant = Dimension::ALL;
        by_variant.sort();
        let mut by_name = Dimension::ALL;
        by_name.sort_by_key(|d| d.as_str());
        assert_eq!(by_variant, by_name);
        for dimension in Dimension::ALL {
            assert_eq!(Dimension::parse(dimension.as_str()), Some(dimension));
        }
        assert_eq!(Dimension::parse("quote"), None);
    }
}
