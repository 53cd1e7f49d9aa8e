// A "Copy" button on each code block, when tend.toml has copy_button = true.
// Without JavaScript the code is still there to select and copy by hand.
(() => {
  "use strict";
  if (!navigator.clipboard) return;
  for (const pre of document.querySelectorAll("main pre")) {
    const code = pre.querySelector("code") ?? pre;
    const wrapper = document.createElement("div");
    wrapper.className = "code-block";
    pre.replaceWith(wrapper);
    wrapper.append(pre);
    const button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = "Copy";
    const language = pre.dataset.lang;
    button.setAttribute("aria-label", language ? `Copy the ${language} code` : "Copy the code");
    const status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    wrapper.append(button, status);
    let timer = 0;
    button.addEventListener("click", async () => {
      try {
        // Line numbers are drawn by the stylesheet, so the text is the code.
        await navigator.clipboard.writeText(code.innerText.replace(/\n$/, ""));
        button.textContent = "Copied";
        status.textContent = "Copied to the clipboard";
      } catch {
        button.textContent = "Select and copy";
        status.textContent = "The browser did not allow copying; select the code and copy it";
      }
      clearTimeout(timer);
      timer = setTimeout(() => {
        button.textContent = "Copy";
        status.textContent = "";
      }, 2000);
    });
  }
})();
