//! Topic packs shipped with the engine as data (`lens/packs.rs`): curated teacher hashtags
//! and keywords a user can switch on by id, plus "families" of variant spellings
//! (#mathschat ≈ #mathchat, #nqt ≈ #ect) that the lens treats as one tag.

use serde::Serialize;
use std::collections::HashMap;
use std::sync::OnceLock;

mod packs;
pub mod topic;
#[cfg(feature = "cli")]
pub mod training;

/// One curated topic. Hashtags and keywords are stored already folded (lowercase, no `#`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicPack {
    pub id: String,
    pub name: String,
    pub description: String,
    pub hashtags: Vec<String>,
    pub keywords: Vec<String>,
    /// Groups of variant spellings; every member is also in `hashtags`.
    pub families: Vec<Vec<String>>,
}

/// A topic pack as written in `lens/packs.rs`.
struct PackData {
    id: &'static str,
    name: &'static str,
    description: &'static str,
    hashtags: &'static [&'static str],
    keywords: &'static [&'static str],
    families: &'static [&'static [&'static str]],
}

impl PackData {
    fn to_pack(&self) -> TopicPack {
        let strings = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        TopicPack {
            id: self.id.to_string(),
            name: self.name.to_string(),
            description: self.description.to_string(),
            hashtags: strings(self.hashtags),
            keywords: strings(self.keywords),
            families: self.families.iter().map(|family| strings(family)).collect(),
        }
    }
}

/// What the options page lists for each pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackInfo {
    pub id: String,
    pub name: String,
    pub description: String,
    pub hashtag_count: usize,
    pub keyword_count: usize,
}

struct Catalogue {
    packs: Vec<TopicPack>,
    /// Tag -> index into `families`, across all packs, so a user's own tag folds too.
    family_of: HashMap<String, usize>,
    families: Vec<Vec<String>>,
}

fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        let packs: Vec<TopicPack> = packs::PACKS.iter().map(PackData::to_pack).collect();
        let mut family_of: HashMap<String, usize> = HashMap::new();
        let mut families: Vec<Vec<String>> = Vec::new();
        for family in packs.iter().flat_map(|p| p.families.iter()) {
            // Families that share a member (the same pair listed in two packs) merge into one.
            let index = family.iter().find_map(|t| family_of.get(t).copied()).unwrap_or_else(|| {
                families.push(Vec::new());
                families.len() - 1
            });
            for tag in family {
                if family_of.insert(tag.clone(), index).is_none() {
                    families[index].push(tag.clone());
                }
            }
        }
        Catalogue { packs, family_of, families }
    })
}

/// Every shipped topic pack, in display order.
pub fn packs() -> &'static [TopicPack] {
    &catalogue().packs
}

/// The options page's listing: id, name, description and counts.
pub fn list() -> Vec<PackInfo> {
    packs()
        .iter()
        .map(|p| PackInfo {
            id: p.id.clone(),
            name: p.name.clone(),
            description: p.description.clone(),
            hashtag_count: p.hashtags.len(),
            keyword_count: p.keywords.len(),
        })
        .collect()
}

pub fn find(id: &str) -> Option<&'static TopicPack> {
    packs().iter().find(|p| p.id == id)
}

/// Whether a folded tag belongs to any shipped pack (chosen or not).
pub fn is_pack_tag(tag: &str) -> bool {
    static TAGS: OnceLock<Vec<String>> = OnceLock::new();
    let tags = TAGS.get_or_init(|| {
        let mut tags: Vec<String> = packs().iter().flat_map(|p| p.hashtags.iter().cloned()).collect();
        tags.sort_unstable();
        tags.dedup();
        tags
    });
    tags.binary_search_by(|t| t.as_str().cmp(tag)).is_ok()
}

/// Ids of all packs, for error messages ("known: uk-edchat, …").
pub fn ids() -> Vec<&'static str> {
    packs().iter().map(|p| p.id.as_str()).collect()
}

/// The variant spellings that fold together with `tag` (a folded tag), including itself;
/// a tag in no family is its own family of one.
pub fn family(tag: &str) -> Vec<String> {
    let cat = catalogue();
    match cat.family_of.get(tag) {
        Some(&i) => cat.families[i].clone(),
        None => vec![tag.to_string()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::{fold, fold_tag};
    use std::collections::HashSet;

    #[test]
    fn shipped_packs_are_well_formed() {
        let packs = packs();
        assert!(packs.len() >= 10, "at least ten curated packs, got {}", packs.len());
        let mut ids = HashSet::new();
        for p in packs {
            assert!(ids.insert(&p.id), "duplicate pack id {}", p.id);
            assert!(!p.name.is_empty() && !p.description.is_empty(), "{} needs a name and description", p.id);
            assert!(p.hashtags.len() >= 10, "{} has only {} hashtags", p.id, p.hashtags.len());
            let own: HashSet<&String> = p.hashtags.iter().collect();
            assert_eq!(own.len(), p.hashtags.len(), "{} lists a hashtag twice", p.id);
            for tag in &p.hashtags {
                assert_eq!(&fold_tag(tag), tag, "{}: hashtag {tag:?} must be stored folded", p.id);
                assert!(tag.chars().all(|c| c.is_alphanumeric() || c == '_'), "{}: {tag:?} is not a hashtag", p.id);
            }
            for keyword in &p.keywords {
                assert_eq!(&fold(keyword), keyword, "{}: keyword {keyword:?} must be stored folded", p.id);
            }
            for family in &p.families {
                assert!(family.len() >= 2, "{}: a family needs two spellings", p.id);
                for tag in family {
                    assert!(own.contains(tag), "{}: family member {tag:?} is not among its hashtags", p.id);
                }
            }
        }
        let distinct: HashSet<&String> = packs.iter().flat_map(|p| &p.hashtags).collect();
        assert!(distinct.len() >= 200, "only {} distinct hashtags", distinct.len());
    }

    #[test]
    fn families_fold_variant_spellings_together() {
        let maths = family("mathchat");
        assert!(maths.contains(&"mathschat".to_string()) && maths.contains(&"mathchat".to_string()));
        assert_eq!(family("ect"), vec!["nqt".to_string(), "ect".to_string()]);
        assert_eq!(family("notatag"), vec!["notatag".to_string()]);
    }

    #[test]
    fn listing_names_every_pack_with_counts() {
        let list = list();
        assert_eq!(list.len(), packs().len());
        let uk = list.iter().find(|p| p.id == "uk-edchat").unwrap();
        assert_eq!(uk.hashtag_count, find("uk-edchat").unwrap().hashtags.len());
        assert!(ids().contains(&"research"));
    }
}
