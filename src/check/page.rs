//! What one generated page holds that `tend check` looks at: ids, links,
//! images without alt text, headings that skip a level, links with no text.
//! Read with lol_html as the page streams past.

use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use lol_html::{RewriteStrSettings, element, rewrite_str, text};

/// The facts of one page.
#[derive(Debug, Default)]
pub(super) struct Facts {
    /// Every id on the page.
    pub ids: HashSet<String>,
    /// Every link target (`href`) and image source (`src`).
    pub links: Vec<String>,
    /// Images in the text without (or with empty) alt text, by `src`.
    pub images_without_alt: Vec<String>,
    /// Headings in the text that skip a level: (previous level, level, text).
    pub skipped_levels: Vec<(u8, u8, String)>,
    /// Links in the text with nothing to read, by `href`.
    pub empty_links: Vec<String>,
    /// Ids used more than once.
    pub duplicate_ids: Vec<String>,
}

type EndHandler = <lol_html::LocalHandlerTypes as lol_html::HandlerTypes>::EndTagHandler<'static>;

#[derive(Default)]
struct State {
    facts: Facts,
    /// The link being read: its href and whether it has a name yet.
    link: Option<(String, bool)>,
    /// The heading being read: its level and text.
    heading: Option<(u8, String)>,
    /// Level of the last heading; the page title is an h1.
    last_level: u8,
}

/// The rewriter's settings; the handlers own what they share.
type Settings = RewriteStrSettings<'static, 'static>;

/// Reads a page. HTML that lol_html cannot parse gives what was read so far.
pub(super) fn read(html: &str) -> Facts {
    let state = Rc::new(RefCell::new(State { last_level: 1, ..State::default() }));
    let (ids, links, images) = (Rc::clone(&state), Rc::clone(&state), Rc::clone(&state));
    let settings = RewriteStrSettings::new()
        .append_element_content_handler(element!("[id]", move |el| {
            let id = el.get_attribute("id").unwrap_or_default();
            let mut s = ids.borrow_mut();
            if !s.facts.ids.insert(id.clone()) {
                s.facts.duplicate_ids.push(id);
            }
            Ok(())
        }))
        .append_element_content_handler(element!("a[href], img[src]", move |el| {
            let url = el.get_attribute("href").or_else(|| el.get_attribute("src")).unwrap_or_default();
            links.borrow_mut().facts.links.push(url);
            Ok(())
        }))
        // A board's group picture is tend's decoration, rightly without words.
        .append_element_content_handler(element!("main .prose img:not(.canvas-background)", move |el| {
            if el.get_attribute("alt").is_none_or(|alt| alt.trim().is_empty()) {
                let src = el.get_attribute("src").unwrap_or_default();
                images.borrow_mut().facts.images_without_alt.push(src);
            }
            Ok(())
        }));
    let settings = with_headings(with_link_names(settings, &state), &state);
    let _ = rewrite_str(html, settings);
    Rc::try_unwrap(state).map(|cell| cell.into_inner().facts).unwrap_or_default()
}

/// `settings` that also note the links in the text with nothing to read:
/// no text, no alt text of an image in them, no `aria-label`.
fn with_link_names(settings: Settings, state: &Rc<RefCell<State>>) -> Settings {
    let (link_open, link_text, link_image) = (Rc::clone(state), Rc::clone(state), Rc::clone(state));
    settings
        .append_element_content_handler(element!("main .prose a[href]", move |el| {
            let named = el.get_attribute("aria-label").is_some_and(|l| !l.trim().is_empty());
            link_open.borrow_mut().link = Some((el.get_attribute("href").unwrap_or_default(), named));
            let state = Rc::clone(&link_open);
            let close: EndHandler = Box::new(move |_| {
                let mut s = state.borrow_mut();
                if let Some((href, false)) = s.link.take() {
                    s.facts.empty_links.push(href);
                }
                Ok(())
            });
            el.on_end_tag(close)?;
            Ok(())
        }))
        .append_element_content_handler(text!("main .prose a[href]", move |t| {
            if !t.as_str().trim().is_empty()
                && let Some((_, named)) = &mut link_text.borrow_mut().link
            {
                *named = true;
            }
            Ok(())
        }))
        .append_element_content_handler(element!("main .prose a[href] img[alt]", move |el| {
            if el.get_attribute("alt").is_some_and(|a| !a.trim().is_empty())
                && let Some((_, named)) = &mut link_image.borrow_mut().link
            {
                *named = true;
            }
            Ok(())
        }))
}

/// `settings` that also note the headings in the text that skip a level.
fn with_headings(settings: Settings, state: &Rc<RefCell<State>>) -> Settings {
    const HEADINGS: &str =
        "main .prose h1, main .prose h2, main .prose h3, main .prose h4, main .prose h5, main .prose h6";
    let (heading_open, heading_text) = (Rc::clone(state), Rc::clone(state));
    settings
        .append_element_content_handler(element!(HEADINGS, move |el| {
            let level = el.tag_name().trim_start_matches('h').parse().unwrap_or(2);
            heading_open.borrow_mut().heading = Some((level, String::new()));
            let state = Rc::clone(&heading_open);
            let close: EndHandler = Box::new(move |_| {
                let mut s = state.borrow_mut();
                if let Some((level, text)) = s.heading.take() {
                    if level > s.last_level + 1 {
                        let from = s.last_level;
                        s.facts.skipped_levels.push((from, level, text.trim().to_owned()));
                    }
                    s.last_level = level;
                }
                Ok(())
            });
            el.on_end_tag(close)?;
            Ok(())
        }))
        .append_element_content_handler(text!(HEADINGS, move |t| {
            if let Some((_, text)) = &mut heading_text.borrow_mut().heading {
                text.push_str(t.as_str());
            }
            Ok(())
        }))
}

#[cfg(test)]
mod tests {
    use super::read;

    #[test]
    fn reads_the_facts() {
        let html = r##"<main><h1 id="t">T</h1><div class="prose">
            <h2 id="a">A <a class="heading-anchor" href="#a" aria-label="Jump"></a></h2>
            <h4 id="a">Deep</h4>
            <p><a href="/x/"></a> <a href="/y/">y</a> <a href="/z/"><img src="z.png" alt="Z"></a></p>
            <img src="p.png" alt=""><img src="q.png"><img class="canvas-background" src="g.png" alt="">
        </div></main>"##;
        let facts = read(html);
        assert!(facts.ids.contains("t") && facts.ids.contains("a"));
        assert_eq!(facts.duplicate_ids, vec!["a".to_owned()]);
        assert_eq!(facts.empty_links, vec!["/x/".to_owned()]);
        assert_eq!(facts.images_without_alt, vec!["p.png".to_owned(), "q.png".to_owned()]);
        assert_eq!(facts.skipped_levels, vec![(2, 4, "Deep".to_owned())]);
        assert!(facts.links.contains(&"#a".to_owned()) && facts.links.contains(&"z.png".to_owned()));
    }
}
