// The theme's words in a page's language, read from tend's tables
// (theme/i18n/LANG.toml), so a check can expect "Skip to content" in
// English and its translation elsewhere. Only the one-line texts are read:
// `key = "text"`.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_DIR } from './site.mjs';

const tables = new Map();

function read(name) {
  if (!tables.has(name)) {
    let table = null;
    try {
      const text = readFileSync(path.join(REPO_DIR, 'theme', 'i18n', `${name}.toml`), 'utf8');
      table = {};
      for (const [, key, value] of text.matchAll(/^(\w+) = ("(?:[^"\\]|\\.)*")$/gm)) table[key] = JSON.parse(value);
    } catch {
      table = null;
    }
    tables.set(name, table);
  }
  return tables.get(name);
}

/** The word `key` for the page language `lang` (`de-CH` reads `de`), `{name}`s filled from `args`. */
export function word(lang, key, args = {}) {
  const base = (lang || 'en').split(/[-_]/)[0];
  const traditional = /-(hant|tw|hk|mo)\b/i.test(lang || '');
  const table = read(lang) ?? read(base === 'zh' ? (traditional ? 'zh-Hant' : 'zh-Hans') : base) ?? read('en');
  const text = table[key] ?? read('en')[key];
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in args ? args[name] : whole));
}
