// Enhancements for tend's garden pages. Everything here is optional: pages
// work the same without it.
//  - Hover previews: pointing at (or focusing) a link to another page of the
//    site shows its title and opening lines. Only when the site turns them on.
//  - The graph drawing can be zoomed with the wheel and moved by dragging.
(() => {
  "use strict";
  const script = document.currentScript;
  const previews = script && script.dataset.previews === "true";

  if (previews) {
    const cache = new Map();
    const box = document.createElement("div");
    box.className = "preview";
    box.id = "tend-preview";
    box.setAttribute("role", "tooltip");
    box.hidden = true;
    document.body.append(box);
    let current = null;
    let timer = 0;

    const load = (url) => {
      if (!cache.has(url)) {
        cache.set(
          url,
          fetch(url, { credentials: "same-origin" })
            .then((r) => (r.ok ? r.text() : ""))
            .then((html) => {
              const doc = new DOMParser().parseFromString(html, "text/html");
              const title = doc.querySelector("main h1")?.textContent.trim() ?? "";
              const text = [...doc.querySelectorAll("main .prose > p")]
                .slice(0, 2)
                .map((p) => p.textContent.trim())
                .join(" ");
              return title ? { title, text: text.length > 320 ? `${text.slice(0, 319)}…` : text } : null;
            })
            .catch(() => null),
        );
      }
      return cache.get(url);
    };

    const hide = () => {
      clearTimeout(timer);
      if (current) current.removeAttribute("aria-describedby");
      current = null;
      box.hidden = true;
    };

    const show = async (link) => {
      const found = await load(link.href.split("#")[0]);
      if (!found || current !== link) return;
      box.replaceChildren();
      const title = document.createElement("strong");
      title.textContent = found.title;
      const text = document.createElement("p");
      text.textContent = found.text;
      box.append(title, text);
      const rect = link.getBoundingClientRect();
      box.hidden = false;
      const left = Math.min(rect.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - box.offsetWidth - 8);
      box.style.left = `${Math.max(8, left)}px`;
      box.style.top = `${rect.bottom + window.scrollY + 6}px`;
      link.setAttribute("aria-describedby", box.id);
    };

    const candidate = (target) => {
      const link = target instanceof Element ? target.closest("main .prose a[href]") : null;
      if (!link || link.origin !== location.origin || link.pathname === location.pathname) return null;
      return link.pathname.endsWith("/") ? link : null;
    };

    const enter = (event) => {
      const link = candidate(event.target);
      if (!link || link === current) return;
      hide();
      current = link;
      timer = setTimeout(() => show(link), 250);
    };
    document.addEventListener("pointerover", enter);
    document.addEventListener("focusin", enter);
    document.addEventListener("pointerout", (event) => {
      if (current && candidate(event.target) === current) hide();
    });
    document.addEventListener("focusout", hide);
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape") hide();
    });
  }

  for (const svg of document.querySelectorAll("svg.graph")) {
    const [x0, y0, w0, h0] = svg.getAttribute("viewBox").split(/[ ,]+/).map(Number);
    let view = { x: x0, y: y0, w: w0, h: h0 };
    const apply = () => svg.setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`);
    const toSvg = (event) => {
      const rect = svg.getBoundingClientRect();
      return { x: view.x + ((event.clientX - rect.left) / rect.width) * view.w, y: view.y + ((event.clientY - rect.top) / rect.height) * view.h };
    };
    svg.addEventListener(
      "wheel",
      (event) => {
        event.preventDefault();
        const at = toSvg(event);
        const factor = Math.min(4, Math.max(0.25, Math.exp(event.deltaY * 0.0015)));
        const w = Math.min(w0 * 4, Math.max(w0 / 8, view.w * factor));
        const scale = w / view.w;
        view = { x: at.x - (at.x - view.x) * scale, y: at.y - (at.y - view.y) * scale, w, h: view.h * scale };
        apply();
      },
      { passive: false },
    );
    let drag = null;
    svg.addEventListener("pointerdown", (event) => {
      if (event.target.closest("a")) return;
      drag = { start: toSvg(event), view: { ...view } };
      svg.setPointerCapture(event.pointerId);
    });
    svg.addEventListener("pointermove", (event) => {
      if (!drag) return;
      const rect = svg.getBoundingClientRect();
      const dx = ((event.movementX || 0) / rect.width) * view.w;
      const dy = ((event.movementY || 0) / rect.height) * view.h;
      view = { ...view, x: view.x - dx, y: view.y - dy };
      apply();
    });
    svg.addEventListener("pointerup", () => (drag = null));
    svg.addEventListener("dblclick", () => {
      view = { x: x0, y: y0, w: w0, h: h0 };
      apply();
    });
  }
})();
