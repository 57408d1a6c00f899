//! The site's public address and the few interoperability settings, read from the environment.
//!
//! Feeds, OAI-PMH, OpenSearch, sitemaps and structured data need absolute URLs; this module is
//! the one place that knows the base URL. The values are `config::Site`, resolved from the
//! `LECTERN_*` variables once, on first use.

use std::sync::{LazyLock, OnceLock};

pub use crate::config::DEFAULT_BASE_URL;
use crate::config::{Identity, Site};

/// The settings, read from the environment once (`config::Site`); a base URL that is not an
/// http(s) URL is reported once, here.
static SITE: LazyLock<Site> = LazyLock::new(|| {
    let site = Site::from_env();
    if let Some(url) = &site.rejected_base_url {
        tracing::warn!(
            "LECTERN_BASE_URL={url} is not an http:// or https:// URL; using {DEFAULT_BASE_URL}"
        );
    }
    site
});

/// The public base URL without a trailing slash (`LECTERN_BASE_URL`, e.g. `https://lezingen.nl`).
/// A value that is not an `http://` or `https://` URL is ignored with a warning.
pub fn base_url() -> String {
    configured_base_url().unwrap_or_else(|| DEFAULT_BASE_URL.to_string())
}

/// `LECTERN_BASE_URL` when it is set to an `http://` or `https://` URL (without a trailing
/// slash). Nothing falls back to the request's Host header: anyone can send any.
pub fn configured_base_url() -> Option<String> {
    SITE.base_url.clone()
}

/// An absolute URL for a site path such as `/items/x`, for the formats that must have one
/// (Atom ids, OAI-PMH, OpenSearch, sitemaps): under the fallback address without a base URL.
pub fn absolute(path: &str) -> String {
    format!("{}{path}", base_url())
}

/// The public URL of a site path when `LECTERN_BASE_URL` is set, else `None`: pages leave out
/// what only an absolute URL can say (canonical link, `og:url`, citation URLs) rather than name
/// the fallback address or trust the request's Host header, which anyone can set.
pub fn public(path: &str) -> Option<String> {
    configured_base_url().map(|base| format!("{base}{path}"))
}

/// The public URL of a site path, or the path itself (relative) without a base URL: for links
/// a client resolves against the document it read them from (JSON-LD in a page, Atom links).
pub fn public_or_relative(path: &str) -> String {
    public(path).unwrap_or_else(|| path.to_string())
}

/// Logs once, at startup, what is left out or falls back while `LECTERN_BASE_URL` is not set.
pub fn warn_when_unset() {
    if configured_base_url().is_none() {
        tracing::warn!(
            "LECTERN_BASE_URL is not set: pages carry no canonical link, og:url or citation URL, \
             and OAI-PMH, the sitemap and OpenSearch name {DEFAULT_BASE_URL}; set it to the \
             public address (https://...) before anyone harvests or crawls"
        );
    }
}

/// The address OAI-PMH's Identify gives (`LECTERN_ADMIN_EMAIL`).
pub fn admin_email() -> String {
    SITE.admin_email.clone()
}

/// How many records one OAI-PMH list response holds before a resumption token
/// (`LECTERN_OAI_PAGE_SIZE`, 1 to 1000, default 100: harvesters expect 100-500).
pub fn oai_page_size() -> usize {
    SITE.oai_page_size
}

/// The site's identity (`[site]` in `lectern.toml`), set once by `serve` before it answers;
/// Lectern's own name and look until then (and in tests that build a router directly).
static IDENTITY: OnceLock<Identity> = OnceLock::new();

/// Sets the identity for this process; `false` when one was set before (the first one stays).
pub fn set_identity(identity: Identity) -> bool {
    IDENTITY.set(identity).is_ok()
}

/// The identity in effect.
pub fn identity() -> &'static Identity {
    IDENTITY.get_or_init(Identity::default)
}

/// The site's name ("Lectern" unless `[site] name` is set).
pub fn name() -> &'static str {
    identity().name()
}

/// The stylesheet with the identity's colours after the defaults, and its address with a
/// version from its content, so that a changed theme is fetched at once despite caching.
pub fn style_sheet() -> &'static (String, String) {
    static SHEET: LazyLock<(String, String)> = LazyLock::new(|| {
        let css = format!("{}{}", super::views::STYLE, identity().theme_css());
        let url = format!("/static/style.css?v={}", short_hash(css.as_bytes()));
        (css, url)
    });
    &SHEET
}

/// The logo's address (`/static/logo.svg?v=...`) when one is set.
pub fn logo_url() -> Option<String> {
    let logo = identity().logo.as_ref()?;
    Some(format!(
        "/static/logo.{}?v={}",
        logo.kind.extension(),
        short_hash(&logo.bytes)
    ))
}

fn short_hash(bytes: &[u8]) -> String {
    format!("{:016x}", crate::archive::load::fnv1a(bytes))
}
