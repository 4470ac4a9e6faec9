//! Runs one command for the benchmarks (`bench/bench.py`) and prints its
//! wall time, peak resident memory and exit status:
//!
//! ```text
//! bench_spawn COMMAND [ARGS...]
//! 0.081234 27412 0
//! ```
//!
//! (seconds, KiB, status; -1 if killed by a signal). The command's output
//! goes to /dev/null, its stderr is passed through.
//!
//! Why not time it from Python: Linux counts a child's peak memory from the
//! moment it is forked, so a child of a Python process never reads below
//! Python's own 20 MiB, which hid the peers' real figures. Forked from this
//! small program, the floor is about 2 MiB.

use std::process::{Command, Stdio};
use std::time::Instant;

fn main() {
    let mut args = std::env::args_os().skip(1);
    let Some(program) = args.next() else {
        eprintln!("usage: bench_spawn COMMAND [ARGS...]");
        std::process::exit(2);
    };
    let start = Instant::now();
    let child = match Command::new(&program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
    {
        Ok(child) => child,
        Err(e) => {
            eprintln!("bench_spawn: cannot run {}: {e}", program.to_string_lossy());
            std::process::exit(127);
        }
    };
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our child, not yet reaped; both pointers are valid.
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed().as_secs_f64();
    if reaped != pid {
        eprintln!(
            "bench_spawn: wait4 failed: {}",
            std::io::Error::last_os_error()
        );
        std::process::exit(127);
    }
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    println!("{wall:.6} {} {code}", usage.ru_maxrss);
}
