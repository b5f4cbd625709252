//! Finds skills from the taxonomy in free text, by canonical name, alias or a
//! near-miss spelling ("Kubernets", "Postgress").

use std::collections::{BTreeMap, HashMap, HashSet};

use super::text::{tokens, tokens_with_starts};
use crate::content::Skill;

/// Longest alias, in words, that the matcher looks for.
const MAX_WORDS: usize = 4;
/// Shortest single-word alias that may be matched with a typo. Shorter words
/// are too easily confused with ordinary English ("docker" and "docket").
const MIN_FUZZY_LEN: usize = 7;

#[derive(Debug, Clone)]
pub struct SkillMatcher {
    /// Alias (as lower-case tokens joined by spaces) to skill index.
    exact: HashMap<String, usize>,
    /// Single-word aliases long enough for typo tolerance.
    fuzzy: Vec<(String, usize)>,
    names: Vec<String>,
    major: Vec<bool>,
    /// Aliases that are also ordinary words ("go", "swift", "rag"): they only
    /// count when capitalised mid-sentence.
    guarded: HashSet<String>,
    /// Words known to be spelt right (whole words of the embedded model's
    /// vocabulary): "Jupiter" is the planet, not a typo for Jupyter.
    spelt_right: HashSet<String>,
}

/// One skill found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub skill: String,
    pub major: bool,
}

impl SkillMatcher {
    pub fn new(skills: &[Skill]) -> Self {
        let mut exact = HashMap::new();
        let mut fuzzy = Vec::new();
        let mut guarded = HashSet::new();
        for (i, skill) in skills.iter().enumerate() {
            for alias in std::iter::once(&skill.name).chain(&skill.aliases) {
                let key = tokens(alias).join(" ");
                if key.is_empty() {
                    continue;
                }
                // Names that are also English words never match by typo.
                if !skill.case_sensitive
                    && !key.contains(' ')
                    && key.chars().count() >= MIN_FUZZY_LEN
                {
                    fuzzy.push((key.clone(), i));
                }
                if skill.case_sensitive
                    && (alias == &skill.name
                        || (key.chars().all(char::is_alphabetic) && key.chars().count() <= 5))
                {
                    guarded.insert(key.clone());
                }
                exact.entry(key).or_insert(i);
            }
        }
        fuzzy.sort();
        Self {
            exact,
            fuzzy,
            names: skills.iter().map(|s| s.name.clone()).collect(),
            major: skills.iter().map(|s| s.major).collect(),
            guarded,
            spelt_right: HashSet::new(),
        }
    }

    /// The same matcher, told which words are real words and so never a
    /// misspelling of a skill's name.
    pub fn with_dictionary<'a>(mut self, words: impl IntoIterator<Item = &'a str>) -> Self {
        self.spelt_right = words
            .into_iter()
            .filter(|w| {
                w.chars().count() + 2 >= MIN_FUZZY_LEN && w.chars().all(char::is_alphabetic)
            })
            .map(str::to_string)
            .collect();
        self
    }

    /// The canonical name for a name or alias, if the taxonomy knows it.
    pub fn canonical(&self, name: &str) -> Option<&str> {
        self.exact
            .get(&tokens(name).join(" "))
            .map(|&i| self.names[i].as_str())
    }

    pub fn is_major(&self, name: &str) -> bool {
        self.exact
            .get(&tokens(name).join(" "))
            .is_some_and(|&i| self.major[i])
    }

    /// Skills mentioned in `text`, in order of first mention, each once.
    pub fn find(&self, text: &str) -> Vec<Found> {
        let cased = tokens_with_starts(text);
        let words: Vec<String> = cased.iter().map(|(t, _)| t.to_lowercase()).collect();
        // A name that is also an English word counts only when capitalised
        // mid-sentence: "Sketch the flow" is not the design tool.
        let capitalised = |i: usize| {
            let (token, sentence_start) = &cased[i];
            !sentence_start && token.chars().next().is_some_and(char::is_uppercase)
        };
        let mut found: BTreeMap<usize, usize> = BTreeMap::new(); // skill -> first position
        let mut i = 0;
        while i < words.len() {
            let mut matched = 0;
            for n in (1..=MAX_WORDS.min(words.len() - i)).rev() {
                let key = words[i..i + n].join(" ");
                if let Some(&skill) = self.exact.get(&key)
                    && (n > 1 || !self.guarded.contains(&key) || capitalised(i))
                {
                    found.entry(skill).or_insert(i);
                    matched = n;
                    break;
                }
                // "Node.js's" and "APIs," still count.
                if n == 1 {
                    let bare = key.trim_end_matches("'s").trim_end_matches('s');
                    if let Some(&skill) = self.exact.get(bare)
                        && (!self.guarded.contains(bare) || capitalised(i))
                    {
                        found.entry(skill).or_insert(i);
                        matched = 1;
                        break;
                    }
                }
            }
            if matched == 0 {
                if let Some(skill) = self.near_miss(&words[i]) {
                    found.entry(skill).or_insert(i);
                }
                i += 1;
            } else {
                i += matched;
            }
        }
        let mut ordered: Vec<(usize, usize)> = found.into_iter().map(|(s, pos)| (pos, s)).collect();
        ordered.sort();
        ordered
            .into_iter()
            .map(|(_, s)| Found {
                skill: self.names[s].clone(),
                major: self.major[s],
            })
            .collect()
    }

    fn near_miss(&self, word: &str) -> Option<usize> {
        let len = word.chars().count();
        if len < MIN_FUZZY_LEN
            || !word.chars().all(char::is_alphabetic)
            || self.spelt_right.contains(word)
        {
            return None;
        }
        let budget = if len >= 9 { 2 } else { 1 };
        self.fuzzy
            .iter()
            .filter(|(alias, _)| {
                alias.chars().next() == word.chars().next()
                    && alias.chars().count().abs_diff(len) <= budget
            })
            .find(|(alias, _)| edit_distance(alias, word) <= budget)
            .map(|&(_, skill)| skill)
    }
}

/// Optimal-string-alignment distance: insertions, deletions, substitutions
/// and swaps of neighbouring letters each cost one.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skill(name: &str, aliases: &[&str], major: bool) -> Skill {
        Skill {
            name: name.into(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            category: "test".into(),
            major,
            case_sensitive: name == "React",
        }
    }

    fn matcher() -> SkillMatcher {
        SkillMatcher::new(&[
            skill("Kubernetes", &["k8s", "kube"], true),
            skill("PostgreSQL", &["Postgres", "psql"], true),
            skill("React", &["React.js", "ReactJS"], true),
            skill(
                "CI/CD",
                &["continuous integration", "continuous delivery"],
                false,
            ),
            skill("Node.js", &["node", "nodejs"], true),
        ])
    }

    fn names(text: &str) -> Vec<String> {
        matcher().find(text).into_iter().map(|f| f.skill).collect()
    }

    #[test]
    fn aliases_map_to_the_canonical_name() {
        assert_eq!(
            names("We run k8s and Postgres."),
            ["Kubernetes", "PostgreSQL"]
        );
        assert_eq!(names("Experience with continuous integration"), ["CI/CD"]);
        assert_eq!(names("ReactJS and Node.js"), ["React", "Node.js"]);
    }

    #[test]
    fn common_misspellings_are_tolerated() {
        assert_eq!(names("Kubernets, Postgress"), ["Kubernetes", "PostgreSQL"]);
    }

    #[test]
    fn a_real_word_is_not_a_misspelt_skill() {
        let matcher = SkillMatcher::new(&[skill("Jupyter", &[], true)]);
        assert_eq!(
            matcher.find("Notebooks in Jupiter.")[0].skill,
            "Jupyter",
            "without a dictionary a near miss counts"
        );
        let matcher = matcher.with_dictionary(["jupiter", "planet"]);
        assert!(
            matcher
                .find("Our Jupiter office runs on notebooks.")
                .is_empty()
        );
        assert_eq!(matcher.find("Notebooks in Jupytter.")[0].skill, "Jupyter");
    }

    #[test]
    fn to_fetch_is_not_the_fetch_api() {
        let library = crate::content::Library::embedded().expect("content loads");
        let matcher = SkillMatcher::new(library.skills());
        let skills = |text: &str| -> Vec<String> {
            matcher.find(text).into_iter().map(|f| f.skill).collect()
        };
        assert!(
            !skills("Pipelines fetch data nightly; fetch reports on request.")
                .contains(&"Fetch API".to_string())
        );
        assert!(skills("Calls the backend with the Fetch API.").contains(&"Fetch API".to_string()));
    }

    #[test]
    fn ordinary_words_are_not_mistaken_for_skills() {
        assert!(names("We reach customers and react quickly to their needs.").is_empty());
        assert_eq!(names("We build with React."), ["React"]);
        assert!(names("React to incidents calmly. React quickly.").is_empty());
        assert!(names("A remote-first team that values curiosity.").is_empty());
    }

    #[test]
    fn each_skill_is_reported_once_in_order_of_mention() {
        assert_eq!(
            names("Postgres, k8s, postgres again"),
            ["PostgreSQL", "Kubernetes"]
        );
    }

    #[test]
    fn edit_distance_counts_swaps_as_one() {
        assert_eq!(edit_distance("kubernetes", "kuberentes"), 1);
        assert_eq!(edit_distance("postgres", "postgress"), 1);
        assert_eq!(edit_distance("abc", "abc"), 0);
    }
}
