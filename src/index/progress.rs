//! How long-running index work reports progress, without knowing who is watching.
//!
//! The index calls a [`Progress`]; the CLI draws a bar on a terminal or logs plain lines, the
//! server logs, tests pass [`Quiet`]. Nothing here knows about terminals.

/// Receives progress from a sync or rebuild. Implementations must be cheap: `advance` is
/// called once per item.
pub trait Progress: Sync {
    /// A phase starts (`"reading"`, `"indexing"`), with the number of steps it will take.
    fn begin(&self, phase: &str, total: u64);
    /// `n` more steps of the current phase are done.
    fn advance(&self, n: u64);
    /// The current phase is done.
    fn finish(&self);
}

/// Reports nothing.
pub struct Quiet;

impl Progress for Quiet {
    fn begin(&self, _phase: &str, _total: u64) {}
    fn advance(&self, _n: u64) {}
    fn finish(&self) {}
}
