// The benchmark's Eleventy site: bench/run.py copies this file and
// _includes/ beside the corpus, and pages/*.njk into its content/ folder
// (Eleventy's input). It makes the same pages as the tend site: one per
// post at /posts/<slug>/, the home page (ten newest), /posts/, /tags/, one
// page per tag and 404.html.

const MONTHS = ["January", "February", "March", "April", "May", "June", "July",
  "August", "September", "October", "November", "December"];

// Markdown like tend's: typographic punctuation and an id on every heading.
function headingIds(md) {
  md.set({ typographer: true });
  md.core.ruler.push("heading_ids", (state) => {
    const used = new Map();
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i].type !== "heading_open") continue;
      const text = tokens[i + 1].children
        .filter((t) => t.type === "text" || t.type === "code_inline")
        .map((t) => t.content)
        .join("");
      let id = text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "section";
      const seen = used.get(id) || 0;
      used.set(id, seen + 1);
      if (seen) id = `${id}-${seen}`;
      tokens[i].attrSet("id", id);
    }
  });
}

module.exports = function (eleventyConfig) {
  eleventyConfig.amendLibrary("md", headingIds);
  eleventyConfig.addGlobalData("layout", "post.njk");
  eleventyConfig.addCollection("postsByDate", (api) =>
    api.getFilteredByGlob("./content/posts/*.md").sort((a, b) => b.date - a.date));
  eleventyConfig.addFilter("isoDate", (d) => d.toISOString().slice(0, 10));
  eleventyConfig.addFilter("dateDisplay", (d) =>
    `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`);
  eleventyConfig.addFilter("newestFirst", (pages) => pages.slice().sort((a, b) => b.date - a.date));
  eleventyConfig.addFilter("tagNames", (collections) =>
    Object.keys(collections).filter((k) => k !== "all" && k !== "postsByDate")
      .sort((a, b) => a.localeCompare(b)));
  return {
    dir: { input: "content", includes: "../_includes", output: "_site" },
    markdownTemplateEngine: false,
    htmlTemplateEngine: "njk",
  };
};
