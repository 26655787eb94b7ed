//! The one scan of a document for every word of every list ([`Lexicons::word_hits`]): one
//! character-wise automaton over the stale phrases, the category words, the set phrases and
//! the fixed lists of [`fixed`], and what each hit is.

use super::*;

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
    pub(super) stale: u32,
    /// The category word lists it is on, as bits.
    pub(super) lists: u8,
    /// The [`Kind`]s, as bits.
    pub(super) kinds: u32,
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
pub(super) type WordInfo = (u32, u8, u32);

/// The automaton behind [`Lexicons::word_hits`] and what each of its words is. A stale
/// string given twice keeps its first pattern, as a leftmost-longest matcher reports the
/// first; a string on several lists has all their bits.
pub(super) fn word_automaton<'a>(
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
