//! Timing and progress: how long each stage took (`--timings`, the
//! benchmark) and how far a long build has got (the terminal's bar).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Told how far a long build has got, so a terminal can show it.
pub trait Progress: Sync {
    /// `done` of `total` items of `stage` are finished.
    fn advance(&self, stage: &'static str, done: usize, total: usize);
}

/// No progress to show.
pub struct Silent;

impl Progress for Silent {
    fn advance(&self, _stage: &'static str, _done: usize, _total: usize) {}
}

/// Counts finished items of one stage and tells a [`Progress`].
pub(super) struct Counter<'p> {
    progress: &'p dyn Progress,
    stage: &'static str,
    total: usize,
    done: AtomicUsize,
}

impl<'p> Counter<'p> {
    pub(super) fn new(progress: &'p dyn Progress, stage: &'static str, total: usize) -> Self {
        Counter { progress, stage, total, done: AtomicUsize::new(0) }
    }

    pub(super) fn tick(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        // Every item on small sites; every 64th on large ones.
        if done.is_multiple_of(64) || done == self.total || self.total < 256 {
            self.progress.advance(self.stage, done, self.total);
        }
    }
}

/// Time spent in each stage, for `--timings` and the benchmark.
#[derive(Debug, Default)]
pub struct Stopwatch {
    last: Option<Instant>,
    /// Stage name and how long it took, in order.
    pub laps: Vec<(&'static str, Duration)>,
}

impl Stopwatch {
    /// Starts timing.
    pub fn start() -> Stopwatch {
        Stopwatch { last: Some(Instant::now()), laps: Vec::new() }
    }

    /// Ends the stage called `name` and starts the next.
    pub fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        let since = self.last.map_or(Duration::ZERO, |t| now - t);
        self.laps.push((name, since));
        self.last = Some(now);
    }
}

/// `make()` and how long it took.
pub(super) fn timed<T>(make: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    (make(), start.elapsed())
}
