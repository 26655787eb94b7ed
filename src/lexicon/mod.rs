//! Word lists that office staff edit, in `lexicons/`: one entry per line, `#` comments,
//! substitutions written `旧 -> 新`. The shipped lists are embedded in the binary, so the tool
//! runs from any folder; every list is validated on load with file:line in each error.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

/// One line of a list.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub line: usize,
    pub text: String,
}

/// `旧 -> 新`.
#[derive(Debug, Clone, PartialEq)]
pub struct Substitution {
    pub old: String,
    pub new: String,
}

/// A problem in a list, with where it is.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{file}:{line}：{message}（“{content}”）")]
pub struct LexiconError {
    pub file: String,
    pub line: usize,
    pub content: String,
    pub message: String,
}

/// Parses a plain list. Blank lines and `#` comments are skipped; a trailing ` # …` is a comment.
pub fn parse_list(file: &str, content: &str) -> Result<Vec<Entry>, Vec<LexiconError>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, raw) in content.lines().enumerate() {
        let line = i + 1;
        let text = strip_comment(raw);
        if text.is_empty() {
            continue;
        }
        if text.chars().any(|c| c.is_control()) {
            errors.push(LexiconError {
                file: file.into(),
                line,
                content: raw.into(),
                message: "含有控制字符".into(),
            });
            continue;
        }
        out.push(Entry {
            line,
            text: text.to_string(),
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Parses a list of `旧 -> 新` substitutions.
pub fn parse_substitutions(
    file: &str,
    content: &str,
) -> Result<Vec<Substitution>, Vec<LexiconError>> {
    let entries = parse_list(file, content)?;
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for e in entries {
        match e.text.split_once("->") {
            Some((old, new)) if !old.trim().is_empty() && !new.trim().is_empty() => {
                out.push(Substitution {
                    old: old.trim().to_string(),
                    new: new.trim().to_string(),
                })
            }
            _ => errors.push(LexiconError {
                file: file.into(),
                line: e.line,
                content: e.text.clone(),
                message: "应写成“旧提法 -> 新提法”".into(),
            }),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

fn strip_comment(raw: &str) -> &str {
    let t = raw.trim();
    if t.starts_with('#') {
        return "";
    }
    match t.find(" #") {
        Some(i) => t[..i].trim(),
        None => t,
    }
}

/// What a stale-wording match is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaleKind {
    /// 表态/过程套话.
    ClicheAttitude,
    /// 空泛成效套话 (only stale without a number nearby).
    ClicheResult,
    /// Always outdated.
    Outdated,
    /// Outdated only when written as a current task.
    OutdatedContext,
}

/// The lists the checks use, with their matchers built once.
pub struct Lexicons {
    pub cliche_attitude: Vec<String>,
    pub cliche_result: Vec<String>,
    pub outdated: Vec<Substitution>,
    pub outdated_context: Vec<Substitution>,
    pub number_set_phrases: Vec<String>,
    pub vague_phrases: Vec<String>,
    /// All stale phrases; pattern `i` is `stale_patterns[i]`.
    pub stale_matcher: AhoCorasick,
    pub stale_patterns: Vec<(StaleKind, usize)>,
    pub set_phrase_matcher: AhoCorasick,
    pub vague_matcher: AhoCorasick,
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
        )
    }

    fn build(
        cliche_attitude: Vec<String>,
        cliche_result: Vec<String>,
        outdated: Vec<Substitution>,
        outdated_context: Vec<Substitution>,
        number_set_phrases: Vec<String>,
        vague_phrases: Vec<String>,
    ) -> Lexicons {
        let mut pats: Vec<&str> = Vec::new();
        let mut stale_patterns = Vec::new();
        for (i, p) in cliche_attitude.iter().enumerate() {
            pats.push(p);
            stale_patterns.push((StaleKind::ClicheAttitude, i));
        }
        for (i, p) in cliche_result.iter().enumerate() {
            pats.push(p);
            stale_patterns.push((StaleKind::ClicheResult, i));
        }
        for (i, s) in outdated.iter().enumerate() {
            pats.push(&s.old);
            stale_patterns.push((StaleKind::Outdated, i));
        }
        for (i, s) in outdated_context.iter().enumerate() {
            pats.push(&s.old);
            stale_patterns.push((StaleKind::OutdatedContext, i));
        }
        let ac = |p: &[&str]| {
            AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::DFA))
                .match_kind(MatchKind::LeftmostLongest)
                .build(p)
                .expect("lexicon automaton")
        };
        let stale_matcher = ac(&pats);
        let set_refs: Vec<&str> = number_set_phrases.iter().map(|s| s.as_str()).collect();
        let vague_refs: Vec<&str> = vague_phrases.iter().map(|s| s.as_str()).collect();
        Lexicons {
            set_phrase_matcher: ac(&set_refs),
            vague_matcher: ac(&vague_refs),
            stale_matcher,
            stale_patterns,
            cliche_attitude,
            cliche_result,
            outdated,
            outdated_context,
            number_set_phrases,
            vague_phrases,
        }
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
}
