// The benchmark's Eleventy site for `bench/run.py --full`: the minimal
// site (bench/eleventy/, copied beside this file as eleventy.minimal.cjs)
// plus the work tend's built-in theme does with every feature on, through
// Eleventy's own plugins: Atom feeds (eleventy-plugin-rss) for the home
// page, /posts/ (full text) and every tag (descriptions), 20 entries each;
// code highlighted by Prism into classes (eleventy-plugin-syntaxhighlight);
// tag pages paginated by 20; sitemap.xml and robots.txt from templates.
// pages/*.njk here are copied into content/ after the minimal site's.

import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import minimal from "./eleventy.minimal.cjs";

// The plugins are installed beside Eleventy (bench/work/eleventy/), which
// run.py names in BENCH_ELEVENTY_MODULES: the site folder has no
// node_modules of its own.
const modules = createRequire(`${process.env.BENCH_ELEVENTY_MODULES}/`);
const plugin = async (name) => (await import(pathToFileURL(modules.resolve(name)).href)).default;

const PAGE_SIZE = 20;

export default async function (eleventyConfig) {
  const settings = minimal(eleventyConfig);
  eleventyConfig.addPlugin(await plugin("@11ty/eleventy-plugin-rss"));
  eleventyConfig.addPlugin(await plugin("@11ty/eleventy-plugin-syntaxhighlight"));
  // One entry per page of each tag's list, newest posts first.
  eleventyConfig.addCollection("tagPages", (api) => {
    const byTag = new Map();
    for (const post of api.getFilteredByGlob("./content/posts/*.md")) {
      for (const tag of post.data.tags || []) {
        if (!byTag.has(tag)) byTag.set(tag, []);
        byTag.get(tag).push(post);
      }
    }
    const pages = [];
    for (const [tag, posts] of [...byTag].sort(([a], [b]) => a.localeCompare(b))) {
      posts.sort((a, b) => b.date - a.date);
      const count = Math.ceil(posts.length / PAGE_SIZE);
      for (let i = 0; i < count; i++) {
        pages.push({ tag, number: i + 1, count, posts: posts.slice(i * PAGE_SIZE, (i + 1) * PAGE_SIZE) });
      }
    }
    return pages;
  });
  // The tags' list leaves out the collections that are no tags.
  eleventyConfig.addFilter("tagNames", (collections) =>
    Object.keys(collections).filter((k) => !["all", "postsByDate", "tagPages"].includes(k))
      .sort((a, b) => a.localeCompare(b)));
  return settings;
}
