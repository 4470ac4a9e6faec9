#!/usr/bin/env python3
"""Benchmark driver for agendapack (stdlib only). Run through bench/run.sh,
which builds the release binaries first. See bench/README.md.

    python3 bench/bench.py           # compare: agendapack vs mutool vs qpdf
    python3 bench/bench.py sets      # the same on three kinds of pack
    python3 bench/bench.py scale     # agendapack at 400, 2000, 10000 pages
"""

import hashlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.path.join(ROOT, "target")
AGENDAPACK = os.path.join(TARGET, "release", "agendapack")
GENERATOR = os.path.join(TARGET, "release", "examples", "make_bench_reports")
GENERATOR_SOURCE = os.path.join(ROOT, "examples", "make_bench_reports.rs")
SPAWN = os.path.join(TARGET, "release", "examples", "bench_spawn")
CACHE = os.path.join(TARGET, "bench")
# agendapack's cache (conversions, and what reading each report found):
# kept between the runs of "agendapack build" (a rebuild, the usual case),
# emptied before every run of "agendapack cold" (a first build).
WARM_CACHE = os.path.join(CACHE, "agendapack-cache")
COLD_CACHE = os.path.join(CACHE, "agendapack-cold-cache")

SCALE_PAGES = (400, 2000, 10000)


def env_int(name, default, minimum=1):
    value = os.environ.get(name, "")
    if not value:
        return default
    try:
        n = int(value)
    except ValueError:
        sys.exit(f"{name}={value!r} is not a whole number")
    if n < minimum:
        sys.exit(f"{name} must be at least {minimum}")
    return n


def mb(n):
    return f"{n / 1e6:.1f} MB"


def source_digest():
    with open(GENERATOR_SOURCE, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def cached(path, want, describe, make):
    """The folder `path`, made by `make(tmp)` unless a stamp file inside
    says it was made from `want` (the arguments and the sources' digest),
    so that a changed generator makes it again."""
    stamp = os.path.join(path, ".generated")
    if os.path.exists(stamp):
        with open(stamp) as f:
            if f.read() == want:
                print(f"using cached set {os.path.relpath(path, ROOT)}", flush=True)
                return path
    print(f"{describe} ...", flush=True)
    tmp = path + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    start = time.perf_counter()
    make(tmp)
    print(f"  made in {time.perf_counter() - start:.1f} s", flush=True)
    with open(os.path.join(tmp, ".generated"), "w") as f:
        f.write(want)
    shutil.rmtree(path, ignore_errors=True)
    os.rename(tmp, path)
    return path


def dataset(reports, pages, seed, scans=None):
    """The generated set for these generator arguments, made if not cached.

    The cache directory is named after the arguments."""
    args = ["--reports", str(reports), "--pages", str(pages), "--seed", str(seed)]
    name = f"r{reports}-p{pages}-s{seed}"
    if scans is not None:
        args += ["--scans", str(scans)]
        name += f"-scans{scans}"
    path = os.path.join(CACHE, name)
    return cached(
        path,
        " ".join(args) + "\n" + source_digest() + "\n",
        f"generating {os.path.relpath(path, ROOT)} ({' '.join(args)})",
        lambda tmp: subprocess.run([GENERATOR, tmp] + args, check=True),
    )


def read_set(path):
    with open(os.path.join(path, "files.txt")) as f:
        files = [line.strip() for line in f if line.strip()]
    pages = 0
    with open(os.path.join(path, "manifest.tsv")) as f:
        for line in f:
            pages += int(line.split("\t")[1])
    size = sum(os.path.getsize(os.path.join(path, p)) for p in files)
    return files, pages, size


def run_once(cmd, cwd, out, env=None):
    """Runs cmd once through bench_spawn (examples/bench_spawn.rs); returns
    (wall seconds, peak RSS in KiB, returncode, stderr). Peak RSS is the
    command's own ru_maxrss, from wait4 in bench_spawn: a process forked
    from Python would never read below Python's own RSS."""
    if os.path.exists(out):
        os.remove(out)
    proc = subprocess.run(
        [SPAWN] + cmd, cwd=cwd, capture_output=True,
        env=dict(os.environ, **(env or {})),
    )
    err = proc.stderr.decode(errors="replace")
    try:
        wall, rss, code = proc.stdout.split()
        return float(wall), int(rss), int(code), err
    except ValueError:
        return 0.0, 0, proc.returncode or 1, err


def report_failure(label, cmd, cwd, code, err):
    print(f"  {label} FAILED: exit status {code}")
    print(f"    command: {' '.join(cmd[:5])}{' ...' if len(cmd) > 5 else ''} (in {cwd})")
    print("    stderr:")
    for line in err.rstrip().splitlines() or ["(empty)"]:
        print(f"      {line}")


def measure_all(jobs, runs):
    """jobs: [(label, cmd, cwd, out, env, prepare)]: `env` is added to the
    environment, `prepare` (or None) runs before each run, untimed. One
    warm-up run of each (not counted), then `runs` rounds in which every job
    runs once, so that load from other users of the machine falls on all of
    them alike. Returns one result dict per job, None for a job that
    failed."""
    results = [None] * len(jobs)
    live = []
    for i, (label, cmd, cwd, out, env, prepare) in enumerate(jobs):
        print(f"  warm-up: {label} ...", end="", flush=True)
        if prepare:
            prepare()
        wall, rss, code, err = run_once(cmd, cwd, out, env)
        if code != 0:
            print()
            report_failure(label, cmd, cwd, code, err)
            continue
        print(f" {wall:.3f}s", flush=True)
        results[i] = {"times": [], "peaks": []}
        live.append(i)
    for n in range(runs):
        print(f"  round {n + 1}/{runs}:", end="", flush=True)
        for i in list(live):
            label, cmd, cwd, out, env, prepare = jobs[i]
            if prepare:
                prepare()
            wall, rss, code, err = run_once(cmd, cwd, out, env)
            if code != 0:
                print()
                report_failure(label, cmd, cwd, code, err)
                results[i] = None
                live.remove(i)
                continue
            results[i]["times"].append(wall)
            results[i]["peaks"].append(rss)
            print(f" {wall:.3f}s", end="", flush=True)
        print(flush=True)
    for i in live:
        r = results[i]
        times = r["times"]
        r.update(
            median=statistics.median(times),
            min=min(times),
            max=max(times),
            rss=max(r["peaks"]),
            out=os.path.getsize(jobs[i][3]),
        )
    return results


def tool_version(cmd):
    try:
        p = subprocess.run(cmd, capture_output=True, text=True)
    except OSError:
        return "?"
    text = (p.stdout or p.stderr).strip().splitlines()
    return text[0] if text else "?"


def agendapack_identity():
    """The commit, whether src/ or the manifests differ from it, and a
    digest of the binary: the sources change under active development."""
    def git(*args):
        p = subprocess.run(["git", "-C", ROOT] + list(args), capture_output=True, text=True)
        return p.stdout.strip() if p.returncode == 0 else ""
    commit = git("rev-parse", "--short", "HEAD") or "unknown commit"
    dirty = git("status", "--porcelain", "--", "src", "Cargo.toml", "Cargo.lock")
    with open(AGENDAPACK, "rb") as f:
        # In chunks: reading the binary whole would raise this process's
        # RSS, which every child's ru_maxrss starts from.
        digest = hashlib.file_digest(f, "sha256").hexdigest()[:12]
    state = "with uncommitted changes in src/ or Cargo.*" if dirty else "clean"
    return f"{commit} ({state}), binary sha256 {digest}"


def header(runs):
    print(f"agendapack: {agendapack_identity()}")
    load = os.getloadavg()
    print(
        f"machine: {platform.machine()}, nproc {os.cpu_count()} "
        f"(nproc: {subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()}), "
        f"load average at start {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    print(f"runs: 1 warm-up (not counted) + {runs} timed runs per command (RUNS={runs})")


def compare(runs):
    reports = env_int("REPORTS", 40)
    pages = env_int("PAGES", 410)
    seed = env_int("SEED", 1, minimum=0)
    scans = env_int("SCANS", None, minimum=0)
    path = dataset(reports, pages, seed, scans)
    print()
    header(runs)
    compare_set(path, runs)


def text_heavy(seed):
    """The generated set without scans, each report rewritten by qpdf with
    object streams and a cross-reference stream, as Word and LibreOffice
    write them: many small objects packed into compressed streams."""
    source = dataset(40, 410, seed, scans=0)
    with open(os.path.join(source, ".generated")) as f:
        want = f.read() + "objstm 1\n"

    def rewrite(tmp):
        shutil.copytree(source, tmp)
        for name in sorted(os.listdir(os.path.join(source, "reports"))):
            subprocess.run(
                ["qpdf", "--object-streams=generate", "--compress-streams=y",
                 os.path.join(source, "reports", name), os.path.join(tmp, "reports", name)],
                check=True,
            )

    return cached(
        source + "-objstm",
        want,
        f"rewriting {os.path.relpath(source, ROOT)} with object streams",
        rewrite,
    )


CORPUS = os.path.join(os.path.dirname(ROOT), "shared", "corpus", "real")


def corpus_set():
    """Every file of the shared corpus that agendapack can open (no
    password, at least one page), as one pack of one item each."""
    path = os.path.join(CACHE, "corpus")
    os.makedirs(path, exist_ok=True)
    names = sorted(n for n in os.listdir(CORPUS) if n.endswith(".pdf"))
    header_text = (
        '[meeting]\nbody = "Corpus"\ndate = 2024-10-11\ntime = "10:30"\nvenue = "Council Chamber"\n\n'
        '[issuer]\norganisation = "Bench"\nofficer = "Bench"\ntitle = "Bench"\nissued = 2024-10-03\n\n'
        '[contact]\nname = "Bench"\n'
    )
    usable = []
    for name in names:
        probe = os.path.join(path, "probe.toml")
        with open(probe, "w") as f:
            f.write(header_text + f'\n[[items]]\ntitle = "x"\ndocuments = ["{os.path.join(CORPUS, name)}"]\n')
        ok = subprocess.run([AGENDAPACK, "check", probe], capture_output=True).returncode == 0
        if ok:
            usable.append(name)
    os.remove(os.path.join(path, "probe.toml"))
    with open(os.path.join(path, "pack.toml"), "w") as f:
        f.write(header_text)
        for name in usable:
            f.write(f'\n[[items]]\ntitle = "{name}"\ndocuments = ["{os.path.join(CORPUS, name)}"]\n')
    with open(os.path.join(path, "files.txt"), "w") as f:
        f.write("".join(os.path.join(CORPUS, n) + "\n" for n in usable))
    pages = []
    for name in usable:
        p = subprocess.run(["qpdf", "--show-npages", os.path.join(CORPUS, name)],
                           capture_output=True, text=True)
        pages.append(int(p.stdout.strip() or 0))
    with open(os.path.join(path, "manifest.tsv"), "w") as f:
        f.write("".join(f"{n}\t{c}\n" for n, c in zip(usable, pages)))
    print(f"corpus set: {len(usable)} of {len(names)} files open", flush=True)
    return path


def sets(runs):
    """The three kinds of pack of the speed issue, side by side."""
    seed = env_int("SEED", 1, minimum=0)
    chosen = [
        ("scan-heavy (generated, 9% scans)", dataset(40, 410, seed)),
        ("text-heavy (generated, object streams)", text_heavy(seed)),
        ("real corpus (../shared/corpus/real)", corpus_set()),
    ]
    print()
    header(runs)
    summary = []
    for label, path in chosen:
        print(f"\n== {label}")
        summary.append((label, compare_set(path, runs, exit_on_failure=False)))
    print("\nsummary (median wall, peak RSS; agendapack against mutool merge in the same run;")
    print(" rebuild = what reading each report found kept from an earlier build, first = none):")
    cols = (f"{'set':<40} {'kind':<8} {'agendapack':>11} {'mutool':>9} {'ratio':>7} "
            f"{'RSS':>10} {'mutool RSS':>11} {'ratio':>7}")
    print(cols)
    print("-" * len(cols))
    failed = False
    for label, results in summary:
        peer = results.get("mutool merge")
        for kind, key in (("rebuild", "agendapack build"), ("first", "agendapack cold")):
            ours = results.get(key)
            if not ours or not peer:
                print(f"{label:<40} {kind:<8} {'failed':>11}")
                failed = True
                continue
            print(
                f"{label:<40} {kind:<8} {ours['median']:>10.3f}s {peer['median']:>8.3f}s "
                f"{ours['median'] / peer['median']:>6.2f}x {ours['rss'] / 1024:>6.1f} MiB "
                f"{peer['rss'] / 1024:>7.1f} MiB {ours['rss'] / peer['rss']:>6.2f}x"
            )
    if failed:
        sys.exit(1)


def compare_set(path, runs, exit_on_failure=True):
    files, n_pages, size = read_set(path)
    outdir = os.path.join(CACHE, "out")
    os.makedirs(outdir, exist_ok=True)

    warm = {"AGENDAPACK_CACHE_DIR": WARM_CACHE}
    cold = {"AGENDAPACK_CACHE_DIR": COLD_CACHE}
    shutil.rmtree(WARM_CACHE, ignore_errors=True)
    peers = [
        (
            "agendapack build",
            "agendapack",
            lambda out: [AGENDAPACK, "build", "pack.toml", "-o", out],
            warm,
            None,
        ),
        (
            "agendapack cold",
            "agendapack",
            lambda out: [AGENDAPACK, "build", "pack.toml", "-o", out],
            cold,
            lambda: shutil.rmtree(COLD_CACHE, ignore_errors=True),
        ),
        (
            "agendapack --fsync",
            "agendapack",
            lambda out: [AGENDAPACK, "build", "pack.toml", "-o", out, "--fsync"],
            warm,
            None,
        ),
        (
            "mutool merge",
            "mutool",
            lambda out: ["mutool", "merge", "-o", out] + files,
            None,
            None,
        ),
    ]
    # Another agendapack (an earlier commit's), to measure what a change
    # costs in the same run: BASELINE=path/to/agendapack.
    baseline = os.environ.get("BASELINE")
    if baseline:
        peers.append(
            (
                "baseline build",
                "agendapack",
                lambda out: [baseline, "build", "pack.toml", "-o", out],
                warm,
                None,
            )
        )
    peers += [
        (
            "qpdf --empty --pages",
            "qpdf",
            lambda out: ["qpdf", "--warning-exit-0", "--empty", "--pages"] + files + ["--", out],
            None,
            None,
        ),
    ]
    print(
        f"input: {len(files)} reports, {n_pages} pages, {mb(size)} ({size:,} bytes) "
        f"in {os.path.relpath(path, ROOT)}"
    )
    print(
        "versions: "
        + "; ".join(
            [
                tool_version([AGENDAPACK, "--version"]),
                tool_version(["mutool", "-v"]) if shutil.which("mutool") else "mutool: not installed",
                tool_version(["qpdf", "--version"]) if shutil.which("qpdf") else "qpdf: not installed",
            ]
        )
    )
    jobs = []
    for label, exe, cmd, env, prepare in peers:
        if exe != "agendapack" and shutil.which(exe) is None:
            print(f"  {label}: SKIPPED ({exe} is not installed)")
            continue
        out = os.path.join(outdir, f"{exe}-{len(jobs)}.pdf")
        jobs.append((label, cmd(out), path, out, env, prepare))
    results = list(zip([j[0] for j in jobs], measure_all(jobs, runs)))

    ours = results[0][1]
    print()
    cols = f"{'command':<22} {'median':>9} {'min':>9} {'max':>9} {'peak RSS':>10} {'output':>9} {'agendapack/this':>16}"
    print(cols)
    print("-" * len(cols))
    for label, r in results:
        if r is None:
            print(f"{label:<22} {'failed':>9}")
            continue
        ratio = f"{ours['median'] / r['median']:.2f}x" if ours else "-"
        print(
            f"{label:<22} {r['median']:>8.3f}s {r['min']:>8.3f}s {r['max']:>8.3f}s "
            f"{r['rss'] / 1024:>6.1f} MiB {mb(r['out']):>9} {ratio:>16}"
        )
    print()
    print(f"input total {mb(size)} ({size:,} bytes); agendapack output "
          + (f"{mb(ours['out'])} ({ours['out']:,} bytes)" if ours else "n/a (failed)"))
    if ours:
        mutool = dict(results).get("mutool merge")
        vs_mutool = f"{ours['median'] / mutool['median']:.2f}x mutool merge's" if mutool else "mutool not run"
        print(
            f"goals: agendapack build time {vs_mutool} (goal <= 1.00x); "
            f"peak RSS {ours['rss'] * 1024 / size:.2f}x the input (goal < 2.00x)"
        )
    print("(agendapack build: a rebuild, what reading each report found kept from the warm-up run;")
    print(" agendapack cold: a first build, its cache emptied before every run)")
    print("(peak RSS: each process's own ru_maxrss, from wait4 in bench_spawn; MB = 10^6 bytes, MiB = 2^20 bytes)")
    for label, r in results:
        if r is not None:
            print(f"  {label} runs (s): " + " ".join(f"{t:.3f}" for t in r["times"]))
    if exit_on_failure and any(r is None for _, r in results):
        sys.exit(1)
    return {label: r for label, r in results if r is not None}


def scale(runs):
    """agendapack (a rebuild, and a first build) and mutool merge at
    400, 2000 and 10000 pages."""
    seed = env_int("SEED", 1, minimum=0)
    outdir = os.path.join(CACHE, "out")
    os.makedirs(outdir, exist_ok=True)
    sets = [(p, dataset(40, p, seed)) for p in SCALE_PAGES]
    print()
    header(runs)
    print("40 reports, same page mix at every size (9% scans)")
    rows = []
    for pages, path in sets:
        files, n_pages, size = read_set(path)
        out = os.path.join(outdir, f"scale-{pages}.pdf")
        print(f"{pages} pages:")
        cmd = [AGENDAPACK, "build", "pack.toml", "-o", out]
        jobs = [
            (f"agendapack build, {pages} pages", cmd, path, out,
             {"AGENDAPACK_CACHE_DIR": WARM_CACHE}, None),
            (f"agendapack cold, {pages} pages", cmd, path, out,
             {"AGENDAPACK_CACHE_DIR": COLD_CACHE},
             lambda: shutil.rmtree(COLD_CACHE, ignore_errors=True)),
        ]
        if shutil.which("mutool"):
            jobs.append((f"mutool merge, {pages} pages",
                         ["mutool", "merge", "-o", out] + files, path, out, None, None))
        results = measure_all(jobs, runs)
        os.remove(out)
        rows.append((pages, n_pages, size, results))
    print()
    cols = (f"{'pages':>6} {'input':>9} {'command':<18} {'median':>9} {'min':>9} {'max':>9} "
            f"{'ms/page':>8} {'peak RSS':>10} {'RSS/input':>10} {'output':>9}")
    print(cols)
    print("-" * len(cols))
    names = ("agendapack build", "agendapack cold", "mutool merge")
    for pages, n_pages, size, results in rows:
        for name, r in zip(names, results):
            if r is None:
                print(f"{n_pages:>6} {mb(size):>9} {name:<18} {'failed':>9}")
                continue
            per = r["median"] / n_pages * 1000
            print(
                f"{n_pages:>6} {mb(size):>9} {name:<18} {r['median']:>8.3f}s {r['min']:>8.3f}s "
                f"{r['max']:>8.3f}s {per:>8.3f} {r['rss'] / 1024:>6.1f} MiB "
                f"{r['rss'] * 1024 / size:>9.2f}x {mb(r['out']):>9}"
            )
    ok = [(p, res) for p, _, _, res in rows if res[0] is not None]
    if len(ok) >= 2:
        (p0, r0), (p1, r1) = ok[0], ok[-1]
        print(
            f"\nagendapack's per-page time at {p1} pages is "
            f"{(r1[0]['median'] / p1) / (r0[0]['median'] / p0):.2f}x that at {p0} pages "
            "(1.00x = exactly linear)"
        )
        if len(r1) > 2 and r1[2] is not None:
            print(
                f"at {p1} pages: agendapack {r1[0]['median']:.3f}s and {r1[0]['rss'] / 1024:.1f} MiB "
                f"(first build {r1[1]['median']:.3f}s, {r1[1]['rss'] / 1024:.1f} MiB); "
                f"mutool merge {r1[2]['median']:.3f}s and {r1[2]['rss'] / 1024:.1f} MiB"
            )
    if any(r is None for *_, res in rows for r in res):
        sys.exit(1)


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "compare"
    runs = env_int("RUNS", 7)
    for exe in (AGENDAPACK, GENERATOR, SPAWN):
        if not os.path.exists(exe):
            sys.exit(f"{exe} is missing: run bench/run.sh, which builds it")
    if mode == "compare":
        compare(runs)
    elif mode == "sets":
        sets(runs)
    elif mode == "scale":
        scale(runs)
    else:
        sys.exit(f"unknown mode {mode!r}: use `compare` (default), `sets` or `scale`")


if __name__ == "__main__":
    main()
