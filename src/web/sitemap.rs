//! `/sitemap.xml` (every item, speaker, theme, series and year page, and the home page) and
//! `/robots.txt` (which points to it and keeps crawlers out of endless result pages).
//!
//! Item `lastmod` is the file's datestamp (`records`); URLs are absolute (`site`).

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use std::time::SystemTime;

use super::xml::{escape, utc};
use super::{site, AppState};
use crate::archive::slug::slugify;
use crate::index::{Dimension, Generation};
use crate::search::{self, records};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sitemap.xml", get(sitemap))
        .route("/robots.txt", get(robots))
}

async fn sitemap(State(state): State<AppState>) -> Response {
    let items = match state.with_index(all_stamps).await {
        Ok(items) => items,
        Err(e) => return e.json(),
    };
    let facets = match state.with_index(search::all_facets).await {
        Ok(facets) => facets,
        Err(e) => return e.json(),
    };
    let mut urls: Vec<(String, Option<String>)> = vec![(site::absolute("/"), None)];
    for (id, changed) in &items {
        let path = format!("/items/{id}");
        urls.push((site::absolute(&path), Some(utc(*changed))));
    }
    for (dimension, folder) in [
        (Dimension::Speaker, "speakers"),
        (Dimension::Theme, "themes"),
        (Dimension::Series, "series"),
        (Dimension::Year, "years"),
    ] {
        for value in facets.get(&dimension).into_iter().flatten() {
            let key = if dimension == Dimension::Year {
                value.value.clone()
            } else {
                slugify(&value.value)
            };
            urls.push((site::absolute(&format!("/{folder}/{key}")), None));
        }
    }
    let mut body = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (url, lastmod) in urls {
        body.push_str(&format!("<url><loc>{}</loc>", escape(&url)));
        if let Some(lastmod) = lastmod {
            body.push_str(&format!("<lastmod>{lastmod}</lastmod>"));
        }
        body.push_str("</url>\n");
    }
    body.push_str("</urlset>\n");
    (
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        body,
    )
        .into_response()
}

/// Every item id with its datestamp, from the index's keys and fast fields (no stored item is
/// read), a thousand at a time.
fn all_stamps(generation: &Generation) -> tantivy::Result<Vec<(String, SystemTime)>> {
    let mut all = Vec::new();
    loop {
        let after = all.last().map(|(id, _): &(String, SystemTime)| id.clone());
        let (page, more) = records::stamps(generation, after.as_deref(), 1000)?;
        all.extend(page);
        if !more {
            return Ok(all);
        }
    }
}

async fn robots() -> Response {
    let mut body = "User-agent: *\nDisallow: /search\nDisallow: /search.atom\nDisallow: /api/\nDisallow: /oai\nDisallow: /admin\n".to_string();
    // The sitemap's address must be absolute; without a base URL a crawler on the public
    // address would be sent to the fallback one, so the line is left out.
    if let Some(sitemap) = site::public("/sitemap.xml") {
        body.push_str(&format!("\nSitemap: {sitemap}\n"));
    }
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}
