// Video embeds from the `video` shortcode: the other site's player is
// loaded only when the reader presses play, so reading the page sends
// nothing to it. Without this script the play link opens the video there.
(() => {
  "use strict";
  // The theme's words in the site's language (theme/static/say.js).
  const say = TEND_SAY;
  for (const frame of document.querySelectorAll("[data-video-embed]")) {
    const play = frame.querySelector(".video-play");
    if (!play) continue;
    play.addEventListener("click", (event) => {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      const player = document.createElement("iframe");
      player.src = frame.dataset.videoEmbed;
      player.title = frame.dataset.videoTitle || say("untitled");
      player.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      player.allowFullscreen = true;
      player.referrerPolicy = "strict-origin-when-cross-origin";
      frame.replaceChildren(player);
      player.focus();
    });
  }
})();
