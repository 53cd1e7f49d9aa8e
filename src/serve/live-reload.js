// tend serve: live reload. Injected into HTML pages only while `tend serve`
// runs; built sites never hold it. Listens to /__tend/events (server-sent
// events; the format is described in src/serve/live.rs): after a good build
// it reloads the page (keeping the scroll position) only if the build changed
// the page or a file the page embeds, swaps stylesheets when only they
// changed, and shows a failed build's problems in a panel the reader can
// dismiss.
(() => {
  "use strict";
  const script = document.currentScript;
  let version = script ? script.dataset.version : null;
  // The URL path of the file this page is (`/404.html` on a missing page).
  const pagePath = script && script.dataset.path;
  const scrollKey = "tend-serve-scroll:" + location.pathname + location.search;

  // Put the page back where it was before the reload.
  const saved = sessionStorage.getItem(scrollKey);
  if (saved !== null) {
    sessionStorage.removeItem(scrollKey);
    const [x, y] = JSON.parse(saved);
    const restore = () => window.scrollTo(x, y);
    if (document.readyState === "complete") restore();
    else window.addEventListener("load", restore, { once: true });
  }

  function reload() {
    sessionStorage.setItem(scrollKey, JSON.stringify([window.scrollX, window.scrollY]));
    location.reload();
  }

  // A same-origin URL's path as the server lists it (not percent-encoded);
  // null for other origins.
  function pathOf(href) {
    const url = new URL(href, location.href);
    if (url.origin !== location.origin) return null;
    try {
      return decodeURIComponent(url.pathname);
    } catch {
      return url.pathname;
    }
  }

  const stylesheets = () => [...document.querySelectorAll('link[rel~="stylesheet"]')];

  // What a build that changed `paths` (null: everything) means for this
  // page: "reload", "styles" or nothing.
  function effect(paths) {
    if (paths === null) return "reload";
    const changed = new Set(paths);
    // A missing page (404.html) reloads when its own address appears too.
    if (changed.has(pagePath) || changed.has(pathOf(location.href))) return "reload";
    // Files the page embeds; what its scripts fetched (search shards, link
    // previews) is theirs to refresh.
    const embedded = performance
      .getEntriesByType("resource")
      .filter((entry) => !["fetch", "xmlhttprequest", "beacon", "other"].includes(entry.initiatorType))
      .map((entry) => pathOf(entry.name));
    const sheets = new Set(stylesheets().map((link) => pathOf(link.href)));
    if (embedded.some((path) => path && changed.has(path) && !sheets.has(path))) return "reload";
    return [...sheets].some((path) => path && changed.has(path)) ? "styles" : null;
  }

  function swapStyles(paths) {
    const changed = new Set(paths);
    const stamp = String(Date.now());
    for (const link of stylesheets()) {
      const path = pathOf(link.href);
      if (path === null || !changed.has(path)) continue;
      const url = new URL(link.href, location.href);
      url.searchParams.set("tend-serve", stamp);
      // The new sheet loads before the old one goes, so nothing flashes.
      const fresh = link.cloneNode();
      fresh.href = url.href;
      fresh.addEventListener("load", () => link.remove(), { once: true });
      fresh.addEventListener("error", () => link.remove(), { once: true });
      link.after(fresh);
    }
  }

  let overlay = null;
  function hideOverlay() {
    if (overlay) overlay.remove();
    overlay = null;
  }

  function showOverlay(html) {
    hideOverlay();
    overlay = document.createElement("tend-serve-overlay");
    const root = overlay.attachShadow({ mode: "open" });
    root.innerHTML = `<style>
  .panel { position: fixed; inset: auto 1rem 1rem 1rem; max-height: 70vh; overflow: auto; z-index: 2147483647;
    box-sizing: border-box; padding: 1rem 1.25rem; border: 2px solid #b3261e; border-radius: 0.5rem;
    background: #fff8f7; color: #1d1b1b; font: 15px/1.45 system-ui, sans-serif; box-shadow: 0 0.5rem 2rem #0004; }
  @media (prefers-color-scheme: dark) { .panel { background: #2b1716; color: #f3dedc; border-color: #ffb4ab; } }
  h2 { margin: 0 2.5rem 0.5rem 0; font-size: 1.05rem; }
  p { margin: 0 0 0.75rem; }
  pre { margin: 0 0 0.75rem; padding: 0.75rem; overflow: auto; border-radius: 0.25rem; background: #0000000d;
    font: 13px/1.4 ui-monospace, monospace; white-space: pre; }
  button { position: absolute; top: 0.6rem; right: 0.6rem; min-width: 2rem; min-height: 2rem; cursor: pointer;
    border: 1px solid currentColor; border-radius: 0.25rem; background: transparent; color: inherit; font: inherit; }
</style>
<section class="panel" role="alert" aria-labelledby="tend-serve-title">
  <h2 id="tend-serve-title">tend serve: the last change broke the build</h2>
  <button type="button" aria-label="Dismiss">&times;</button>
  <div class="body"></div>
</section>`;
    // The server escapes the problems; this is its HTML, not the reader's.
    root.querySelector(".body").innerHTML = html;
    root.querySelector("button").addEventListener("click", hideOverlay);
    document.documentElement.append(overlay);
  }

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") hideOverlay();
  });

  const data = (event) => JSON.parse(event.data);
  // After a build: reload if it changed this page or what it embeds, swap
  // the stylesheets if only they changed.
  function built(current, paths) {
    version = current;
    const what = effect(paths);
    if (what === "reload") return reload();
    hideOverlay();
    if (what === "styles") swapStyles(paths);
  }

  // The server tells what the builds since this page's version changed.
  const since = version ? "?since=" + encodeURIComponent(version) : "";
  const source = new EventSource("/__tend/events" + since);
  source.addEventListener("hello", (event) => {
    const { version: current, paths } = data(event);
    // A build happened while this page loaded or while the server was away.
    if (version && current !== version) built(current, paths);
    else version = current;
  });
  source.addEventListener("reload", (event) => {
    const { version: current, paths } = data(event);
    built(current, paths);
  });
  source.addEventListener("problems", (event) => showOverlay(data(event).html));
})();
