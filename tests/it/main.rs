//! Lectern's integration tests: one binary, a module per feature. They use real files, a real
//! tantivy index, the real router, and (in `smoke`) the real binary over TCP.

mod add_indexed;
mod admin;
mod admin_auth;
mod architecture;
mod archive_errors;
mod bulk;
mod dutch_matching;
mod http;
mod ingest;
mod interop;
mod long_texts;
mod maintenance;
mod openapi;
mod passages;
mod quotes;
mod quotes_eval;
mod ranking;
mod records;
mod relevance;
mod search_cli;
mod security;
mod smoke;
mod support;
mod theme_expansion;
mod visitor_pages;
mod visitor_scale;
mod visitors;
