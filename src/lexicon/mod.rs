//! Word lists that office staff edit, in `lexicons/`: one entry per line, `#` comments,
//! substitutions written `旧 -> 新`. The shipped lists are embedded in the binary, so the tool
//! runs from any folder; every list is validated on load with file:line in each error.

use std::path::Path;

use daachorse::CharwiseDoubleArrayAhoCorasick;

mod check;
mod matcher;
mod parse;

pub use check::{check_dir, normalise, Problem};
pub use matcher::{leftmost_longest, leftmost_longest_of, Kind, StaleKind, WordHit};
use matcher::{word_automaton, WordInfo};
use parse::strip_comment;
pub use parse::{parse_list, parse_substitutions, Entry, LexiconError, Substitution, REGEX_PREFIX};

pub mod fixed;

/// The lists the checks use, with their matchers built once.
pub struct Lexicons {
    pub cliche_attitude: Vec<String>,
    pub cliche_result: Vec<String>,
    pub outdated: Vec<Substitution>,
    pub outdated_context: Vec<Substitution>,
    pub number_set_phrases: Vec<String>,
    pub vague_phrases: Vec<String>,
    /// Stale phrases; stale pattern `i` is `stale_patterns[i]`.
    pub stale_patterns: Vec<(StaleKind, usize)>,
    /// One character-wise automaton over the stale phrases, the category words, the set
    /// phrases and the fixed [`kind`] lists, run once per document ([`Lexicons::word_hits`]);
    /// a value indexes `word_info`.
    words: CharwiseDoubleArrayAhoCorasick<u32>,
    word_info: Vec<WordInfo>,
    /// `re:` entries of the cliché lists, with their kind.
    pub cliche_regexes: Vec<(StaleKind, regex::Regex)>,
    /// Topic synonyms (`topic_synonyms.txt`, one group per line): each word of a group →
    /// the group's first word.
    pub topic_synonyms: std::collections::HashMap<String, String>,
}

/// Each word of each synonym group (words separated by spaces) → the group's first word.
fn synonym_map(groups: &[String]) -> std::collections::HashMap<String, String> {
    let mut map = std::collections::HashMap::new();
    for g in groups {
        let words: Vec<&str> = g.split_whitespace().collect();
        if let Some((first, rest)) = words.split_first() {
            for w in rest {
                map.entry(w.to_string())
                    .or_insert_with(|| first.to_string());
            }
        }
    }
    map
}

/// The shipped lists: (file name, content).
pub const EMBEDDED: &[(&str, &str)] = &[
    (
        "cliche_attitude.txt",
        include_str!("../../lexicons/cliche_attitude.txt"),
    ),
    (
        "cliche_result.txt",
        include_str!("../../lexicons/cliche_result.txt"),
    ),
    ("outdated.txt", include_str!("../../lexicons/outdated.txt")),
    (
        "outdated_context.txt",
        include_str!("../../lexicons/outdated_context.txt"),
    ),
    (
        "number_set_phrases.txt",
        include_str!("../../lexicons/number_set_phrases.txt"),
    ),
    (
        "vague_phrases.txt",
        include_str!("../../lexicons/vague_phrases.txt"),
    ),
    (
        "topic_synonyms.txt",
        include_str!("../../lexicons/topic_synonyms.txt"),
    ),
];

fn embedded(name: &str) -> &'static str {
    EMBEDDED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, c)| *c)
        .expect("embedded lexicon")
}

impl Lexicons {
    /// The shipped lists. They are validated by tests, so a failure here is a build bug.
    pub fn embedded() -> Lexicons {
        let list = |n: &str| -> Vec<String> {
            parse_list(n, embedded(n))
                .expect("shipped lexicon is valid")
                .into_iter()
                .map(|e| e.text)
                .collect()
        };
        let subs = |n: &str| parse_substitutions(n, embedded(n)).expect("shipped lexicon is valid");
        Lexicons::build(
            list("cliche_attitude.txt"),
            list("cliche_result.txt"),
            subs("outdated.txt"),
            subs("outdated_context.txt"),
            list("number_set_phrases.txt"),
            list("vague_phrases.txt"),
            list("topic_synonyms.txt"),
        )
    }

    /// The shipped lists with a user's folder layered on top: a line adds an entry, a line
    /// `!条目` removes a shipped one. Files are named like the shipped ones.
    pub fn layered(dir: &Path) -> Result<Lexicons, Vec<LexiconError>> {
        let problems = check_dir(dir);
        let errors: Vec<LexiconError> = problems
            .into_iter()
            .filter(|p| p.error)
            .map(|p| p.error_value())
            .collect();
        if !errors.is_empty() {
            return Err(errors);
        }
        let merged = |n: &str| -> Vec<String> {
            let mut base: Vec<String> = parse_list(n, embedded(n))
                .expect("shipped")
                .into_iter()
                .map(|e| e.text)
                .collect();
            if let Ok(user) = std::fs::read_to_string(dir.join(n)) {
                // Notepad saves UTF-8 with a BOM; `lexicon check` strips it, and so must the
                // reader, or the first entry (often a `!removal`) is silently lost.
                let user = user.strip_prefix('\u{feff}').unwrap_or(&user);
                for e in parse_list(n, user).unwrap_or_default() {
                    let t = normalise(&e.text);
                    if let Some(removed) = t.strip_prefix('!') {
                        base.retain(|b| {
                            b != removed.trim()
                                && b.split("->").next().map(str::trim) != Some(removed.trim())
                        });
                    } else if !base.contains(&t) {
                        base.push(t);
                    }
                }
            }
            base
        };
        let subs = |n: &str| -> Vec<Substitution> {
            let text = merged(n).join("\n");
            parse_substitutions(n, &text).unwrap_or_default()
        };
        Ok(Lexicons::build(
            merged("cliche_attitude.txt"),
            merged("cliche_result.txt"),
            subs("outdated.txt"),
            subs("outdated_context.txt"),
            merged("number_set_phrases.txt"),
            merged("vague_phrases.txt"),
            merged("topic_synonyms.txt"),
        ))
    }

    fn build(
        cliche_attitude: Vec<String>,
        cliche_result: Vec<String>,
        outdated: Vec<Substitution>,
        outdated_context: Vec<Substitution>,
        number_set_phrases: Vec<String>,
        vague_phrases: Vec<String>,
        topic_synonyms: Vec<String>,
    ) -> Lexicons {
        let mut pats: Vec<&str> = Vec::new();
        let mut stale_patterns = Vec::new();
        let mut cliche_regexes = Vec::new();
        for (kind, list) in [
            (StaleKind::ClicheAttitude, &cliche_attitude),
            (StaleKind::ClicheResult, &cliche_result),
        ] {
            for (i, p) in list.iter().enumerate() {
                match p.strip_prefix(REGEX_PREFIX) {
                    // Validated by check_dir before any user list is used.
                    Some(re) => {
                        if let Ok(re) = regex::Regex::new(re) {
                            cliche_regexes.push((kind, re));
                        }
                    }
                    None => {
                        pats.push(p);
                        stale_patterns.push((kind, i));
                    }
                }
            }
        }
        for (i, s) in outdated.iter().enumerate() {
            pats.push(&s.old);
            stale_patterns.push((StaleKind::Outdated, i));
        }
        for (i, s) in outdated_context.iter().enumerate() {
            pats.push(&s.old);
            stale_patterns.push((StaleKind::OutdatedContext, i));
        }
        let (words, word_info) = word_automaton(&pats, &number_set_phrases, &vague_phrases);
        Lexicons {
            words,
            word_info,
            stale_patterns,
            cliche_attitude,
            cliche_result,
            outdated,
            outdated_context,
            number_set_phrases,
            vague_phrases,
            cliche_regexes,
            topic_synonyms: synonym_map(&topic_synonyms),
        }
    }

    /// Every occurrence (overlapping) of a word of any list in `text`, in order of end. One
    /// scan per document ([`crate::text::Analysis::words`]) serves the set phrases and the
    /// levels of data points, the typical cases, the stale phrases and the category.
    pub fn word_hits(&self, text: &str) -> Vec<WordHit> {
        self.words
            .find_overlapping_iter(text)
            .map(|m| {
                let (stale, lists, kinds) = self.word_info[m.value() as usize];
                WordHit {
                    start: m.start(),
                    end: m.end(),
                    stale,
                    lists,
                    kinds,
                }
            })
            .collect()
    }

    /// The text of stale pattern `i` and its replacement, if it is a substitution.
    pub fn stale_entry(&self, pattern: usize) -> (StaleKind, &str, Option<&str>) {
        let (kind, i) = self.stale_patterns[pattern];
        match kind {
            StaleKind::ClicheAttitude => (kind, &self.cliche_attitude[i], None),
            StaleKind::ClicheResult => (kind, &self.cliche_result[i], None),
            StaleKind::Outdated => (kind, &self.outdated[i].old, Some(&self.outdated[i].new)),
            StaleKind::OutdatedContext => (
                kind,
                &self.outdated_context[i].old,
                Some(&self.outdated_context[i].new),
            ),
        }
    }

    /// Words worth adding to the segmenter so they come out as one token.
    pub fn user_words(&self) -> impl Iterator<Item = &str> {
        self.cliche_attitude
            .iter()
            .chain(&self.cliche_result)
            .chain(&self.number_set_phrases)
            .map(|s| s.as_str())
            .chain(self.outdated.iter().map(|s| s.old.as_str()))
            .chain(self.outdated_context.iter().map(|s| s.old.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_lists_are_valid_sorted_and_unique() {
        for (name, content) in EMBEDDED {
            let entries = parse_list(name, content).unwrap_or_else(|e| panic!("{name}: {e:?}"));
            assert!(!entries.is_empty(), "{name} is empty");
            let texts: Vec<&str> = entries.iter().map(|e| e.text.as_str()).collect();
            let mut sorted = texts.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(
                texts, sorted,
                "{name} must be sorted and free of duplicates"
            );
        }
        for name in ["outdated.txt", "outdated_context.txt"] {
            parse_substitutions(name, embedded(name)).unwrap();
        }
        Lexicons::embedded();
    }

    #[test]
    fn errors_name_file_and_line() {
        let err = parse_substitutions("x.txt", "# c\n好 -> 更好\n没有箭头\n").unwrap_err();
        assert_eq!(err.len(), 1);
        assert_eq!(err[0].line, 3);
        assert!(err[0].to_string().starts_with("x.txt:3："));
    }

    #[test]
    fn word_hits_come_in_order_of_end_with_every_list_marked() {
        // Analysis::words_in and the data-point levels binary-search the hits by end.
        let lex = Lexicons::embedded();
        let text = "全县有限公司股份有限公司村民王某反映，由县农业农村局牵头设立服务站，\
                    两个确立、十四五期间加大力度，其中产业类项目累计增长12%，究其原因";
        let hits = lex.word_hits(text);
        assert!(hits.windows(2).all(|w| w[0].end <= w[1].end));
        let spans = |k: Kind| -> Vec<&str> {
            hits.iter()
                .filter(|h| h.is(k))
                .map(|h| &text[h.start..h.end])
                .collect()
        };
        assert_eq!(
            spans(Kind::Enterprise),
            ["有限公司", "公司", "股份有限公司", "有限公司", "公司"]
        );
        assert_eq!(spans(Kind::Role), ["村民"]);
        assert!(spans(Kind::Actor).contains(&"局") && spans(Kind::Actor).contains(&"牵头"));
        assert_eq!(spans(Kind::Action), ["设立"]);
        assert!(spans(Kind::SetPhrase).contains(&"十四五"));
        assert!(
            spans(Kind::LevelArea).contains(&"全县") && spans(Kind::LevelLine).contains(&"其中")
        );
    }
}
