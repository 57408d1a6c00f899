//! Failed sign-ins: growing delays per user name *and* address, in a bounded map that forgets.
//!
//! A lockout per name lets anyone lock the real archivist out, forever, by sending five wrong
//! passwords now and then. Here failures count per (name, address): the first
//! [`FREE_FAILURES`] cost nothing, then each further try must wait twice as long as the one
//! before (1 s, 2 s, 4 s, ... up to [`MAX_DELAY`]). Someone guessing from another address slows
//! only themselves. A success clears the entry; an entry with no failure for [`FORGET_AFTER`]
//! is dropped. The map holds at most [`MAX_ENTRIES`] entries (names are capped in length before
//! they get here), dropping the stalest when full, so failures cannot fill memory.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failed sign-ins per name and address without any wait.
pub const FREE_FAILURES: u32 = 3;
/// The longest wait between two tries.
pub const MAX_DELAY: Duration = Duration::from_secs(15 * 60);
/// An entry without a new failure for this long is forgotten.
pub const FORGET_AFTER: Duration = Duration::from_secs(60 * 60);
/// The most (name, address) pairs remembered at once.
pub const MAX_ENTRIES: usize = 10_000;

type Key = (String, Option<IpAddr>);

#[derive(Default)]
pub struct Throttle {
    failures: Mutex<HashMap<Key, Failures>>,
}

#[derive(Clone, Copy)]
struct Failures {
    count: u32,
    last: Instant,
}

impl Failures {
    /// How long after the last failure the next try may come.
    fn delay(&self) -> Duration {
        match self.count.checked_sub(FREE_FAILURES + 1) {
            None => Duration::ZERO,
            Some(extra) => Duration::from_secs(1u64 << extra.min(20)).min(MAX_DELAY),
        }
    }
}

impl Throttle {
    /// How long `user` from `address` must still wait before the next try (`None`: now).
    pub fn wait(&self, user: &str, address: Option<IpAddr>) -> Option<Duration> {
        let failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let entry = failures.get(&(user.to_string(), address))?;
        let since = entry.last.elapsed();
        let delay = entry.delay();
        (since < delay).then(|| delay - since)
    }

    pub fn record_failure(&self, user: &str, address: Option<IpAddr>) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let key = (user.to_string(), address);
        if !failures.contains_key(&key) && failures.len() >= MAX_ENTRIES {
            failures.retain(|_, f| f.last.elapsed() < FORGET_AFTER);
            if failures.len() >= MAX_ENTRIES {
                if let Some(stalest) = failures
                    .iter()
                    .min_by_key(|(_, f)| f.last)
                    .map(|(k, _)| k.clone())
                {
                    failures.remove(&stalest);
                }
            }
        }
        let entry = failures.entry(key).or_insert(Failures {
            count: 0,
            last: Instant::now(),
        });
        if entry.last.elapsed() >= FORGET_AFTER {
            entry.count = 0;
        }
        entry.count = entry.count.saturating_add(1);
        entry.last = Instant::now();
    }

    pub fn clear(&self, user: &str, address: Option<IpAddr>) {
        self.failures
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&(user.to_string(), address));
    }

    /// How many (name, address) pairs are remembered.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.failures
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn address(last: u8) -> Option<IpAddr> {
        Some(IpAddr::from([192, 0, 2, last]))
    }

    #[test]
    fn delays_grow_per_name_and_address_only() {
        let throttle = Throttle::default();
        for _ in 0..FREE_FAILURES {
            assert_eq!(throttle.wait("anna", address(1)), None);
            throttle.record_failure("anna", address(1));
        }
        assert_eq!(throttle.wait("anna", address(1)), None);
        throttle.record_failure("anna", address(1));
        let first = throttle.wait("anna", address(1)).unwrap();
        assert!(first <= Duration::from_secs(1) && first > Duration::from_millis(500));
        throttle.record_failure("anna", address(1));
        assert!(throttle.wait("anna", address(1)).unwrap() > Duration::from_secs(1));
        // The real archivist at her own address, and other names, are not held up.
        assert_eq!(throttle.wait("anna", address(2)), None);
        assert_eq!(throttle.wait("bram", address(1)), None);
        throttle.clear("anna", address(1));
        assert_eq!(throttle.wait("anna", address(1)), None);
    }

    #[test]
    fn delays_stop_growing() {
        let throttle = Throttle::default();
        for _ in 0..100 {
            throttle.record_failure("anna", None);
        }
        assert!(throttle.wait("anna", None).unwrap() <= MAX_DELAY);
    }

    #[test]
    fn the_map_is_bounded() {
        let throttle = Throttle::default();
        for i in 0..MAX_ENTRIES + 50 {
            throttle.record_failure(&format!("name{i}"), None);
        }
        assert_eq!(throttle.len(), MAX_ENTRIES);
        // The newest failure is remembered, the stalest was dropped.
        throttle.record_failure(&format!("name{}", MAX_ENTRIES + 49), None);
        assert_eq!(throttle.len(), MAX_ENTRIES);
    }
}
