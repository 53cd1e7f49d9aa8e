#!/usr/bin/env python3
"""What build-time highlighting costs on a code-heavy site.

Writes a corpus of posts that are mostly fenced code (16 languages a
programmer's blog uses), builds it with tend with `highlight = true` and
with `highlight = false`, several runs each, alternating, and prints the
median wall times, the difference, and the cost per highlighted line.

    python3 bench/code_heavy.py --posts 500 --out /tmp/code-heavy

The corpus is deterministic (fixed seed). Output goes to a folder beside the
corpus; put --out on tmpfs (/dev/shm) to keep disk noise out of it.
"""

import argparse
import random
import shutil
import statistics
import subprocess
import time
from pathlib import Path

# One small, plausible unit of code per language; a block repeats its unit
# with new names until it is long enough.
UNITS = {
    "rust": "fn {a}_{b}(input: &[u32]) -> Option<u32> {{\n    let total: u32 = input.iter().map(|x| x * {n}).sum();\n    if total > {n} {{ Some(total) }} else {{ None }}\n}}",
    "python": "def {a}_{b}(items):\n    \"\"\"Sum what is left after {c}.\"\"\"\n    return sum(x * {n} for x in items if x % 2 == 0)",
    "javascript": "export function {a}{B}(items) {{\n  const total = items.reduce((sum, x) => sum + x * {n}, 0);\n  return total > {n} ? total : null;\n}}",
    "typescript": "interface {B}{C} {{ id: number; name: string }}\nexport const {a}{B} = (xs: {B}{C}[]): string[] =>\n  xs.filter((x) => x.id > {n}).map((x) => x.name);",
    "go": "func {B}{C}(items []int) (int, error) {{\n\ttotal := 0\n\tfor _, x := range items {{\n\t\ttotal += x * {n}\n\t}}\n\treturn total, nil\n}}",
    "c": "static int {a}_{b}(const int *xs, size_t n) {{\n    int total = 0;\n    for (size_t i = 0; i < n; i++) total += xs[i] * {n};\n    return total;\n}}",
    "cpp": "template <typename T>\nstd::vector<T> {a}_{b}(const std::vector<T>& xs) {{\n    std::vector<T> out;\n    std::copy_if(xs.begin(), xs.end(), std::back_inserter(out), [](T x) {{ return x > {n}; }});\n    return out;\n}}",
    "bash": "{a}_{b}() {{\n  local dir=\"${{1:-.}}\"\n  find \"$dir\" -name '*.{c}' -size +{n}k | sort | head -n 10\n}}",
    "sql": "SELECT {a}.id, count(*) AS {b}_count\nFROM {a}\nJOIN {c} ON {c}.{a}_id = {a}.id\nWHERE {a}.created_at > now() - interval '{n} days'\nGROUP BY {a}.id;",
    "json": "{{\n  \"{a}\": {{ \"{b}\": {n}, \"{c}\": [\"{a}\", \"{b}\"], \"enabled\": true }}\n}}",
    "yaml": "{a}:\n  {b}: {n}\n  {c}:\n    - name: {a}-{b}\n      enabled: true",
    "toml": "[{a}.{b}]\n{c} = {n}\nname = \"{a}-{b}\"\nenabled = true",
    "html": "<section class=\"{a}\">\n  <h2 id=\"{b}\">{B} {C}</h2>\n  <p>Only <strong>{n}</strong> left.</p>\n</section>",
    "css": ".{a}-{b} {{\n  margin: {n}px auto;\n  color: var(--{c});\n}}\n.{a}-{b}:hover {{ color: var(--accent); }}",
    "markdown": "## {B} {C}\n\nA list of *{a}*:\n\n- `{b}` and **{c}**\n- [{a}](https://example.org/{b})",
    "diff": "--- a/{a}.txt\n+++ b/{a}.txt\n@@ -1,3 +1,3 @@\n-{b} = {n}\n+{b} = {n}1\n {c}",
}

WORDS = "soil seed root leaf stem frost bloom moss fern vine bark sap twig bud".split()


def block(rng: random.Random, lang: str, lines: int) -> str:
    out: list[str] = []
    while len(out) < lines:
        a, b, c = rng.sample(WORDS, 3)
        unit = UNITS[lang].format(a=a, b=b, c=c, B=b.title(), C=c.title(), n=rng.randint(2, 999))
        out.extend(unit.split("\n"))
        out.append("")
    return f"```{lang}\n" + "\n".join(out[:lines]).rstrip() + "\n```"


def generate(posts: int, blocks: int, lines: int, out: Path) -> int:
    rng = random.Random(11)
    folder = out / "content" / "posts"
    if out.exists():
        shutil.rmtree(out)
    folder.mkdir(parents=True)
    languages = list(UNITS)
    total = 0
    for n in range(posts):
        parts = [f"---\ntitle: Code notes {n}\ndate: 2024-01-{n % 28 + 1:02d}\n---\n", "Some code, explained briefly."]
        for k in range(blocks):
            lang = languages[(n + k) % len(languages)]
            parts.append(block(rng, lang, lines))
            parts.append(f"That was {lang}.")
            total += lines
        (folder / f"code-{n}.md").write_text("\n\n".join(parts) + "\n")
    return total


def build(tend: str, site: Path, output: Path, highlight: bool) -> float:
    (site / "tend.toml").write_text(f"title = \"Code\"\nsearch = false\nhighlight = {str(highlight).lower()}\n")
    started = time.perf_counter()
    subprocess.run([tend, "build", "--root", str(site), "--output", str(output), "--quiet"], check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=500)
    parser.add_argument("--blocks", type=int, default=10, help="code blocks per post")
    parser.add_argument("--lines", type=int, default=30, help="lines per block")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--tend", default="target/release/tend")
    args = parser.parse_args()
    lines = generate(args.posts, args.blocks, args.lines, args.out)
    output = args.out.parent / (args.out.name + "-public")
    times: dict[bool, list[float]] = {True: [], False: []}
    build(args.tend, args.out, output, True)  # warm the page cache
    for _ in range(args.runs):
        for highlight in (False, True):
            times[highlight].append(build(args.tend, args.out, output, highlight))
    on, off = statistics.median(times[True]), statistics.median(times[False])
    print(f"{args.posts} posts, {args.posts * args.blocks} blocks, {lines} lines of code in {len(UNITS)} languages")
    print(f"highlight = false: {off * 1000:.0f} ms   highlight = true: {on * 1000:.0f} ms   (median of {args.runs})")
    print(f"highlighting: {(on - off) * 1000:.0f} ms, {(on - off) / lines * 1e6:.1f} µs a line, {on / off:.2f}x the build")


if __name__ == "__main__":
    main()
