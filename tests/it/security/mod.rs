//! Issue 13: every attack from the security review, replayed against the real router (or the
//! real binary over TCP), each a regression test that failed before its fix.

mod headers;
mod limits;
mod lost_update;
mod pdf;
mod server;
mod sign_in;
mod sign_in_memory;
mod symlinks;
mod xss;
