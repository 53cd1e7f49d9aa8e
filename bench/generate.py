#!/usr/bin/env python3
"""Deterministic benchmark corpus for tend and its peers.

    python3 bench/generate.py --posts 1000 --out bench/work/corpus
    python3 bench/generate.py --posts 1000 --out bench/work/garden --garden

Writes N posts of 700-1,000 words into OUT/content/posts/ (or, with
--garden, N linked notes into OUT/content/notes/). The prose is made of real
English words put together by a small grammar; each file has YAML front
matter (title, date, tags, description) and a body with headings, emphasis,
strong text, links, inline code, bullet and numbered lists, a fenced code
block, a blockquote and, one post in four, a GFM table; with --diagrams,
also a Mermaid diagram (flowchart, sequence, state or pie).

The output depends only on N, --seed and this file: every post is drawn from
its own random generator seeded with (seed, kind, index), so the same
arguments give byte-identical files, and the first 1,000 posts of a 10,000
corpus are the 1,000 posts of a 1,000 corpus. Standard library only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import random
import re
import shutil
import sys
from pathlib import Path

# --------------------------------------------------------------------------
# Vocabulary. Regular words only, so that simple rules inflect them.

NOUNS = """
absence access account action adapter address advice afternoon agreement
algorithm allocation answer archive argument array article assumption
attempt attention audience author backlog balance bandwidth barrier baseline
battery benchmark binary blueprint boundary branch bridge browser budget
buffer bug builder bundle button cable cache calendar camera candidate canvas
capacity category chapter channel character checklist choice circle client
cluster collection column comment community compiler component concept
conclusion condition conference connection constraint container context
contract conversation counter craft crate cursor customer cycle dashboard
database deadline decision default delay dependency deployment design
detail developer device diagram dialogue difference direction directory
discussion distance document domain draft driver editor effect effort
element engine entry environment error estimate event example exception
experiment expression feature feedback field figure filter flag folder
format fragment framework function garden gateway generator goal habit
handler header heading highlight history hypothesis idea image index input
insight instance instrument interface interval issue iterator journal kernel
keyboard label language latency layer layout lesson letter library limit
line link listener loop machine manual margin market measure memory message
method metric migration minute mirror mistake model module moment monitor
morning motive network node notebook number object observer operator option
order outcome outline output package page panel paragraph parameter parser
partner passage path pattern payload period permission pipeline pixel plan
platform player plugin pointer policy pool portrait position practice
prediction preference principle printer priority problem procedure process
product profile program project prompt promise proposal protocol prototype
puzzle question queue reader reason record reference region release report
request requirement resource response result review revision rhythm ritual
river road role routine rule runtime sample scale schedule schema scope
screen script season section selector sentence sequence server service
session setting shape shell signal sketch snapshot socket solution source
space spreadsheet stack standard statement station step storage story
strategy stream string structure student style subject summary surface
symbol symptom syntax system table target task teacher template tension
terminal test thread threshold ticket timeline token tool topic trace track
tradeoff transaction transition tree trigger trust type update upgrade user
value variable vendor version view visitor volume walk warning website
weekend window word worker workflow writer
""".split()

ADJECTIVES = """
abstract accurate active actual adequate ambitious ancient annual anxious
apparent automatic available awkward basic beautiful brief bright broad
broken busy calm careful casual central certain cheap clean clear clever
close coherent cold common complete complex concrete confident constant
correct costly critical crowded curious current dark deep defensive
deliberate dense different difficult direct distant distinct dull dynamic
eager early easy elegant empty entire equal essential even exact excellent
expensive explicit extensive fair familiar famous fast fierce final fine
firm flat flexible fluent formal fragile free frequent fresh friendly full
gentle genuine global gradual grand great green hard healthy heavy helpful
hidden honest huge humble ideal immediate implicit important incremental
independent informal initial inner intense internal invisible large late
lazy lean light likely limited linear literal little live local logical
lonely long loose loud lucky main major manual massive mature meaningful
minimal minor mobile modern modest narrow native natural nearby neat
necessary nervous new noisy normal obvious odd official old open optional
ordinary original outer painful parallel partial patient peculiar perfect
permanent personal physical plain pleasant plural polite popular portable
positive possible practical precise predictable pretty previous primary
private productive proper public pure quick quiet random rapid rare raw
ready real recent regular relevant reliable remote repeated rich right
robust rough round routine rural safe scarce secure sensible separate
serious shallow sharp short silent similar simple single slow small smart
smooth soft solid spare special specific stable stale steady steep strange
strict strong subtle sudden sufficient simple stubborn surprising tall
technical temporary tender thick thin tidy tight tiny total tough typical
uneven unique unusual upper urgent useful usual vague valid vast visible
vital warm weak weird whole wide wild wise wrong young
""".split()

# Verbs whose -s and -ed forms follow the plain rules below (no doubled
# consonants, no irregular past).
VERBS = """
accept adapt add adjust allow alter analyze annotate appear apply arrange
assemble attach attempt avoid borrow bundle calculate cache capture change
check clarify clean collect combine compare compile complete compress
configure connect consider contain continue convert copy correct count
create debug declare decide define delete deliver depend deploy describe
design destroy detect develop discover display document draft edit enable
encourage ensure estimate evaluate examine expand expect explain explore
export extend extract fix follow format generate guard handle help ignore
imagine implement import improve include inspect install invent isolate
join jump keep label learn limit list load locate maintain manage mark
measure merge migrate mirror miss model modify monitor move name notice
observe obtain offer open organize parse pass perform pick plant polish
predict prefer prepare present preserve print process produce profile
protect publish pull push question read realize receive record reduce
refactor reflect reject release remember remove render repair repeat
replace report request require resolve respect restore retain return reuse
review revise rewrite schedule search select separate serve share shift
show simplify sketch solve sort split start store stream structure study
suggest support switch test track train transform trust try update upgrade
use validate verify visit wait walk want watch wonder work wrap
""".split()
# These have irregular pasts or double their last consonant; they are used
# only in the present tense.
NO_PAST = {"read", "keep", "show", "rewrite", "split", "debug", "wrap", "prefer"}

ADVERBS = """
actually almost already always carefully certainly clearly closely
constantly deliberately easily effectively entirely especially eventually
exactly finally frankly frequently fully gently gradually honestly
immediately largely lately mostly naturally nearly never newly normally
obviously occasionally often partly patiently perhaps possibly precisely
probably quickly quietly rarely really recently regularly seldom simply
slowly sometimes steadily suddenly surely typically usually
""".split()

OPENERS = """
However|In practice|At first|Later|In the end|For a while|Meanwhile|
Of course|To be fair|In other words|Still|Even so|Looking back|Today|
By contrast|As a result|In short|Surprisingly|Until recently|Once again
""".replace("\n", "").split("|")

PREPOSITIONS = """about across after against along around before behind
beside between beyond during for from inside into near over through toward
under with within without""".split()

DETERMINERS = ["the", "the", "the", "a", "every", "each", "this", "that", "our", "my", "one"]
PLURAL_DETERMINERS = ["the", "some", "these", "those", "many", "few", "our", "all the"]
SUBJECTS = ["I", "we", "you", "they"]

TECH = """Rust Python Go TypeScript JavaScript SQLite Postgres Linux Git
Markdown HTML CSS WebAssembly Nginx Docker Kubernetes Redis Bash Vim Emacs
Lua Haskell OCaml Zig Kotlin Swift Elixir Erlang""".split()

TAGS = """rust python javascript go web css html accessibility performance
testing databases sqlite postgres linux shell git security networking
compilers type-systems concurrency distributed-systems devops kubernetes
containers observability design writing learning reading productivity
career open-source static-sites markdown typography data-science
machine-learning tooling refactoring""".split()
assert len(TAGS) == 40 and len(set(TAGS)) == 40

LINK_HOSTS = ["example.com", "example.org", "example.net", "docs.example.com", "blog.example.org"]

IDENTS = """config buffer reader writer index count total items entries cache
state result value input output path name size limit offset parser token
node edge queue stack page site post tags date title""".split()
TYPES = ["Config", "Page", "Site", "Entry", "Token", "Node", "Record", "Index", "Post", "Tag"]


def plural(noun: str) -> str:
    if re.search(r"[^aeiou]y$", noun):
        return noun[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", noun):
        return noun + "es"
    return noun + "s"


def third(verb: str) -> str:
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh|o)$", verb):
        return verb + "es"
    return verb + "s"


def past(verb: str) -> str:
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ied"
    if verb.endswith("e"):
        return verb + "d"
    return verb + "ed"


def gerund(verb: str) -> str:
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith("ee"):
        return verb[:-1] + "ing"
    return verb + "ing"


def article(word: str) -> str:
    return "an" if word[0].lower() in "aeiou" else "a"


def slugify(text: str) -> str:
    """Like tend's slugify for ASCII text: lowercase, letters and digits,
    runs of anything else folded into one hyphen, apostrophes dropped."""
    text = text.lower().replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


PAST_VERBS = [v for v in VERBS if v not in NO_PAST]

# --------------------------------------------------------------------------
# Prose


class Writer:
    """Makes the text of one file from its own random generator."""

    def __init__(self, rng: random.Random, earlier: list[str], section: str):
        self.rng = rng
        self.earlier = earlier  # slugs of files before this one, for links
        self.section = section
        self.words = 0
        self.wikilinks: list[str] = []
        self.plain = False  # no inline markup (for the description)

    # -- words ------------------------------------------------------------
    def np(self, singular: bool = False) -> str:
        """A noun phrase; `singular` for a subject that takes a verb in -s."""
        r = self.rng
        roll = r.random() * (0.55 if singular else 1.0)
        if roll < 0.55:
            det = r.choice(DETERMINERS)
            adj = r.choice(ADJECTIVES) if r.random() < 0.6 else ""
            noun = r.choice(NOUNS)
            head = f"{adj} {noun}" if adj else noun
            if det == "a":
                det = article(head)
            return f"{det} {head}"
        if roll < 0.85:
            det = r.choice(PLURAL_DETERMINERS)
            adj = r.choice(ADJECTIVES) if r.random() < 0.5 else ""
            noun = plural(r.choice(NOUNS))
            return f"{det} {adj} {noun}" if adj else f"{det} {noun}"
        return f"the {r.choice(NOUNS)} {r.choice(NOUNS)}"

    def sentence(self) -> str:
        r = self.rng
        pattern = r.randrange(10)
        if pattern == 0:
            s = f"{self.np(True)} {third(r.choice(VERBS))} {self.np()} {r.choice(PREPOSITIONS)} {self.np()}"
        elif pattern == 1:
            s = f"when {self.np(True)} {third(r.choice(VERBS))}, {r.choice(SUBJECTS)} {r.choice(VERBS)} {self.np()}"
        elif pattern == 2:
            s = f"{r.choice(OPENERS)}, {r.choice(SUBJECTS)} {past(r.choice(PAST_VERBS))} {self.np()} and {past(r.choice(PAST_VERBS))} {self.np()}"
        elif pattern == 3:
            s = f"{self.np(True)} is {r.choice(ADVERBS)} {r.choice(ADJECTIVES)}, but {self.np(True)} is {r.choice(ADJECTIVES)}"
        elif pattern == 4:
            s = f"{r.choice(SUBJECTS)} {r.choice(ADVERBS)} {r.choice(VERBS)} {self.np()} before {gerund(r.choice(VERBS))} {self.np()}"
        elif pattern == 5:
            s = f"it is {r.choice(ADJECTIVES)} to {r.choice(VERBS)} {self.np()} {r.choice(PREPOSITIONS)} {self.np()}"
        elif pattern == 6:
            s = f"{r.choice(OPENERS)}, {self.np()} {r.choice(['can', 'should', 'will', 'might', 'must'])} {r.choice(VERBS)} {self.np()}"
        elif pattern == 7:
            s = f"{gerund(r.choice(VERBS))} {self.np()} {third(r.choice(VERBS))} {self.np()} {r.choice(PREPOSITIONS)} {self.np()}"
        elif pattern == 8:
            s = f"{r.choice(SUBJECTS)} {past(r.choice(PAST_VERBS))} {self.np()} {r.choice(PREPOSITIONS)} {self.np()} because {self.np(True)} {third(r.choice(VERBS))} {self.np()}"
        else:
            s = f"there is {self.np(True)} {r.choice(PREPOSITIONS)} {self.np()} that {r.choice(SUBJECTS)} {r.choice(ADVERBS)} {r.choice(VERBS)}"
        words = s.split(" ")
        words[0] = words[0][:1].upper() + words[0][1:]
        self.words += len(words)
        words = self.decorate(words)
        end = "?" if pattern == 4 and r.random() < 0.2 else "."
        return " ".join(words) + end

    def decorate(self, words: list[str]) -> list[str]:
        """Inline markup on a word or two: emphasis, strong, code, links."""
        r = self.rng
        roll = r.random()
        if roll > 0.42 or len(words) < 4 or self.plain:
            return words
        i = r.randrange(1, len(words) - 1)
        if len(words[i]) < 4:  # rather not *the* or **a**
            i = min(i + 1, len(words) - 1)
        word = words[i]
        trail = ""
        if word.endswith(","):
            word, trail = word[:-1], ","
        if roll < 0.10:
            words[i] = f"*{word}*{trail}"
        elif roll < 0.18:
            words[i] = f"**{word}**{trail}"
        elif roll < 0.27:
            ident = r.choice(IDENTS)
            code = r.choice([f"{ident}()", f"{ident}_{r.choice(IDENTS)}", f"--{ident}", f"{r.choice(TYPES)}::new", f"{ident}.{r.choice(IDENTS)}"])
            words.insert(i, f"`{code}`")
        elif roll < 0.36 or not self.wikilinks:
            j = min(len(words), i + r.randint(1, 3))
            text = " ".join(words[i:j]).rstrip(",")
            if self.earlier and r.random() < 0.35:
                url = f"/{self.section}/{r.choice(self.earlier)}/"
            else:
                url = f"https://{r.choice(LINK_HOSTS)}/{r.choice(NOUNS)}/{r.choice(NOUNS)}"
            comma = "," if words[j - 1].endswith(",") else ""
            words[i:j] = [f"[{text}]({url}){comma}"]
        else:
            words.insert(i, f"[[{self.wikilinks.pop()}]]")
        return words

    def phrase(self, n_words: int) -> str:
        r = self.rng
        parts = []
        while len(parts) < n_words:
            parts.extend(r.choice([f"{r.choice(ADJECTIVES)} {plural(r.choice(NOUNS))}", r.choice(NOUNS), f"{gerund(r.choice(VERBS))} {self.np()}"]).split(" "))
        parts = parts[:n_words]
        self.words += len(parts)
        text = " ".join(parts)
        return text[:1].upper() + text[1:]

    def heading(self) -> str:
        r = self.rng
        pattern = r.randrange(6)
        if pattern == 0:
            h = f"{r.choice(ADJECTIVES).title()} {plural(r.choice(NOUNS)).title()}"
        elif pattern == 1:
            h = f"Why the {r.choice(NOUNS).title()} Matters"
        elif pattern == 2:
            h = f"{gerund(r.choice(VERBS)).title()} the {r.choice(NOUNS).title()}"
        elif pattern == 3:
            h = f"What I Learned About {plural(r.choice(NOUNS)).title()}"
        elif pattern == 4:
            h = f"A {r.choice(ADJECTIVES).title()} Approach"
        else:
            h = f"{r.choice(NOUNS).title()} and {r.choice(NOUNS).title()}"
        self.words += len(h.split())
        return h

    # -- blocks ----------------------------------------------------------
    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def bullets(self) -> str:
        return "\n".join(f"- {self.phrase(self.rng.randint(3, 9))}" for _ in range(self.rng.randint(3, 6)))

    def numbered(self) -> str:
        return "\n".join(f"{n}. {self.sentence()}" for n in range(1, self.rng.randint(3, 5) + 1))

    def quote(self) -> str:
        return "\n".join(f"> {self.sentence()}" for _ in range(self.rng.randint(1, 2)))

    def table(self) -> str:
        r = self.rng
        cols = r.randint(3, 4)
        header = [r.choice(NOUNS).title() for _ in range(cols)]
        rows = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] * cols) + "|"]
        for _ in range(r.randint(3, 6)):
            cells = [r.choice(ADJECTIVES)] + [str(r.randint(1, 999)) if r.random() < 0.5 else r.choice(NOUNS) for _ in range(cols - 1)]
            rows.append("| " + " | ".join(cells) + " |")
        self.words += cols * (len(rows) - 1)
        return "\n".join(rows)

    def diagram(self) -> str:
        """A Mermaid block: a flowchart, sequence, state or pie diagram of
        a few nodes, every label its own words (so no two posts share one)."""
        r = self.rng
        kind = r.randrange(4)
        words = lambda: f"{r.choice(ADJECTIVES)} {r.choice(NOUNS)}"  # noqa: E731
        if kind == 0:
            n = r.randint(4, 8)
            lines = ["flowchart LR"] + [f"    n{k}[{words().capitalize()}]" for k in range(n)]
            lines += [f"    n{r.randrange(k)} -->|{r.choice(VERBS)}| n{k}" for k in range(1, n)]
            lines += [f"    n{r.randrange(n)} -.-> n{r.randrange(n)}"]
        elif kind == 1:
            who = [r.choice(NOUNS).title() + str(k) for k in range(3)]
            lines = ["sequenceDiagram"] + [f"    participant {w}" for w in who]
            for _ in range(r.randint(3, 6)):
                a, b = r.sample(who, 2)
                lines.append(f"    {a}->>{b}: {third(r.choice(VERBS))} the {r.choice(NOUNS)}")
        elif kind == 2:
            states = [r.choice(NOUNS).title() + str(k) for k in range(r.randint(3, 6))]
            lines = ["stateDiagram-v2", f"    [*] --> {states[0]}"]
            lines += [f"    {a} --> {b}: {r.choice(VERBS)}" for a, b in zip(states, states[1:])]
            lines.append(f"    {states[-1]} --> [*]")
        else:
            lines = [f"pie title {words().capitalize()}"]
            lines += [f'    "{words()}" : {r.randint(5, 90)}' for _ in range(r.randint(3, 5))]
        return "```mermaid\n" + "\n".join(lines) + "\n```"

    def code(self) -> str:
        r = self.rng
        lang = r.choice(list(CODE))
        a, b, c = r.sample(IDENTS, 3)
        body = r.choice(CODE[lang]).format(a=a, b=b, c=c, T=r.choice(TYPES), n=r.randint(2, 512))
        return f"```{lang}\n{body.strip()}\n```"


CODE = {
    "rust": [
        """
fn {a}_{b}({c}: &str) -> Result<{T}, Error> {{
    let {a} = {c}.trim();
    if {a}.is_empty() {{
        return Err(Error::Empty);
    }}
    {T}::parse({a})
}}
""",
        """
let mut {a}: Vec<{T}> = Vec::with_capacity({n});
for {b} in {c}.iter().filter(|x| x.is_ready()) {{
    {a}.push({b}.clone());
}}
{a}.sort_by(|x, y| x.{b}.cmp(&y.{b}));
""",
    ],
    "python": [
        """
def {a}_{b}({c}):
    \"\"\"Return the {b} of every {c} item.\"\"\"
    result = []
    for item in {c}:
        if item.{b} is not None:
            result.append(item.{b})
    return sorted(result)[:{n}]
""",
        """
with open("{a}.txt", encoding="utf-8") as f:
    {b} = [line.strip() for line in f if line.strip()]
print(len({b}), "{c} lines")
""",
    ],
    "javascript": [
        """
export function {a}({b}, {c} = {n}) {{
  const seen = new Set();
  return {b}.filter((x) => {{
    if (seen.has(x.id)) return false;
    seen.add(x.id);
    return seen.size <= {c};
  }});
}}
""",
    ],
    "go": [
        """
func {a}({b} []{T}) map[string]int {{
	{c} := make(map[string]int, len({b}))
	for _, x := range {b} {{
		{c}[x.Name]++
	}}
	return {c}
}}
""",
    ],
    "bash": [
        """
#!/usr/bin/env bash
set -euo pipefail
for f in {a}/*.md; do
  grep -c '{b}' "$f" || true
done | sort -n | tail -n {n}
""",
    ],
    "toml": [
        """
[{a}]
{b} = "{c}"
limit = {n}
enabled = true
""",
    ],
}

# --------------------------------------------------------------------------
# Files

START = dt.date(2015, 1, 1)
DAYS = (dt.date(2024, 12, 31) - START).days


def make_title(rng: random.Random) -> str:
    pattern = rng.randrange(9)
    adj = rng.choice(ADJECTIVES).title()
    noun = rng.choice(NOUNS).title()
    noun2 = rng.choice(NOUNS).title()
    if pattern == 0:
        return f"Notes on {adj} {plural(noun)}"
    if pattern == 1:
        return f"Why Every {noun} Needs {article(adj).title()} {adj} {noun2}"
    if pattern == 2:
        return f"The {adj} {noun} of {rng.choice(TECH)}"
    if pattern == 3:
        return f"How I {past(rng.choice(PAST_VERBS)).title()} the {noun} {noun2}"
    if pattern == 4:
        return f"{gerund(rng.choice(VERBS)).title()} {plural(noun)} with {rng.choice(TECH)}"
    if pattern == 5:
        return f"{article(adj).title()} {adj} Guide to {plural(noun)}"
    if pattern == 6:
        return f"Lessons from {gerund(rng.choice(VERBS)).title()} {article(noun)} {noun}"
    if pattern == 7:
        return f"{rng.choice(TECH)}, {plural(noun)} and {adj} {plural(noun2)}"
    return f"On {adj} {plural(noun)}: {gerund(rng.choice(VERBS)).title()} the {noun2}"


def make_titles(n: int, seed: int, kind: str) -> list[tuple[str, str]]:
    """(title, slug) for each file, unique; sequential so later files can
    refer to earlier ones."""
    seen: set[str] = set()
    out = []
    for i in range(n):
        rng = random.Random(f"{seed}:{kind}:title:{i}")
        base = make_title(rng)
        title, part = base, 1
        while slugify(title) in seen:
            part += 1
            title = f"{base}, Part {part}"
        seen.add(slugify(title))
        out.append((title, slugify(title)))
    return out


def render_post(job: tuple) -> tuple[str, str]:
    """Returns (file name, text) of file `i`."""
    i, seed, kind, titles, garden_targets, diagrams = job
    title, slug = titles[i]
    rng = random.Random(f"{seed}:{kind}:body:{i}")
    section = "notes" if kind == "garden" else "posts"
    earlier = [titles[j][1] for j in rng.sample(range(i), min(i, 20))] if i else []
    w = Writer(rng, earlier, section)
    if kind == "garden":
        target = rng.randint(400, 700)
        w.wikilinks = list(garden_targets)
    else:
        target = rng.randint(700, 975)

    date = START + dt.timedelta(days=rng.randrange(DAYS))
    tags = rng.sample(TAGS, rng.randint(1, 4))
    w.plain = True
    description = w.paragraph(1).rstrip(".?") + "."
    w.plain = False
    w.words = 0  # the description is not body text

    blocks: list[str] = []
    fill: list[int] = []  # where extra paragraphs may go

    def para(sentences: int | None = None) -> None:
        blocks.append(w.paragraph(sentences or rng.randint(3, 5)))
        fill.append(len(blocks))

    para()
    blocks.append("## " + w.heading())
    para()
    blocks.append(w.bullets())
    para()
    blocks.append("### " + w.heading())
    para(2)
    blocks.append(w.code())
    if diagrams:
        # Its own generator: the rest of the post is the same with or without it.
        blocks.append(Writer(random.Random(f"{seed}:{kind}:diagram:{i}"), [], section).diagram())
    para(2)
    blocks.append("## " + w.heading())
    para()
    blocks.append(w.quote())
    para()
    blocks.append(w.numbered())
    if rng.random() < 0.25:
        blocks.append("### " + w.heading())
        para(2)
        blocks.append(w.table())
    blocks.append("## " + w.heading())
    para()
    # Grow paragraphs, spread over the sections, up to the target length,
    # one sentence at a time.
    k = 0
    while w.words < target:
        slot = fill[k % len(fill)] - 1
        blocks[slot] += " " + w.sentence()
        k += 1
    # Wikilinks not yet placed go into a last paragraph.
    if w.wikilinks:
        blocks.append("See also " + ", ".join(f"[[{t}]]" for t in w.wikilinks) + ".")
        w.wikilinks = []

    front = [
        "---",
        f'title: "{title}"',
        f"date: {date.isoformat()}",
        "tags:",
        *[f"  - {t}" for t in tags],
        f'description: "{description}"',
    ]
    if kind == "garden":
        front.append(f"status: {rng.choice(['seedling', 'budding', 'evergreen'])}")
    front.append("---")
    text = "\n".join(front) + "\n\n" + "\n\n".join(blocks) + "\n"
    return f"{slug}.md", text


def garden_links(n: int, seed: int, titles: list[tuple[str, str]]) -> list[list[str]]:
    rng = random.Random(f"{seed}:garden:links")
    links = []
    for i in range(n):
        others = [j for j in (rng.randrange(n) for _ in range(12)) if j != i]
        chosen = list(dict.fromkeys(others))[:5]
        links.append([titles[j][0] for j in chosen])
    return links


def generate(n: int, out: Path, garden: bool = False, seed: int = 1, jobs: int | None = None, force: bool = False,
             diagrams: bool = False) -> Path:
    kind = "garden" if garden else "posts"
    folder = out / "content" / ("notes" if garden else "posts")
    if folder.exists() and any(folder.iterdir()):
        if not force:
            sys.exit(f"generate.py: {folder} is not empty (use --force to replace it)")
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    titles = make_titles(n, seed, kind)
    links = garden_links(n, seed, titles) if garden else [[]] * n
    work = ((i, seed, kind, titles, links[i], diagrams) for i in range(n))
    jobs = jobs or os.cpu_count() or 1
    if jobs > 1 and n >= 200:
        # Workers get the titles once, through fork, not with every job.
        global _TITLES
        _TITLES = titles
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(jobs) as pool:
            results = pool.imap(_render_forked, ((i, seed, kind, links[i], diagrams) for i in range(n)), chunksize=64)
            for name, text in results:
                (folder / name).write_text(text, encoding="utf-8")
    else:
        for job in work:
            name, text = render_post(job)
            (folder / name).write_text(text, encoding="utf-8")
    return folder


_TITLES: list[tuple[str, str]] = []


def write_bases(n: int, out: Path) -> Path:
    """Writes N Obsidian bases into OUT/content/bases/, each filtering every
    note of the corpus: by a tag (a tenth of the notes or so), a date range
    or a growth status, with a formula, a sort and, for the widest, a
    limit and a grouping; the views alternate table, cards and list."""
    folder = out / "content" / "bases"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    kinds = ["table", "cards", "list"]
    for i in range(n):
        tag = TAGS[i % len(TAGS)]
        filters = [
            f'file.hasTag("{tag}")',
            f'date >= date("{2015 + i % 10}-01-01") && date < date("{2016 + i % 10}-01-01")',
            f'status == "{["seedling", "budding", "evergreen"][i % 3]}" && file.name.contains("{"aeiou"[i % 5]}")',
        ][i % 3]
        limit = "    limit: 50\n" if i % 3 != 0 else ""
        group = "    groupBy:\n      property: status\n      direction: ASC\n" if i % 4 == 0 else ""
        text = (
            f"filters:\n  and:\n    - '{filters}'\n"
            "formulas:\n  age: 'date.year - 2014'\n  shout: 'title.upper()'\n"
            f"views:\n  - type: {kinds[i % 3]}\n    name: View {i}\n"
            "    order: [file.name, date, formula.age, tags]\n"
            "    sort:\n      - property: date\n        direction: DESC\n"
            f"{limit}{group}"
        )
        (folder / f"base-{i:02}.base").write_text(text, encoding="utf-8")
    return folder


def _render_forked(job: tuple) -> tuple[str, str]:
    i, seed, kind, links, diagrams = job
    return render_post((i, seed, kind, _TITLES, links, diagrams))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--posts", type=int, required=True, help="how many posts (or notes)")
    ap.add_argument("--out", type=Path, required=True, help="site folder; files go into OUT/content/posts/")
    ap.add_argument("--garden", action="store_true", help="notes with [[wikilinks]] in OUT/content/notes/ instead")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores); output is the same")
    ap.add_argument("--force", action="store_true", help="replace an existing posts/notes folder")
    ap.add_argument("--diagrams", action="store_true", help="one Mermaid diagram in every file")
    ap.add_argument("--bases", type=int, default=0, help="also N Obsidian bases over every note, in OUT/content/bases/")
    args = ap.parse_args()
    if args.posts < 1:
        ap.error("--posts must be at least 1")
    folder = generate(args.posts, args.out, args.garden, args.seed, args.jobs, args.force, args.diagrams)
    print(f"wrote {args.posts} files to {folder}")
    if args.bases:
        print(f"wrote {args.bases} bases to {write_bases(args.bases, args.out)}")


if __name__ == "__main__":
    main()
