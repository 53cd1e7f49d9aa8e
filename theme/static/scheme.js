// The light/dark toggle. Without JavaScript the page follows the system's
// setting; with it, a reader's choice is kept (localStorage) and put on the
// root as data-scheme before the page is drawn, so it never flashes. This
// file is loaded in <head>, without defer, for that reason; it is tiny.
(() => {
  const KEY = "tend-scheme";
  const root = document.documentElement;
  let stored = null;
  try {
    stored = localStorage.getItem(KEY);
  } catch {
    // Storage may be off; the choice then lasts for this page only.
  }
  if (stored === "light" || stored === "dark") root.dataset.scheme = stored;

  // The button is in the page, shown only when this script runs: set
  // here, before the page is drawn, so nothing moves when it appears.
  root.dataset.toggle = "on";

  const system = () => (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
  const current = () => root.dataset.scheme || system();

  document.addEventListener("DOMContentLoaded", () => {
    const button = document.querySelector(".scheme-toggle");
    if (!button) return;
    const show = () => button.setAttribute("aria-pressed", String(current() === "dark"));
    button.addEventListener("click", () => {
      const next = current() === "dark" ? "light" : "dark";
      root.dataset.scheme = next;
      try {
        localStorage.setItem(KEY, next);
      } catch {
        // See above.
      }
      show();
    });
    matchMedia("(prefers-color-scheme: dark)").addEventListener("change", show);
    show();
  });
})();
