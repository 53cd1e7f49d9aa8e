// A "Copy" button on each code block, when tend.toml has copy_button = true.
// Without JavaScript the code is still there to select and copy by hand.
(() => {
  "use strict";
  if (!navigator.clipboard) return;
  // The theme's words in the site's language (theme/static/say.js).
  const say = TEND_SAY;

  for (const pre of document.querySelectorAll("main pre")) {
    const code = pre.querySelector("code") ?? pre;
    const wrapper = document.createElement("div");
    wrapper.className = "code-block";
    pre.replaceWith(wrapper);
    wrapper.append(pre);
    const button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = say("copy");
    const language = pre.dataset.lang;
    button.setAttribute("aria-label", language ? say("copy_language", { language }) : say("copy_code"));
    const status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    wrapper.append(button, status);
    let timer = 0;
    button.addEventListener("click", async () => {
      try {
        // Line numbers are drawn by the stylesheet, so the text is the code.
        await navigator.clipboard.writeText(code.innerText.replace(/\n$/, ""));
        button.textContent = say("copied");
        status.textContent = say("copied_status");
      } catch {
        button.textContent = say("select");
        status.textContent = say("copy_failed");
      }
      clearTimeout(timer);
      timer = setTimeout(() => {
        button.textContent = say("copy");
        status.textContent = "";
      }, 2000);
    });
  }
})();
