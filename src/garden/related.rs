//! Related notes: for each page, the five pages that share the most with it:
//! direct links either way, link targets in common, tags, and words weighted
//! by how rare they are. An inverted index from each feature to the pages
//! that have it does the work, so the cost follows the number of shared
//! features, not the number of page pairs. Features shared by very many
//! pages say little and would make the work quadratic, so they are skipped.

use rayon::prelude::{IntoParallelIterator, ParallelIterator};

use crate::model::{Rendered, Site, slugify};
use rustc_hash::FxHashMap;

/// How many related pages each page gets.
pub(super) const RELATED: usize = 5;

const LINK_WEIGHT: f32 = 3.0;
const SHARED_TARGET_WEIGHT: f32 = 1.0;
const TAG_WEIGHT: f32 = 1.5;
const TERM_WEIGHT: f32 = 0.4;

/// A feature is skipped when more pages than this share it: it says little
/// about any two of them, and walking its pages for every page that has it
/// would make the work quadratic.
const COMMON_LIMIT: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Feature<'a> {
    Tag(String),
    Target(usize),
    Term(&'a str),
}

/// The related pages of every page, best first.
pub(super) fn related(site: &Site, bodies: &[Rendered]) -> Vec<Vec<usize>> {
    let n = site.pages.len();
    let features: Vec<Vec<Feature>> = (0..n)
        .into_par_iter()
        .map(|i| {
            let mut own: Vec<Feature> = site.pages[i].meta.tags.iter().map(|t| Feature::Tag(slugify(t))).collect();
            own.extend(bodies[i].links.iter().map(|l| Feature::Target(l.page)));
            own.extend(bodies[i].terms.iter().map(|(t, _)| Feature::Term(t.as_str())));
            own.sort_unstable();
            own.dedup();
            own
        })
        .collect();
    let mut postings: FxHashMap<&Feature, Vec<usize>> = FxHashMap::default();
    for (i, own) in features.iter().enumerate() {
        for feature in own {
            postings.entry(feature).or_default().push(i);
        }
    }
    // Direct links, both ways.
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (from, body) in bodies.iter().enumerate() {
        for link in &body.links {
            if link.page != from {
                neighbours[from].push(link.page);
                neighbours[link.page].push(from);
            }
        }
    }
    let ln_n = (n.max(2) as f32).ln();
    let weight = |feature: &Feature, df: usize| match feature {
        Feature::Tag(_) => TAG_WEIGHT,
        Feature::Target(_) => SHARED_TARGET_WEIGHT,
        Feature::Term(_) => TERM_WEIGHT * (ln_n - (df as f32).ln()).max(0.0),
    };
    (0..n)
        .into_par_iter()
        .map_init(
            || (vec![0.0f32; n], Vec::new()),
            |(scores, touched), i| {
                let mut add = |j: usize, w: f32| {
                    if scores[j] == 0.0 {
                        touched.push(j);
                    }
                    scores[j] += w;
                };
                for &j in &neighbours[i] {
                    add(j, LINK_WEIGHT);
                }
                for feature in &features[i] {
                    let Some(pages) = postings.get(feature) else { continue };
                    if pages.len() > COMMON_LIMIT || pages.len() < 2 {
                        continue;
                    }
                    let w = weight(feature, pages.len());
                    for &j in pages {
                        add(j, w);
                    }
                }
                let mut ranked: Vec<(usize, f32)> =
                    touched.iter().map(|&j| (j, scores[j])).filter(|&(j, s)| j != i && s >= 1.0).collect();
                for &j in touched.iter() {
                    scores[j] = 0.0;
                }
                touched.clear();
                let order = |a: &(usize, f32), b: &(usize, f32)| {
                    b.1.total_cmp(&a.1)
                        .then_with(|| site.pages[a.0].title.cmp(&site.pages[b.0].title))
                        .then_with(|| a.0.cmp(&b.0))
                };
                if ranked.len() > RELATED {
                    ranked.select_nth_unstable_by(RELATED - 1, order);
                    ranked.truncate(RELATED);
                }
                ranked.sort_unstable_by(order);
                ranked.into_iter().map(|(j, _)| j).collect()
            },
        )
        .collect()
}
