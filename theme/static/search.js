// Full-text search over the index tend writes under search/. Used by the
// search page and by the search dialog, which "/" or Ctrl-K (⌘K) opens on
// every page. Without JavaScript the search page says so, and the header's
// Search link still leads there.
//
// The index is split by the first characters of each word; a query fetches
// meta.json, then only the shards its words fall in and the page lists of
// the pages it shows. Excerpts are cut from the result pages themselves.
(() => {
  "use strict";
  const script = document.currentScript;
  const root = script?.dataset.index;
  if (!root) return;

  const MAX_WORD = 40;
  const PREFIX_FROM = 3;
  const SHOWN = 10;
  const EXCERPT_WORDS = 28;

  // The theme's words in the site's language (theme/static/say.js).
  const say = TEND_SAY;

  // Chinese characters and kana (and ー): scripts that do not space their
  // words, so the index keeps each pair of them side by side.
  const IDEOGRAPHS = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\u30fc";
  const STRETCHES = new RegExp(`[${IDEOGRAPHS}]+|[^${IDEOGRAPHS}]+`, "gu");
  const FIRST_IDEOGRAPH = new RegExp(`^[${IDEOGRAPHS}]`, "u");
  const isIdeograph = (text) => FIRST_IDEOGRAPH.test(text);
  // Lower case, without accents: "É" finds "e" and "e" finds "é".
  const fold = (text) =>
    text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").normalize("NFC");
  // The same split as the index: runs of letters and digits, folded; in a
  // stretch of ideographs each pair side by side, or the one alone.
  const words = (text) => {
    const found = [];
    for (const run of fold(text).split(/[^\p{Alphabetic}\p{N}]+/u)) {
      for (const [stretch] of run.matchAll(STRETCHES)) {
        const chars = [...stretch];
        if (!isIdeograph(stretch) || chars.length === 1) found.push(stretch);
        else for (let i = 0; i + 1 < chars.length; i++) found.push(chars[i] + chars[i + 1]);
      }
    }
    return found.filter((w) => w && [...w].length <= MAX_WORD);
  };

  const fetchJson = (url) =>
    fetch(url, { credentials: "same-origin" }).then((r) => {
      if (!r.ok) throw new Error(`${url}: ${r.status}`);
      return r.json();
    });

  let meta = null;
  const loadMeta = () => {
    meta ??= fetchJson(`${root}meta.json`).catch((e) => {
      meta = null;
      throw e;
    });
    return meta;
  };
  const cache = new Map();
  const once = (url) => {
    if (!cache.has(url)) cache.set(url, fetchJson(url));
    return cache.get(url);
  };
  const fileKey = (key) =>
    [...key].map((c) => (/^[a-z0-9]$/i.test(c) ? c : `_${c.codePointAt(0).toString(16)}`)).join("");

  // The shards to read for one query word: the one it belongs to (the
  // longest key it starts with) and, for a word being typed, the smaller
  // shards split off below it.
  const shardsFor = (m, word, prefix) => {
    const keys = m.shards.filter((k) => word.startsWith(k));
    const own = keys.sort((a, b) => b.length - a.length).slice(0, 1);
    const below = prefix ? m.shards.filter((k) => k.length > word.length && k.startsWith(word)) : [];
    return [...own, ...below];
  };

  // Scores by page for one query word: BM25 weights stored per page, times
  // the word's rarity; words that only start with it count a little less.
  const scoresFor = async (m, word, prefix) => {
    const scores = new Map();
    for (const key of shardsFor(m, word, prefix)) {
      const shard = await once(`${root}terms/${fileKey(key)}.json?v=${m.version}`);
      for (const [term, list] of Object.entries(shard)) {
        const exact = term === word;
        if (!exact && !(prefix && term.startsWith(word))) continue;
        const pages = list.length / 2;
        const idf = Math.log(1 + (m.pages - pages + 0.5) / (pages + 0.5));
        const factor = exact ? 1 : 0.7;
        let page = 0;
        for (let i = 0; i < list.length; i += 2) {
          page += list[i];
          const score = (list[i + 1] / 100) * idf * factor;
          scores.set(page, Math.max(scores.get(page) ?? 0, score));
        }
      }
    }
    return scores;
  };

  // Every word must match; the last one may be unfinished.
  const run = async (query) => {
    const m = await loadMeta();
    const all = words(query);
    const common = new Set(m.common);
    const used = all.filter((w) => !common.has(w));
    if (used.length === 0) return { results: [], words: all, common: all.length > 0 };
    let total = null;
    for (const [i, word] of used.entries()) {
      // A lone ideograph is the start of the pairs that begin with it.
      const prefix = i === used.length - 1 && ([...word].length >= PREFIX_FROM || isIdeograph(word));
      const scores = await scoresFor(m, word, prefix);
      if (total === null) {
        total = scores;
      } else {
        const next = new Map();
        for (const [page, score] of total) {
          if (scores.has(page)) next.set(page, score + scores.get(page));
        }
        total = next;
      }
      if (total.size === 0) break;
    }
    const ranked = [...total].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const shown = ranked.slice(0, SHOWN);
    const results = await Promise.all(
      shown.map(async ([page]) => {
        const chunk = await once(`${root}pages/${Math.floor(page / m.chunk)}.json?v=${m.version}`);
        return chunk[page % m.chunk];
      }),
    );
    return { results, words: used, total: ranked.length };
  };

  // The text of the result page around the first query word.
  const excerpts = new Map();
  const excerpt = (url, query) => {
    const matches = (word) => query.some((q) => word.startsWith(q));
    const key = `${url}\n${query.join(" ")}`;
    if (!excerpts.has(key)) {
      excerpts.set(
        key,
        fetch(url, { credentials: "same-origin" })
          .then((r) => (r.ok ? r.text() : ""))
          .then((html) => {
            const doc = new DOMParser().parseFromString(html, "text/html");
            const body = doc.querySelector("main .prose") ?? doc.querySelector("main");
            if (!body) return "";
            // Footnote numbers would stick to the word before them.
            body
              .querySelectorAll(".heading-anchor, .footnote-ref, .footnote-back, .sidenote, script, style")
              .forEach((e) => e.remove());
            // Blocks end with a space, so table cells and list items do not
            // run together.
            body.querySelectorAll("p, li, td, th, h2, h3, h4, h5, h6, pre, blockquote, dt, dd, figcaption").forEach((e) =>
              e.append(" "),
            );
            // Runs between spaces; a long run without them (Chinese,
            // Japanese) in pieces, the first of each marked as after a space.
            const tokens = [];
            for (const run of body.textContent.split(/\s+/).filter(Boolean)) {
              const chars = [...run];
              for (let i = 0; i < chars.length; i += 16) {
                tokens.push({ text: chars.slice(i, i + 16).join(""), spaced: i === 0 });
              }
            }
            const hits = (token) => words(token.text).some(matches);
            const first = Math.max(0, tokens.findIndex(hits));
            const start = Math.max(0, first - Math.floor(EXCERPT_WORDS / 3));
            const shown = tokens.slice(start, start + EXCERPT_WORDS);
            if (start > 0) shown.unshift({ text: "…", spaced: true });
            if (start + EXCERPT_WORDS < tokens.length) shown.push({ text: "…", spaced: true });
            return shown.map((t, i) => (i > 0 && t.spaced ? ` ${t.text}` : t.text)).join("");
          })
          .catch(() => ""),
      );
    }
    return excerpts.get(key);
  };

  // `text` as nodes, each word that starts with a query word in a <mark>;
  // in a stretch of ideographs, each place a query's ideographs are.
  const mark = (text) => {
    const node = document.createElement("mark");
    node.textContent = text;
    return node;
  };
  const marked = (text, query) => {
    const pieces = query.filter(isIdeograph);
    return text.split(/([\p{Alphabetic}\p{N}]+)/u).flatMap((part, i) => {
      if (i % 2 === 0) return [part];
      if (!pieces.length || ![...part].some(isIdeograph)) {
        return query.some((q) => fold(part).startsWith(q)) ? [mark(part)] : [part];
      }
      // Folding may drop accents: then only the case is folded, so that
      // the places found are places in the text.
      const folded = fold(part).length === part.length ? fold(part) : part.toLowerCase();
      const hit = new Array(folded.length).fill(false);
      for (const piece of pieces) {
        for (let at = folded.indexOf(piece); at !== -1; at = folded.indexOf(piece, at + 1)) {
          hit.fill(true, at, at + piece.length);
        }
      }
      const nodes = [];
      let from = 0;
      for (let at = 1; at <= part.length; at++) {
        if (at === part.length || hit[at] !== hit[from]) {
          const text = part.slice(from, at);
          nodes.push(hit[from] ? mark(text) : text);
          from = at;
        }
      }
      return nodes;
    });
  };

  // One search box: a form with an input, a status line and a result list.
  const attach = (form) => {
    const input = form.querySelector("input[type=search]");
    const status = form.parentElement.querySelector("[data-search-status]");
    const list = form.parentElement.querySelector("[data-search-results]");
    if (!input || !status || !list) return;
    let generation = 0;
    const show = async (query) => {
      const mine = ++generation;
      list.replaceChildren();
      if (!query.trim()) {
        status.textContent = "";
        return;
      }
      let found;
      try {
        found = await run(query);
      } catch {
        if (mine === generation) status.textContent = say("failed");
        return;
      }
      if (mine !== generation) return;
      if (found.common) {
        status.textContent = say("common");
        return;
      }
      const count = found.total ?? 0;
      status.textContent =
        count === 0
          ? say("none", { query: query.trim() })
          : say(count > SHOWN ? "found_best" : "found", { n: count, shown: SHOWN });
      for (const page of found.results) {
        if (!page) continue;
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = page.url;
        link.textContent = page.title;
        const title = document.createElement("p");
        title.className = "search-title";
        title.append(link);
        item.append(title);
        if (page.section) {
          const section = document.createElement("p");
          section.className = "search-section";
          section.textContent = page.section;
          item.append(section);
        }
        const text = document.createElement("p");
        text.className = "search-excerpt";
        item.append(text);
        list.append(item);
        excerpt(page.url, found.words).then((shown) => {
          if (mine !== generation) return;
          text.append(...marked(shown, found.words));
        });
      }
    };
    let timer = 0;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => show(input.value), 120);
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      clearTimeout(timer);
      show(input.value);
      const url = new URL(location.href);
      if (form.dataset.searchPage !== undefined) {
        url.searchParams.set("q", input.value);
        history.replaceState(null, "", url);
      }
    });
    return { input, show };
  };

  // The search page: its box, filled from ?q=.
  const page = document.querySelector("form[data-search-page]");
  if (page) {
    const box = attach(page);
    const query = new URLSearchParams(location.search).get("q");
    if (box && query) {
      box.input.value = query;
      box.show(query);
    }
  }

  // The dialog, on every other page: opened by the header link, "/" and
  // Ctrl-K or ⌘K.
  const dialog = document.getElementById("search-dialog");
  if (!dialog || page) return;
  const box = attach(dialog.querySelector("form"));
  if (!box) return;
  let opener = null;
  const open = () => {
    if (dialog.open) return;
    opener = document.activeElement;
    dialog.showModal();
    box.input.focus();
    box.input.select();
    loadMeta().catch(() => {});
  };
  dialog.addEventListener("close", () => opener?.focus?.());
  // A search field would take Escape to clear itself; here it closes.
  dialog.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      dialog.close();
    }
  });
  dialog.querySelector("[data-search-close]")?.addEventListener("click", () => dialog.close());
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) dialog.close();
  });
  document.querySelectorAll("[data-search-open]").forEach((link) => {
    link.addEventListener("click", (event) => {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      open();
    });
  });
  document.addEventListener("keydown", (event) => {
    const typing = event.target.closest?.("input, textarea, select, [contenteditable]");
    if ((event.key === "k" || event.key === "K") && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      open();
    } else if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      open();
    }
  });
})();
