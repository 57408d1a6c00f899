//! The word lists the rules use, Dutch (with the spelling of around 1900) and English, all
//! lowercase. Each list is short and closed; a word earns its place on the measurements in
//! docs/quotes.md.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// Verbs (and `aldus`, `volgens`) that tie a quotation to whoever is next to them.
#[rustfmt::skip]
pub(super) const VERBS: &[&str] = &[
    // Dutch: saying, asking, answering, calling, thinking, with the old forms (zeide).
    "zei", "zeide", "zegt", "zeiden", "zeg", "zeggen", "vroeg", "vroegen", "vraagt",
    "antwoordde", "antwoordden", "antwoordt", "riep", "riepen", "roept", "stelde", "stelden",
    "stelt", "benadrukte", "benadrukt", "dacht", "denkt", "vertelde", "vertelt", "sprak", "spreekt",
    "gilde", "fluisterde", "mompelde", "schreeuwde", "vervolgde", "hernam", "herhaalde",
    "verklaarde", "zuchtte", "snauwde", "bromde", "stamelde", "meende", "aldus", "volgens",
    "onderstreepte", "betoogde", "waarschuwde", "concludeerde", "reageerde", "schreef", "schrijft",
    "klaagde", "smeekte", "beaamde", "erkende", "beweerde", "constateerde", "lachte", "juichte",
    "kreet", "sprak", "brulde", "hijgde", "snikte", "grinnikte", "grijnsde", "vroeg", "opperde",
    "verzuchtte", "fluistert", "roept", "dreunde", "zong", "neuriede", "jammerde", "kermde",
    "bulderde", "gezegd", "gevraagd", "geroepen", "geantwoord", "gedacht", "geschreven",
    "bevestigde", "voegde", "vulde", "merkte", "murmelde", "lispelde", "las",
    // English.
    "said", "says", "say", "asked", "asks", "replied", "replies", "answered", "cried", "shouted",
    "whispered", "muttered", "added", "continued", "explained", "stated", "noted", "declared",
    "insisted", "thought", "exclaimed", "wrote", "writes", "argued", "warned", "stressed",
    "emphasised", "emphasized", "remarked", "observed", "murmured", "yelled", "laughed",
    "sighed", "told", "tells", "according", "concluded", "admitted", "recalled", "urged",
];

/// Subject pronouns: the speaker is someone the text named before.
#[rustfmt::skip]
pub(super) const THIRD_PERSON: &[&str] = &["hij", "zij", "ze", "ie", "he", "she"];
/// First-person subjects: the narrator or the writer; no name to resolve.
#[rustfmt::skip]
pub(super) const FIRST_PERSON: &[&str] = &["ik", "wij", "we", "i"];
#[rustfmt::skip]
pub(super) const MALE: &[&str] = &["hij", "ie", "he"];
#[rustfmt::skip]
pub(super) const FEMALE: &[&str] = &["zij", "ze", "she"];

/// Words that open a description of a person (`de wethouder`, `the minister`).
#[rustfmt::skip]
pub(super) const DETERMINERS: &[&str] = &[
    "de", "het", "'t", "’t", "een", "die", "deze", "zijn", "haar", "mijn", "onze", "the", "a", "an",
    "his", "her", "my", "our", "their", "den",
];

/// Lowercase particles inside a name: `Herman de Mönnink`, `Peter ten Have`, `van 't Hof`.
#[rustfmt::skip]
pub(super) const PARTICLES: &[&str] = &[
    "de", "van", "der", "den", "ten", "ter", "te", "'t", "’t", "het", "von", "du", "da", "la",
    "le", "el", "al", "bin", "ibn", "van't", "d'", "di", "dos", "del",
];

/// Capitalised particles that open a surname: `De Mönnink`, `Ten Have`, `El Khayari`.
#[rustfmt::skip]
pub(super) const OPENING_PARTICLES: &[&str] = &[
    "de", "van", "ten", "ter", "den", "der", "el", "al", "von", "le", "la", "du", "da", "di",
];

/// Capitalised words that are never (part of) a person's name: function words at the start of
/// a sentence or a title, forms of address, months and days.
#[rustfmt::skip]
pub(super) const NOT_NAMES: &[&str] = &[
    "de", "het", "een", "dit", "dat", "die", "deze", "maar", "en", "er", "ik", "hij", "zij", "ze",
    "wij", "we", "je", "jij", "u", "gij", "ge", "mijn", "zijn", "haar", "hun", "ons", "onze",
    "in", "op", "aan", "met", "voor", "na", "bij", "als", "dan", "toen", "nu", "ook", "zo", "zoo",
    "wat", "wie", "waar", "hoe", "waarom", "ja", "neen", "nee", "o", "och", "ach", "wel", "niet",
    "geen", "al", "alle", "men", "daar", "hier", "dus", "want", "of", "om", "tot", "uit", "over",
    "door", "naar", "zeker", "god", "heer", "mevrouw", "meneer", "mijnheer", "juffrouw", "dokter",
    "the", "a", "an", "this", "that", "these", "those", "but", "and", "or", "i", "he", "she", "it",
    "we", "they", "you", "his", "her", "its", "our", "their", "my", "your", "in", "on", "at",
    "for", "with", "as", "when", "then", "now", "so", "what", "who", "where", "how", "why",
    "yes", "no", "not", "mr", "mrs", "ms", "dr", "sir", "madam", "president", "excellency",
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag",
    "zaterdag", "zondag", "january", "february", "march", "june", "july", "august", "october",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mount",
];

/// Words that make a capitalised sequence the name of an organisation, a place or an event.
#[rustfmt::skip]
pub(super) const INSTITUTIONS: &[&str] = &[
    "stichting", "universiteit", "hogeschool", "gemeente", "ministerie", "provincie", "kamer",
    "partij", "bank", "lezing", "prijs", "straat", "plein", "raad", "bureau", "instituut",
    "vereniging", "centrum", "school", "kerk", "nations", "united", "university", "council",
    "assembly", "republic", "ministry", "committee", "organization", "organisation", "union",
    "states", "kingdom", "government", "conference", "court", "party", "lecture", "prize",
    "award", "foundation", "institute", "street", "church", "agency", "bureau", "fund",
    "programme", "program", "treaty", "charter", "declaration", "summit", "group", "forum",
];

/// Titles that make the next capitalised word a person (`meneer Bavink`, `Mr. Smith`).
#[rustfmt::skip]
pub(super) const TITLES: &[&str] = &[
    "meneer", "mijnheer", "mevrouw", "juffrouw", "dokter", "heer", "tante", "oom", "mr", "mrs",
    "ms", "dr", "sir", "professor", "prof", "minister", "wethouder", "burgemeester", "president",
];

/// Words right after a quotation that do not attribute it, though a subject may follow
/// (`“...” en hij ging`, `“...”, maar ze`): conjunctions, prepositions, adverbs.
#[rustfmt::skip]
pub(super) const NOT_VERBS: &[&str] = &[
    "en", "maar", "of", "want", "dus", "dat", "die", "toen", "als", "zoals", "zooals", "omdat",
    "terwijl", "in", "op", "aan", "met", "voor", "na", "bij", "naar", "van", "door", "over",
    "om", "tot", "uit", "te", "er", "daar", "hier", "nu", "dan", "ook", "nog", "wel", "niet",
    "is", "was", "waren", "zijn", "and", "but", "or", "so", "that", "which", "when", "as",
    "in", "on", "at", "for", "with", "to", "of", "by", "from", "is", "was", "were", "are",
    "the", "a", "an", "de", "het", "een", "o", "ach", "ja", "nee", "neen", "zoo", "zo",
];

/// Whether `word` is in `list`. The long lists, asked about once per capitalised word of every
/// text, are hashed once (FNV); the short ones are scanned.
pub(super) fn contains(list: &[&str], word: &str) -> bool {
    if list.len() < 24 {
        return list.contains(&word);
    }
    static SETS: LazyLock<Vec<(usize, FastSet<&'static str>)>> = LazyLock::new(|| {
        [
            VERBS,
            NOT_NAMES,
            INSTITUTIONS,
            NOT_VERBS,
            DETERMINERS,
            PARTICLES,
        ]
        .iter()
        .map(|l| (l.as_ptr() as usize, l.iter().copied().collect()))
        .collect()
    });
    match SETS.iter().find(|(ptr, _)| *ptr == list.as_ptr() as usize) {
        Some((_, set)) => set.contains(word),
        None => list.contains(&word),
    }
}

/// A hash set with FNV-1a, faster than the default for the short words hashed here.
pub(super) type FastSet<T> = HashSet<T, BuildHasherDefault<Fnv>>;
/// A hash map with FNV-1a.
pub(super) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

#[derive(Default)]
pub(super) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}
