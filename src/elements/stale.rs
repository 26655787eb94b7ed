//! Stale wording (「选题要新颖，不能“老生常谈”」): 套话 and outdated formulations from the
//! lexicons. Context decides for some: 空泛成效 phrases are fine next to a figure (满意度明显提升
//! 至96%), and 脱贫攻坚 is fine in a historical sentence (2020年如期打赢脱贫攻坚战) or inside
//! its own current form (巩固拓展脱贫攻坚成果): a context-dependent entry is reported unless
//! its clause reads as history (a year, 如期, 期间, 成果 …) or it sits inside its replacement.

use serde::Serialize;

use crate::lexicon::StaleKind;
use crate::lexicon::WordHit;
use crate::text::Resources;
use crate::text::{ceil_boundary, floor_boundary, Analysis};

/// JSON `kind` of a stale element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StaleClass {
    Cliche,
    Outdated,
    History,
}

/// One stale phrase; byte offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct Stale {
    pub start: usize,
    pub end: usize,
    pub class: StaleClass,
    /// The current formulation, for outdated ones.
    pub replacement: Option<String>,
    /// 空泛成效 (true) or 表态套话 (false), for clichés.
    pub vague_result: bool,
}

const HISTORY_CUES: &[&str] = &[
    "如期",
    "曾",
    "已经",
    "已",
    "期间",
    "时期",
    "以来",
    "成果",
    "完成",
    "取得",
    "历史性",
    "胜利",
    "年前",
    "当年",
    "过去",
    "回顾",
    "决定性",
    "同乡村振兴",
    "巩固",
    "拓展",
    "衔接",
    "过渡期",
];

fn clause_bounds(text: &str, start: usize, end: usize) -> (usize, usize) {
    let cs = text[..start]
        .rfind(['，', '。', '；', '！', '？', '\n'])
        .map(|i| i + text[i..].chars().next().unwrap().len_utf8())
        .unwrap_or(0);
    let ce = text[end..]
        .find(['，', '。', '；', '！', '？', '\n'])
        .map(|i| end + i)
        .unwrap_or(text.len());
    (cs, ce)
}

fn sentence_bounds(text: &str, start: usize, end: usize) -> (usize, usize) {
    let ss = text[..start]
        .rfind(['。', '；', '！', '？', '\n'])
        .map(|i| i + text[i..].chars().next().unwrap().len_utf8())
        .unwrap_or(0);
    let se = text[end..]
        .find(['。', '；', '！', '？', '\n'])
        .map(|i| end + i)
        .unwrap_or(text.len());
    (ss, se)
}

/// Whether a negation stands right before a phrase (未形成合力, 尚未形成合力, 缺乏合力).
fn negated(before: &str) -> bool {
    ["未", "没有", "不够", "缺乏", "难以", "不能", "无法"]
        .iter()
        .any(|w| before.ends_with(w))
}

/// The stale phrases of a document, leftmost-longest and not overlapping, from all its
/// word hits: (start, end, stale pattern).
fn leftmost_longest(hits: &[WordHit]) -> Vec<(usize, usize, usize)> {
    crate::lexicon::leftmost_longest(
        hits.iter()
            .filter_map(|h| Some((h.start, h.end, h.stale()?))),
    )
}

/// Whether the phrase at `start..end` is part of a name rather than wording: inside a
/// document's title in 《》 (《关于打赢脱贫攻坚战的决定》), or the issuer of a document number
/// (卫计委〔2016〕12号, 安监局发〔2017〕3号).
fn part_of_a_name(text: &str, start: usize, end: usize) -> bool {
    let (ss, se) = sentence_bounds(text, start, end);
    let before = &text[ss..start];
    let after = &text[end..se];
    let in_title = before
        .rfind('《')
        .is_some_and(|o| !before[o..].contains('》'))
        && after.find('》').is_some_and(|c| !after[..c].contains('《'));
    let numbered = {
        let rest = after.trim_start_matches(['发', '办', '字', '函']);
        rest.starts_with(['〔', '[', '［'])
            && rest.chars().nth(1).is_some_and(|c| c.is_ascii_digit())
    };
    in_title || numbered
}

/// A sentence that dates what it tells, before the phrase, to a year before 2021 (2014年，我县
/// 打赢脱贫攻坚战……): history, not a current task. The context-dependent terms all belong to
/// the poverty-alleviation period that ended in 2020 or to institutions merged before it; a
/// later year (2025年新农合参合率, 2027年底前) dates current use.
fn dated_before(text: &str, start: usize, end: usize) -> bool {
    let (ss, _) = sentence_bounds(text, start, end);
    let before = &text[ss..start];
    before.match_indices('年').any(|(i, _)| {
        let digits: String = before[..i]
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        digits.len() == 4 && digits.parse::<u32>().is_ok_and(|y| y <= 2020)
    })
}

pub fn find(res: &Resources, text: &str, a: &Analysis, hits: &[WordHit]) -> Vec<Stale> {
    let lex = &res.lexicons;
    let mut out = Vec::new();
    for (start, end, pattern) in leftmost_longest(hits) {
        let (kind, _, replacement) = lex.stale_entry(pattern);
        // A document's title or number quotes a name as it was: not the draft's wording.
        if matches!(kind, StaleKind::Outdated | StaleKind::OutdatedContext)
            && part_of_a_name(text, start, end)
        {
            continue;
        }
        let (cs, ce) = clause_bounds(text, start, end);
        let clause = &text[cs..ce];
        match kind {
            // 扶持政策未形成合力 diagnoses a problem; it pledges nothing.
            StaleKind::ClicheAttitude if negated(&text[..start]) => {}
            StaleKind::ClicheAttitude => out.push(Stale {
                start,
                end,
                class: StaleClass::Cliche,
                replacement: None,
                vague_result: false,
            }),
            StaleKind::ClicheResult => {
                // 满意度明显提升，达到96.2%: a figure anywhere in the sentence backs the claim.
                // (Not the paragraph: editors still mark a claim whose figures are two
                // sentences away; see tests/labelled.)
                let (ss, se) = sentence_bounds(text, start, end);
                if a.data_in(ss, se).next().is_none() {
                    out.push(Stale {
                        start,
                        end,
                        class: StaleClass::Cliche,
                        replacement: None,
                        vague_result: true,
                    })
                }
            }
            StaleKind::Outdated => out.push(Stale {
                start,
                end,
                class: StaleClass::Outdated,
                replacement: replacement.map(str::to_string),
                vague_result: false,
            }),
            StaleKind::OutdatedContext => {
                let replacement = replacement.unwrap_or_default();
                // Inside its own current form (巩固拓展脱贫攻坚成果) it is not outdated.
                let inside_current = replacement.split(['、', '/']).any(|r| {
                    let r = r.trim();
                    r.contains(&text[start..end]) && {
                        let lo = ceil_boundary(text, start.saturating_sub(r.len()));
                        let hi = floor_boundary(text, end + r.len());
                        text[lo..hi].contains(r)
                    }
                });
                let historical = HISTORY_CUES.iter().any(|c| clause.contains(c))
                    || clause.contains("年") && clause.chars().any(|c| c.is_ascii_digit())
                    || dated_before(text, start, end);
                if !inside_current && !historical {
                    out.push(Stale {
                        start,
                        end,
                        class: StaleClass::Outdated,
                        replacement: Some(replacement.to_string()),
                        vague_result: false,
                    })
                }
            }
        }
    }
    for (kind, re) in &lex.cliche_regexes {
        for m in re.find_iter(text) {
            let (start, end) = (m.start(), m.end());
            let (ss, se) = sentence_bounds(text, start, end);
            if *kind == StaleKind::ClicheResult && a.data_in(ss, se).next().is_some() {
                continue;
            }
            if !out.iter().any(|s| s.start < end && start < s.end) {
                out.push(Stale {
                    start,
                    end,
                    class: StaleClass::Cliche,
                    replacement: None,
                    vague_result: *kind == StaleKind::ClicheResult,
                });
            }
        }
    }
    out.sort_by_key(|s| s.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, MatchKind};

    /// The selection from the shared scan equals a leftmost-longest matcher over the stale
    /// phrases alone, on text where phrases overlap, nest and repeat.
    #[test]
    fn leftmost_longest_from_hits_matches_a_leftmost_longest_automaton() {
        let res = Resources::shared();
        let lex = &res.lexicons;
        let pats: Vec<&str> = (0..lex.stale_patterns.len())
            .map(|i| lex.stale_entry(i).1)
            .collect();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&pats)
            .unwrap();
        // Every phrase twice, glued to its neighbours so that matches overlap.
        let mut text = String::from("标题：高度重视问题\n");
        for (i, p) in pats.iter().enumerate() {
            text.push_str(p);
            text.push_str(pats[(i * 7 + 3) % pats.len()]);
            text.push_str(if i % 3 == 0 { "。" } else { "" });
        }
        let expected: Vec<(usize, usize, &str)> = ac
            .find_iter(&text)
            .map(|m| (m.start(), m.end(), pats[m.pattern().as_usize()]))
            .collect();
        let got: Vec<(usize, usize, &str)> = leftmost_longest(&lex.word_hits(&text))
            .into_iter()
            .map(|(s, e, p)| (s, e, pats[p]))
            .collect();
        assert!(expected.len() > pats.len());
        assert_eq!(got, expected);
    }
}
