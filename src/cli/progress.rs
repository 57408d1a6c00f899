//! Progress for long index work: a bar with rate and time left on a terminal (indicatif),
//! plain log lines every few seconds otherwise (CI, containers, pipes).

use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressState, ProgressStyle};

use crate::index::Progress;

/// A bar when stderr is a terminal, log lines when it is not.
pub fn for_stderr() -> Box<dyn Progress + Send> {
    if std::io::stderr().is_terminal() {
        Box::new(Bar(Mutex::new(None)))
    } else {
        Box::new(LogLines(Mutex::new(None)))
    }
}

/// Plain log lines, whatever stderr is (the server's own logs).
pub fn log_lines() -> Box<dyn Progress + Send> {
    Box::new(LogLines(Mutex::new(None)))
}

struct Bar(Mutex<Option<ProgressBar>>);

impl Progress for Bar {
    fn begin(&self, phase: &str, total: u64) {
        let bar = ProgressBar::new(total);
        let template = "{msg:>9} [{bar:30}] {pos}/{len} items, {rate}, {eta} left";
        if let Ok(style) = ProgressStyle::with_template(template) {
            let rate = |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.0}/s", state.per_sec());
            };
            bar.set_style(style.progress_chars("=> ").with_key("rate", rate));
        }
        bar.set_message(phase.to_string());
        *lock(&self.0) = Some(bar);
    }

    fn advance(&self, n: u64) {
        if let Some(bar) = lock(&self.0).as_ref() {
            bar.inc(n);
        }
    }

    fn finish(&self) {
        if let Some(bar) = lock(&self.0).take() {
            bar.finish_and_clear();
        }
    }
}

struct Phase {
    name: String,
    total: u64,
    done: u64,
    started: Instant,
    logged: Instant,
}

struct LogLines(Mutex<Option<Phase>>);

const LOG_EVERY: Duration = Duration::from_secs(2);

impl Progress for LogLines {
    fn begin(&self, phase: &str, total: u64) {
        let now = Instant::now();
        *lock(&self.0) = Some(Phase {
            name: phase.to_string(),
            total,
            done: 0,
            started: now,
            logged: now,
        });
    }

    fn advance(&self, n: u64) {
        let mut guard = lock(&self.0);
        let Some(phase) = guard.as_mut() else {
            return;
        };
        phase.done += n;
        if phase.logged.elapsed() >= LOG_EVERY && phase.done < phase.total {
            phase.logged = Instant::now();
            let seconds = phase.started.elapsed().as_secs_f64();
            let rate = phase.done as f64 / seconds.max(0.001);
            let left = phase.total.saturating_sub(phase.done) as f64 / rate.max(0.001);
            tracing::info!(
                "{}: {}/{} items, {rate:.0}/s, about {left:.0} s left",
                phase.name,
                phase.done,
                phase.total
            );
        }
    }

    fn finish(&self) {
        if let Some(phase) = lock(&self.0).take() {
            let seconds = phase.started.elapsed().as_secs_f64();
            if seconds >= 1.0 && phase.total > 1 {
                let rate = phase.done as f64 / seconds;
                tracing::info!(
                    "{}: {} items in {seconds:.1} s ({rate:.0}/s)",
                    phase.name,
                    phase.done
                );
            } else if seconds >= 1.0 {
                tracing::info!("{}: done in {seconds:.1} s", phase.name);
            }
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}
