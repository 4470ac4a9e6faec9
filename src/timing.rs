//! Stage timings for benchmarking: with `AGENDAPACK_TIMINGS` set, each
//! stage's wall time is printed on standard error.

use std::sync::LazyLock;
use std::time::Instant;

static ENABLED: LazyLock<bool> =
    LazyLock::new(|| std::env::var_os("AGENDAPACK_TIMINGS").is_some_and(|v| !v.is_empty()));

/// Times consecutive stages of one build.
pub struct Stages {
    last: Option<Instant>,
}

impl Stages {
    pub fn start() -> Self {
        Stages {
            last: ENABLED.then(Instant::now),
        }
    }

    /// Ends the stage called `name` and starts the next.
    pub fn done(&mut self, name: &str) {
        if let Some(last) = self.last {
            let now = Instant::now();
            eprintln!(
                "timing: {name:<28} {:>8.1} ms",
                (now - last).as_secs_f64() * 1000.0
            );
            self.last = Some(now);
        }
    }
}
