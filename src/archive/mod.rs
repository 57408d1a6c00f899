//! The archive: a folder of item files, the source of truth.
//!
//! Owns reading files, front matter and the item model. Knows nothing of tantivy or HTTP.
//! Loading never stops at a bad file: it returns the good items *and* every problem.

pub(crate) mod date;
pub(crate) mod fields;
pub mod front_matter;
pub(crate) mod item;
pub(crate) mod language;
pub(crate) mod links;
pub mod load;
pub mod markdown;
pub mod paragraphs;
pub(crate) mod quotes;
pub mod render;
pub(crate) mod scan;
pub mod slug;
pub(crate) mod speakers;
pub mod stamp;
pub(crate) mod themes;
pub mod write;

pub use date::ItemDate;
pub use fields::ItemField;
pub use item::{Item, Kind, Language, Speaker};
pub use load::{load_archive, FileError, Loaded};
pub use speakers::SpeakerNames;
pub use themes::ThemeList;
