//! Word lists that office staff edit, in `lexicons/`: one entry per line, `#` comments,
//! substitutions written `旧 -> 新`. The shipped lists are embedded in the binary, so the tool
//! runs from any folder; every list is validated on load with file:line in each error.

use std::path::Path;

use daachorse::CharwiseDoubleArrayAhoCorasick;

pub mod fixed;

/// Entries that are regular expressions start with this.
pub const REGEX_PREFIX: &str = "re:";

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

/// Which list a word of the one scan is on, beside the stale phrases and the category words:
/// the fixed lists of [`fixed`] and two editable lists. A hit holds a set of these
/// ([`WordHit::is`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Kind {
    /// A phrase whose numbers are not data (两个确立, 十四五): `number_set_phrases.txt`.
    SetPhrase,
    /// Words that make a figure speak for a unit, a sector or the whole area (点线面).
    LevelPoint,
    LevelLine,
    LevelArea,
    /// A person's role (村民, 书记) before a name.
    Role,
    /// The end of an enterprise name (有限公司, 合作社).
    Enterprise,
    /// A concrete action of a suggestion (设立, 出台, 拨付).
    Action,
    /// The end of an actor's name, or its verb (局, 部门, 牵头).
    Actor,
    /// A vague phrase (加大力度): `vague_phrases.txt`.
    Vague,
    /// Words of the incomplete-structure check: a result, a problem.
    Result,
    StructureProblem,
    /// Words of the generic-title check: a unit or 我市-style subject, a finding, an event.
    TitleSubject,
    Finding,
    Event,
    /// A verb that makes a problem word the object of work done (化解, 整改).
    Solving,
}

impl Kind {
    /// Its bit in a hit's set.
    const fn bit(self) -> u32 {
        1 << self as u32
    }
}

/// The fixed lists and the kind their words are.
const FIXED: [(&[&str], Kind); 16] = [
    (fixed::LEVEL_POINT_WORDS, Kind::LevelPoint),
    (fixed::LEVEL_LINE_WORDS, Kind::LevelLine),
    (fixed::LEVEL_AREA_WORDS, Kind::LevelArea),
    (fixed::ROLES, Kind::Role),
    (fixed::ENTERPRISE_SUFFIXES, Kind::Enterprise),
    (fixed::ACTIONS, Kind::Action),
    (fixed::ORG_SUFFIXES, Kind::Actor),
    (fixed::LEAD_VERBS, Kind::Actor),
    (fixed::GOVERNMENT, Kind::Actor),
    (fixed::STRUCTURE_RESULT, Kind::Result),
    (fixed::STRUCTURE_PROBLEM, Kind::StructureProblem),
    (fixed::TITLE_UNITS, Kind::TitleSubject),
    (fixed::TITLE_SUBJECTS, Kind::TitleSubject),
    (fixed::TITLE_FINDINGS, Kind::Finding),
    (fixed::TITLE_EVENTS, Kind::Event),
    (fixed::SOLVING, Kind::Solving),
];

/// An occurrence of a word of any list; byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordHit {
    pub start: usize,
    pub end: usize,
    /// The stale pattern + 1 (0: none).
    stale: u32,
    /// The category word lists it is on, as bits.
    lists: u8,
    /// The [`Kind`]s, as bits.
    kinds: u32,
}

impl WordHit {
    /// The stale pattern (the first one given for this string), if it is a stale phrase.
    pub fn stale(&self) -> Option<usize> {
        self.stale.checked_sub(1).map(|p| p as usize)
    }

    /// The category word lists it is on, as bits.
    pub fn lists(&self) -> u32 {
        self.lists as u32
    }

    /// Whether it is a word of kind `kind`.
    pub fn is(&self, kind: Kind) -> bool {
        self.kinds & kind.bit() != 0
    }
}

/// The hits of kind `kind` that a leftmost-longest matcher over that list would
/// report, as (start, end) relative to byte `at` (which no hit may start before).
pub fn leftmost_longest_of<'h>(
    hits: impl IntoIterator<Item = &'h WordHit>,
    kind: Kind,
    at: usize,
) -> Vec<(usize, usize)> {
    let on_list = hits
        .into_iter()
        .filter(|h| h.is(kind))
        .map(|h| (h.start - at, h.end - at, ()));
    leftmost_longest(on_list)
        .into_iter()
        .map(|(start, end, ())| (start, end))
        .collect()
}

/// Of the matches `(start, end, payload)`, those a leftmost-longest matcher would report: the
/// earliest start wins, the longest match at that start, and the search goes on after it.
pub fn leftmost_longest<T>(
    matches: impl Iterator<Item = (usize, usize, T)>,
) -> Vec<(usize, usize, T)> {
    let mut all: Vec<(usize, usize, T)> = matches.collect();
    all.sort_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
    let mut from = 0;
    all.retain(|&(s, e, _)| {
        let keep = s >= from;
        if keep {
            from = e;
        }
        keep
    });
    all
}

/// What a word of the automaton is: (stale pattern + 1, category list bits, [`Kind`] bits).
type WordInfo = (u32, u8, u32);

/// The automaton behind [`Lexicons::word_hits`] and what each of its words is. A stale
/// string given twice keeps its first pattern, as a leftmost-longest matcher reports the
/// first; a string on several lists has all their bits.
fn word_automaton<'a>(
    stale: &[&'a str],
    set_phrases: &'a [String],
    vague_phrases: &'a [String],
) -> (CharwiseDoubleArrayAhoCorasick<u32>, Vec<WordInfo>) {
    let mut info: Vec<WordInfo> = Vec::new();
    let mut words: Vec<&'a str> = Vec::new();
    let mut at: std::collections::HashMap<&'a str, usize> = std::collections::HashMap::new();
    let mut entry = |w: &'a str| -> usize {
        *at.entry(w).or_insert_with(|| {
            words.push(w);
            info.push((0, 0, 0));
            info.len() - 1
        })
    };
    let mut marks: Vec<(usize, WordInfo)> = Vec::new();
    for (i, w) in stale.iter().enumerate() {
        if !w.is_empty() {
            marks.push((entry(w), (i as u32 + 1, 0, 0)));
        }
    }
    for (list, ws) in fixed::CATEGORY_LISTS.iter().enumerate() {
        for &w in *ws {
            marks.push((entry(w), (0, 1 << list, 0)));
        }
    }
    for (ws, k) in FIXED {
        for &w in ws {
            marks.push((entry(w), (0, 0, k.bit())));
        }
    }
    for (list, k) in [(set_phrases, Kind::SetPhrase), (vague_phrases, Kind::Vague)] {
        for w in list.iter().filter(|w| !w.is_empty()) {
            marks.push((entry(w), (0, 0, k.bit())));
        }
    }
    for (k, (stale, lists, kinds)) in marks {
        let e = &mut info[k];
        if e.0 == 0 {
            e.0 = stale;
        }
        e.1 |= lists;
        e.2 |= kinds;
    }
    let automaton = CharwiseDoubleArrayAhoCorasick::with_values(
        words.iter().enumerate().map(|(k, w)| (*w, k as u32)),
    )
    .expect("word automaton");
    (automaton, info)
}
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

/// Full-width spaces and stray whitespace removed: what an entry means, however typed.
pub fn normalise(s: &str) -> String {
    s.replace('\u{3000}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// One problem `xinjian lexicon check` reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub content: String,
    pub message: String,
    /// Errors stop the lists from being used; notes (normalisation) do not.
    pub error: bool,
}

impl Problem {
    fn error_value(self) -> LexiconError {
        LexiconError {
            file: self.file,
            line: self.line,
            content: self.content,
            message: self.message,
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = if self.error { "错误" } else { "提示" };
        write!(
            f,
            "{}:{}：{kind}：{}（“{}”）",
            self.file, self.line, self.message, self.content
        )
    }
}

fn is_substitution_list(name: &str) -> bool {
    name.starts_with("outdated")
}

/// Validates every list in `dir`: encoding (a GBK file gets a clear message), format, regular
/// expressions, duplicates, conflicting substitutions, entries that need normalising, `!`
/// removals of entries the shipped list does not have, and files with unknown names.
pub fn check_dir(dir: &Path) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    if files.is_empty() {
        out.push(Problem {
            file: dir.display().to_string(),
            line: 0,
            content: String::new(),
            message: "文件夹中没有词表（.txt）".into(),
            error: true,
        });
        return out;
    }
    // Substitutions across the two outdated lists: the same old term must map to one new one.
    let mut seen_old: std::collections::HashMap<String, (String, String, usize)> =
        Default::default();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let shown = path.display().to_string();
        let problem = |line: usize, content: &str, message: String, error: bool| Problem {
            file: shown.clone(),
            line,
            content: content.to_string(),
            message,
            error,
        };
        let Some(shipped) = EMBEDDED.iter().find(|(n, _)| *n == name).map(|(_, c)| *c) else {
            out.push(problem(
                0,
                &name,
                format!(
                    "不认识的词表文件名，可用的有：{}",
                    EMBEDDED
                        .iter()
                        .map(|(n, _)| *n)
                        .collect::<Vec<_>>()
                        .join("、")
                ),
                true,
            ));
            continue;
        };
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                out.push(problem(0, "", format!("无法读取（{e}）"), true));
                continue;
            }
        };
        let text = match String::from_utf8(bytes.clone()) {
            Ok(t) => t,
            Err(_) => {
                let (_, _, bad) = encoding_rs::GB18030.decode(&bytes);
                let msg = if bad {
                    "文件不是 UTF-8 编码，无法读取".to_string()
                } else {
                    "文件是 GBK/GB18030 编码，请用记事本“另存为”UTF-8 编码后再用".to_string()
                };
                out.push(problem(1, "", msg, true));
                continue;
            }
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let shipped_entries: Vec<String> = parse_list(&name, shipped)
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.text)
            .collect();
        let mut first_line: std::collections::HashMap<String, usize> = Default::default();
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let t = strip_comment(raw);
            if t.is_empty() {
                continue;
            }
            if t.chars().any(|c| c.is_control()) {
                out.push(problem(line, raw, "含有控制字符".into(), true));
                continue;
            }
            let n = normalise(t);
            if n != t {
                out.push(problem(
                    line,
                    raw,
                    format!("含有全角空格或多余空白，按“{n}”读取"),
                    false,
                ));
            }
            if let Some(removed) = n.strip_prefix('!') {
                let removed = removed.trim();
                if !shipped_entries
                    .iter()
                    .any(|e| e == removed || e.split("->").next().map(str::trim) == Some(removed))
                {
                    out.push(problem(
                        line,
                        raw,
                        format!("要删除的“{removed}”不在随附词表中"),
                        true,
                    ));
                }
                continue;
            }
            if let Some(re) = n.strip_prefix(REGEX_PREFIX) {
                if !name.starts_with("cliche") {
                    out.push(problem(
                        line,
                        raw,
                        "只有套话词表（cliche_*.txt）可以写正则表达式".into(),
                        true,
                    ));
                } else if let Err(e) = regex::Regex::new(re) {
                    let first = e.to_string().lines().last().unwrap_or("").to_string();
                    out.push(problem(line, raw, format!("正则表达式有误：{first}"), true));
                }
            } else if name == "topic_synonyms.txt" && n.split_whitespace().count() < 2 {
                out.push(problem(
                    line,
                    raw,
                    "一行写一组近义词，至少两个词，用空格分开".into(),
                    true,
                ));
            } else if is_substitution_list(&name) {
                match n.split_once("->") {
                    Some((old, new)) if !old.trim().is_empty() && !new.trim().is_empty() => {
                        let (old, new) = (old.trim().to_string(), new.trim().to_string());
                        if let Some((other_new, other_file, other_line)) = seen_old.get(&old) {
                            if *other_new != new {
                                out.push(problem(
                                    line,
                                    raw,
                                    format!("与 {other_file}:{other_line} 冲突：同一个旧提法“{old}”对应了不同的新提法“{other_new}”"),
                                    true,
                                ));
                            }
                        } else {
                            seen_old.insert(old, (new, name.clone(), line));
                        }
                    }
                    _ => out.push(problem(line, raw, "应写成“旧提法 -> 新提法”".into(), true)),
                }
            }
            match first_line.get(&n) {
                Some(first) => out.push(problem(line, raw, format!("与第 {first} 行重复"), true)),
                None => {
                    first_line.insert(n, line);
                }
            }
        }
    }
    out
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
