//! OAI-PMH response documents: the envelope, headers, `oai_dc` records, Identify, formats,
//! sets and errors, as XML text that validates against OAI-PMH.xsd and oai_dc.xsd.
//!
//! Pure functions from data to strings; every text value goes through `xml::escape`.

use std::fmt::Write;

use super::request::OaiError;
use super::Entry;
use crate::archive::slug::slugify;
use crate::archive::Item;
use crate::web::site;
use crate::web::xml::{escape, utc};

const OAI_NS: &str = "http://www.openarchives.org/OAI/2.0/";
const OAI_SCHEMA: &str = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd";
pub const OAI_DC_NS: &str = "http://www.openarchives.org/OAI/2.0/oai_dc/";
pub const OAI_DC_SCHEMA: &str = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd";

/// The whole response: `body` is the verb's element (or errors); `arguments` are echoed in
/// `<request>` unless the error forbids it.
pub fn envelope(arguments: &[(String, String)], body: &str) -> String {
    let mut request = String::new();
    for (key, value) in arguments {
        let _ = write!(request, " {}=\"{}\"", escape(key), escape(value));
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<OAI-PMH xmlns=\"{OAI_NS}\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"{OAI_NS} {OAI_SCHEMA}\">\n<responseDate>{}</responseDate>\n<request{request}>{}</request>\n{body}</OAI-PMH>\n",
        utc(std::time::SystemTime::now()),
        escape(&base_url()),
    )
}

/// The repository's OAI-PMH base URL.
pub fn base_url() -> String {
    site::absolute("/oai")
}

/// `oai:{host}:{id}`, the host taken from the site's base URL.
pub fn identifier(id: &str) -> String {
    format!("oai:{}:{id}", repository_id())
}

/// The item id an OAI identifier names, if it names one of ours.
pub fn item_id(identifier: &str) -> Option<&str> {
    identifier
        .strip_prefix("oai:")?
        .strip_prefix(repository_id().as_str())?
        .strip_prefix(':')
        .filter(|id| !id.is_empty())
}

fn repository_id() -> String {
    let base = site::base_url();
    let host = base
        .split_once("://")
        .map_or(base.as_str(), |(_, rest)| rest);
    let host = host.split(['/', ':']).next().unwrap_or(host);
    host.to_string()
}

pub fn error(error: &OaiError) -> String {
    format!(
        "<error code=\"{}\">{}</error>\n",
        error.code,
        escape(&error.message)
    )
}

pub fn identify(earliest: &str) -> String {
    format!(
        "<Identify>\n<repositoryName>Lectern</repositoryName>\n<baseURL>{}</baseURL>\n<protocolVersion>2.0</protocolVersion>\n<adminEmail>{}</adminEmail>\n<earliestDatestamp>{earliest}</earliestDatestamp>\n<deletedRecord>transient</deletedRecord>\n<granularity>YYYY-MM-DDThh:mm:ssZ</granularity>\n</Identify>\n",
        escape(&base_url()),
        escape(&site::admin_email())
    )
}

pub fn metadata_formats() -> String {
    format!(
        "<ListMetadataFormats>\n<metadataFormat><metadataPrefix>oai_dc</metadataPrefix><schema>{OAI_DC_SCHEMA}</schema><metadataNamespace>{OAI_DC_NS}</metadataNamespace></metadataFormat>\n</ListMetadataFormats>\n"
    )
}

pub fn sets(sets: &[(String, String)]) -> String {
    let mut out = String::from("<ListSets>\n");
    for (spec, name) in sets {
        let _ = writeln!(
            out,
            "<set><setSpec>{}</setSpec><setName>{}</setName></set>",
            escape(spec),
            escape(name)
        );
    }
    out.push_str("</ListSets>\n");
    out
}

/// The set specs an item belongs to (the leaves; `series` and `theme` hold them all).
pub fn item_sets(item: &Item) -> Vec<String> {
    let mut specs: Vec<String> = item
        .series
        .iter()
        .map(|s| format!("series:{}", slugify(s)))
        .collect();
    specs.extend(item.themes.iter().map(|t| format!("theme:{}", slugify(t))));
    specs.dedup();
    specs
}

pub fn header(entry: &Entry) -> String {
    let mut out = String::new();
    let status = if entry.item.is_none() || entry.deleted {
        " status=\"deleted\""
    } else {
        ""
    };
    let _ = write!(
        out,
        "<header{status}><identifier>{}</identifier><datestamp>{}</datestamp>",
        escape(&identifier(entry.id)),
        utc(entry.changed)
    );
    for spec in entry.item.map(item_sets).unwrap_or_default() {
        let _ = write!(out, "<setSpec>{}</setSpec>", escape(&spec));
    }
    out.push_str("</header>\n");
    out
}

/// A record: its header, and for a live item its `oai_dc` metadata.
pub fn record(entry: &Entry) -> String {
    match entry.item.filter(|_| !entry.deleted) {
        None => format!("<record>\n{}</record>\n", header(entry)),
        Some(item) => format!(
            "<record>\n{}<metadata>\n{}</metadata>\n</record>\n",
            header(entry),
            dublin_core(item)
        ),
    }
}

/// The item as simple Dublin Core.
pub fn dublin_core(item: &Item) -> String {
    let lang = item.language.code();
    let mut out = format!(
        "<oai_dc:dc xmlns:oai_dc=\"{OAI_DC_NS}\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"{OAI_DC_NS} {OAI_DC_SCHEMA}\">\n"
    );
    let mut element = |name: &str, value: &str, with_lang: bool| {
        if value.trim().is_empty() {
            return;
        }
        let lang_attr = if with_lang {
            format!(" xml:lang=\"{lang}\"")
        } else {
            String::new()
        };
        let _ = writeln!(out, "<dc:{name}{lang_attr}>{}</dc:{name}>", escape(value));
    };
    element("title", &item.title, true);
    for speaker in item.speaker_names() {
        element("creator", speaker, false);
    }
    for theme in &item.themes {
        element("subject", theme, true);
    }
    if let Some(summary) = &item.summary {
        element("description", summary, true);
    }
    if let Some(organisation) = &item.organisation {
        element("publisher", organisation, false);
    }
    element("date", &item.date.to_string(), false);
    element("type", "Text", false);
    element("type", item.kind.as_str(), false);
    element(
        "identifier",
        &site::absolute(&format!("/items/{}", item.id)),
        false,
    );
    if let Some(url) = &item.url {
        element("identifier", url, false);
    }
    if let Some(source) = &item.source {
        element("source", source, false);
    }
    element("language", lang, false);
    if let Some(series) = &item.series {
        element("relation", series, false);
        element(
            "relation",
            &site::absolute(&format!("/series/{}", slugify(series))),
            false,
        );
    }
    if let Some(event) = &item.event {
        element("relation", event, false);
    }
    out.push_str("</oai_dc:dc>\n");
    out
}
