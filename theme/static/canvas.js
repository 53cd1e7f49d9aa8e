// Boards (Obsidian canvases): zoom buttons, the + - 0 keys on a focused
// board, Ctrl and the wheel, and dragging the background to pan. Without
// this script a board scrolls, and reads as a list on a narrow screen.
(() => {
  "use strict";
  // The theme's words in the site's language (theme/static/say.js).
  const say = TEND_SAY;
  const clamp = (value) => Math.min(2, Math.max(0.1, value));
  for (const board of document.querySelectorAll(".canvas-board")) {
    const plane = board.querySelector(".canvas-plane");
    const views = board.closest(".canvas")?.querySelector(".canvas-views");
    if (!plane || !views) continue;
    const width = plane.offsetWidth;
    const height = plane.offsetHeight;
    let zoom = 1;
    // Zooms to `next`, keeping the point at (x, y) of the board's view
    // where it is.
    const zoomTo = (next, x = board.clientWidth / 2, y = board.clientHeight / 2) => {
      next = clamp(next);
      const left = (board.scrollLeft + x) / zoom;
      const top = (board.scrollTop + y) / zoom;
      zoom = next;
      plane.style.zoom = String(zoom);
      board.scrollLeft = left * zoom - x;
      board.scrollTop = top * zoom - y;
    };
    const fit = () => {
      zoomTo(Math.min(1, board.clientWidth / width, board.clientHeight / height));
      board.scrollLeft = 0;
      board.scrollTop = 0;
    };
    const bar = document.createElement("span");
    bar.className = "canvas-zoom";
    const button = (word, sign, act) => {
      const press = document.createElement("button");
      press.type = "button";
      press.textContent = sign;
      press.title = say(word);
      press.setAttribute("aria-label", say(word));
      press.addEventListener("click", act);
      bar.append(press);
    };
    button("zoom_out", "−", () => zoomTo(zoom / 1.25));
    button("zoom_in", "+", () => zoomTo(zoom * 1.25));
    button("fit", "⤢", fit);
    views.append(bar);
    board.addEventListener("keydown", (event) => {
      if (event.target !== board || event.ctrlKey || event.metaKey || event.altKey) return;
      const keys = { "+": 1.25, "=": 1.25, "-": 0.8, "_": 0.8 };
      if (keys[event.key]) zoomTo(zoom * keys[event.key]);
      else if (event.key === "0") zoomTo(1);
      else return;
      event.preventDefault();
    });
    board.addEventListener(
      "wheel",
      (event) => {
        if (!event.ctrlKey) return;
        event.preventDefault();
        const box = board.getBoundingClientRect();
        zoomTo(zoom * (event.deltaY < 0 ? 1.1 : 1 / 1.1), event.clientX - box.left, event.clientY - box.top);
      },
      { passive: false },
    );
    let drag = null;
    board.addEventListener("pointerdown", (event) => {
      if (event.button !== 0 || event.target.closest(".canvas-node-body, a, button")) return;
      // Not a drag of the group's picture, nor a selection of text.
      event.preventDefault();
      board.focus({ preventScroll: true });
      drag = { x: event.clientX, y: event.clientY, left: board.scrollLeft, top: board.scrollTop };
      board.setPointerCapture(event.pointerId);
      board.classList.add("canvas-dragging");
    });
    board.addEventListener("pointermove", (event) => {
      if (!drag) return;
      board.scrollLeft = drag.left - (event.clientX - drag.x);
      board.scrollTop = drag.top - (event.clientY - drag.y);
    });
    const stop = () => {
      drag = null;
      board.classList.remove("canvas-dragging");
    };
    board.addEventListener("pointerup", stop);
    board.addEventListener("pointercancel", stop);
  }
})();
