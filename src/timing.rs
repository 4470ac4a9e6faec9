//! Stage timings for benchmarking: with `AGENDAPACK_TIMINGS` set, each
//! stage's wall time, and the processor time all threads spent in it, are
//! printed on standard error.

use std::sync::LazyLock;
use std::time::Instant;

static ENABLED: LazyLock<bool> =
    LazyLock::new(|| std::env::var_os("AGENDAPACK_TIMINGS").is_some_and(|v| !v.is_empty()));

/// Times consecutive stages of one build.
pub struct Stages {
    last: Option<(Instant, f64)>,
}

/// Processor time (user and system) of the whole process so far, in
/// seconds.
fn cpu_seconds() -> f64 {
    // SAFETY: getrusage only writes the struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    };
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

impl Stages {
    pub fn start() -> Self {
        Stages {
            last: ENABLED.then(|| (Instant::now(), cpu_seconds())),
        }
    }

    /// Ends the stage called `name` and starts the next.
    pub fn done(&mut self, name: &str) {
        if let Some((last, last_cpu)) = self.last {
            let (now, cpu) = (Instant::now(), cpu_seconds());
            eprintln!(
                "timing: {name:<28} {:>8.1} ms  (cpu {:.1} ms)",
                (now - last).as_secs_f64() * 1000.0,
                (cpu - last_cpu) * 1000.0
            );
            self.last = Some((now, cpu));
        }
    }
}
