// The theme's words for one script, in the site's language: tend puts this
// function, with the words in place of TEND_WORDS, where the script says
// `= TEND_SAY;` (it is no file of the site's own). say(key, { n, name })
// picks the plural form for n and fills in each {name}.
((words) => {
  const lang = document.documentElement.lang || "en";
  return (key, args = {}) => {
    let text = words[key] ?? key;
    if (typeof text === "object") text = text[new Intl.PluralRules(lang).select(args.n ?? 0)] ?? text.other;
    return text.replace(/\{(\w+)\}/g, (whole, name) =>
      name in args ? (typeof args[name] === "number" ? args[name].toLocaleString(lang) : args[name]) : whole,
    );
  };
})(TEND_WORDS)
