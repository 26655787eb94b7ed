//! Suggestions (「对策建议要有针对性、可操作性」): where they are and whether each can be acted on.
//!
//! A suggestion is a 建议… sentence, a 下一步… sentence, or an item (一是/（一）/1.) in a part
//! headed 对策建议 / 意见建议 / 下一步. It is operable when it has a responsible actor or a
//! concrete action, plus measurable content or a deadline; otherwise it is vague, and the
//! finding says what is missing.

use once_cell::sync::Lazy;
use regex::Regex;
use serde::Serialize;

use crate::lexicon::fixed::{GOVERNMENT, LEAD_VERBS};
use crate::lexicon::{leftmost_longest_of, Kind, WordHit};
use crate::text::{is_han, Analysis, PlaceLevel, Span};

/// What a non-operable suggestion lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Missing {
    /// 责任主体: who should do it.
    Actor,
    /// 可量化内容: how much, how many, how often.
    Measure,
    /// 时限: by when.
    Deadline,
}

impl Missing {
    pub fn label(self) -> &'static str {
        match self {
            Missing::Actor => "责任主体",
            Missing::Measure => "可量化的内容",
            Missing::Deadline => "完成时限",
        }
    }
}

/// One suggestion item; byte offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub start: usize,
    pub end: usize,
    pub operable: bool,
    pub missing: Vec<Missing>,
    pub has_actor: bool,
    pub has_action: bool,
    /// Spans of vague phrases inside (加大力度, 进一步加强).
    pub vague: Vec<Span>,
}

static HEADING: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:#+\s*)?(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|[0-9]+[.、．])?[^。！？]{0,20}(?:建议|对策|意见|下一步|几点思考|措施与|工作打算|努力方向)[^。！？]{0,12}$").unwrap()
});
static OTHER_HEADING: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"^(?:#+\s*)?(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)[^。！？]{0,30}$",
    )
    .unwrap()
});
static MARKER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?:^|[。；;：:\s])((?:[一二三四五六七八九十]是)|(?:（[一二三四五六七八九十]+）)|(?:\([一二三四五六七八九十0-9]+\))|(?:[0-9]{1,2}[.、．](?:[^0-9]))|(?:[一二三四五六七八九十]+、)|(?:第[一二三四五六七八九十]，)|首先|其次|再次|最后)").unwrap()
});
/// Scope words that make an actor no actor (相关部门, 各地).
const VAGUE_ACTORS: &[&str] = &["相关", "有关", "各", "各级", "各地"];
/// Kinds of department that name no one before 部门 (监管部门, 行业主管部门).
const VAGUE_KINDS: &[&str] = &["职能", "主管", "监管", "行业"];
/// Characters before 局 that make a word, not a bureau (格局, 布局, 大局, 结局).
const NOT_BUREAU: &[char] = &[
    '格', '布', '大', '全', '结', '变', '开', '当', '时', '定', '棋', '残', '骗', '赌', '出', '僵',
    '乱', '终', '危', '新',
];

/// A responsible actor: 由县农业农村局牵头, 市人力社保局, 县政府, 住建部门 — not 相关部门, 各地.
/// `words` are the word hits inside `item`, which starts at byte `at` of the text.
fn has_actor(item: &str, at: usize, words: &[WordHit]) -> bool {
    actor_in(item, at, words, true)
}

/// A named organisation (县农业农村局, 桥头镇卫生院, 市市场监管局): [`has_actor`] less the
/// party committees and governments every county has (县委、县政府) and the lead verbs.
pub(crate) fn names_organisation(item: &str, at: usize, words: &[WordHit]) -> bool {
    actor_in(item, at, words, false)
}

fn actor_in(item: &str, at: usize, words: &[WordHit], any_actor: bool) -> bool {
    leftmost_longest_of(words, Kind::Actor, at)
        .into_iter()
        .any(|(start, end)| {
            let word = &item[start..end];
            let before: String = {
                let v: Vec<char> = item[..start]
                    .chars()
                    .rev()
                    .take_while(|&c| is_han(c) || c == '（' || c == '）')
                    .take(14)
                    .collect();
                v.into_iter().rev().collect()
            };
            // 成立领导小组 / 组建工作专班: every county sets them up.
            if !any_actor
                && (LEAD_VERBS.contains(&word)
                    || GOVERNMENT.contains(&word)
                    || ["领导小组", "专班", "指挥部"].contains(&word))
            {
                return false;
            }
            if LEAD_VERBS.contains(&word) {
                // 由…牵头 / 请…负责: the verb needs its 由/请/建议 within the run before it.
                return ["由", "请", "建议", "提请"]
                    .iter()
                    .any(|w| before.contains(w))
                    && before.chars().count() >= 3;
            }
            if GOVERNMENT.contains(&word) {
                return before.ends_with(['省', '市', '县', '区', '州']);
            }
            let n = before.chars().count();
            if n == 0 || (word == "部门" && n < 2) {
                return false;
            }
            // 以人民为中心 names no centre.
            if !any_actor && before.ends_with('为') {
                return false;
            }
            // 格局, 布局, 大局 are no bureau, nor are 局面, 局势, 局部, 局限.
            let after = &item[end..];
            if word == "局"
                && (before.ends_with(NOT_BUREAU) || after.starts_with(['面', '势', '部', '限']))
            {
                return false;
            }
            // 围绕中心工作: the central task, no centre.
            if word == "中心" && ["工作", "任务"].iter().any(|w| after.starts_with(w)) {
                return false;
            }
            // The words right before the suffix are the organisation's name.
            let name: String = before
                .chars()
                .skip(n.saturating_sub(if word == "部门" { 6 } else { 10 }))
                .collect();
            // 监管部门 names no one, 市市场监管局 does: kind words are vague before 部门 only.
            let vague_kind = word == "部门" && VAGUE_KINDS.iter().any(|v| name.ends_with(v));
            !vague_kind
                && !VAGUE_ACTORS.iter().any(|v| {
                    name.starts_with(v)
                        || name.ends_with(v)
                        || name.strip_suffix('级').is_some_and(|n| n.ends_with(v))
                })
        })
}
static DEADLINE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?:20[0-9]{2}年)?(?:[0-9]{1,2}|[一二三四五六七八九十]{1,2})月(?:底|末|中旬|上旬|下旬|[0-9]{1,2}日)?(?:前|以前|之前|内|底|末)|20[0-9]{2}年(?:底|末|内|上半年|下半年|[一二三四]季度)|(?:年底|年内|年底前|年末|今年内|明年|当年|汛期前|春节前|开学前|秋收前|春耕前)|[0-9一二三四五六七八九十]+个?(?:工作日|日|天|周|月|年)(?:内|以内)").unwrap()
});
static FREQUENCY: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"每(?:年|半年|季度|季|月|周|旬|天|日)|[0-9一二三四五六七八九十]+(?:家|个|人|户|所|项|条|名|处)").unwrap()
});

/// SIMD searchers for the two words every paragraph is scanned for.
static JIANYI: Lazy<memchr::memmem::Finder<'static>> =
    Lazy::new(|| memchr::memmem::Finder::new("建议"));
static XIAYIBU: Lazy<memchr::memmem::Finder<'static>> =
    Lazy::new(|| memchr::memmem::Finder::new("下一步"));

pub fn find(text: &str, a: &Analysis) -> Vec<Suggestion> {
    let mut items: Vec<Span> = Vec::new();
    let mut in_part = false;
    // Whether the part's items so far began with list markers (一是, （一）, 1.).
    let mut marked = false;
    let title = a.title();
    let last = a.paragraphs.last().map(|p| p.start);
    for p in &a.paragraphs {
        if p.start < title.end {
            continue;
        }
        let para = p.slice(text);
        // 总之，… closes the piece: the suggestions part is over.
        if ["总之", "综上", "总而言之"]
            .iter()
            .any(|w| para.trim_start().starts_with(w))
        {
            in_part = false;
            continue;
        }
        // At most 32 characters: a longer paragraph is not counted through.
        let heading_like =
            para.len() <= 32 * 4 && para.chars().count() <= 32 && !para.ends_with('。');
        if heading_like && HEADING.is_match(para) {
            in_part = true;
            continue;
        }
        if heading_like && OTHER_HEADING.is_match(para) {
            in_part = false;
            continue;
        }
        // Most paragraphs say neither 建议 nor 下一步: one scan each, then nothing more.
        let has_jianyi = JIANYI.find(para.as_bytes()).is_some();
        if !in_part && !has_jianyi && XIAYIBU.find(para.as_bytes()).is_none() {
            continue;
        }
        // A lead sentence 为此建议： / 提出以下建议： opens a part inside the paragraph.
        let lead_end = if has_jianyi {
            para.match_indices("建议").map(|(i, _)| i).find(|&i| {
                let rest = &para[i + "建议".len()..];
                rest.starts_with(['：', ':']) || rest.starts_with("如下")
            })
        } else {
            None
        };
        if in_part {
            let starts_marked = strip_marker(para).len() < para.len();
            // 群众有意见建议的，可拨打……反映。 closing a marked list is a notice, not an item.
            if marked
                && !starts_marked
                && Some(p.start) == last
                && !["建议", "同时", "此外", "另外", "下一步", "最后"]
                    .iter()
                    .any(|w| para.starts_with(w))
            {
                continue;
            }
            marked |= starts_marked;
            split_items(text, *p, &mut items);
        } else if let Some(i) = lead_end {
            let colon = para[i..].find(['：', ':']).map(|j| i + j).unwrap_or(i);
            let after = p.start
                + colon
                + para[colon..]
                    .chars()
                    .next()
                    .map(|c| c.len_utf8())
                    .unwrap_or(0);
            if after < p.end && !text[after..p.end].trim().is_empty() {
                split_items(text, Span::new(after, p.end), &mut items);
            } else {
                in_part = true;
            }
        } else {
            for s in crate::text::within(&a.sentences, |s| s.start, p.start, p.end)
                .iter()
                .filter(|s| s.end <= p.end)
            {
                let raw = s.slice(text);
                if !raw.contains("建议") && !raw.contains("下一步") {
                    continue;
                }
                let sent = raw.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '（');
                let sent = strip_marker(sent);
                if sent.starts_with("建议")
                    || sent.starts_with("下一步")
                    || sent.starts_with("为此，建议")
                    || sent.contains("，建议") && !sent.contains("建议：")
                {
                    items.push(*s);
                }
            }
        }
    }
    items.sort_by_key(|s| s.start);
    items.dedup();
    items
        .into_iter()
        .filter(|s| !crate::text::fewer_chars_than(s.slice(text), 6) && !is_lead_in(s.slice(text)))
        .map(|s| judge(text, a, s))
        .collect()
}

/// 针对上述问题，提出以下对策。 announces the suggestions; it is not one.
fn is_lead_in(item: &str) -> bool {
    [
        "提出以下",
        "提出如下",
        "建议如下",
        "以下建议",
        "以下对策",
        "如下建议",
        "几点建议",
        "如下对策",
    ]
    .iter()
    .any(|w| item.contains(w))
        && item.trim_end().ends_with(['。', '：', ':'])
        && item.chars().count() <= 40
}

fn strip_marker(s: &str) -> &str {
    // Only the first few characters can hold a marker; do not scan the whole sentence.
    let head_end = s.char_indices().nth(8).map(|(i, _)| i).unwrap_or(s.len());
    if let Some(m) = MARKER.find(&s[..head_end]) {
        if m.start() == 0 {
            return s[m.end()..].trim_start_matches(['，', ',', ' ']);
        }
    }
    s
}

/// Splits a span into items at list markers; without markers, each sentence is an item.
fn split_items(text: &str, span: Span, items: &mut Vec<Span>) {
    let s = span.slice(text);
    // The marker (group 1) starts after the delimiter the match may begin with; reading that
    // off the match avoids a capturing search (several times slower than `find`).
    let starts: Vec<usize> = MARKER
        .find_iter(s)
        .map(|m| {
            let lead = m
                .as_str()
                .chars()
                .next()
                .filter(|&c| matches!(c, '。' | '；' | ';' | '：' | ':') || c.is_whitespace());
            m.start() + lead.map_or(0, char::len_utf8)
        })
        .collect();
    if starts.is_empty() {
        let mut start = 0;
        for (i, c) in s.char_indices() {
            if matches!(c, '。' | '！' | '？' | '；') {
                let end = i + c.len_utf8();
                if !s[start..end].trim().is_empty() {
                    items.push(Span::new(span.start + start, span.start + end));
                }
                start = end;
            }
        }
        if start < s.len() && !s[start..].trim().is_empty() {
            items.push(Span::new(span.start + start, span.end));
        }
        return;
    }
    if starts[0] > 0
        && !s[..starts[0]].trim().is_empty()
        && !s[..starts[0]].trim_end().ends_with(['：', ':'])
    {
        items.push(Span::new(span.start, span.start + starts[0]));
    }
    for (k, &st) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(s.len());
        items.push(Span::new(span.start + st, span.start + end));
    }
}

fn judge(text: &str, a: &Analysis, s: Span) -> Suggestion {
    let item = s.slice(text);
    let words: Vec<WordHit> = a.words_in(s.start, s.end).copied().collect();
    let has_actor = has_actor(item, s.start, &words)
        || a.places_in(s.start, s.end).any(|p| {
            matches!(
                p.level,
                PlaceLevel::County | PlaceLevel::Township | PlaceLevel::Village
            )
        });
    let has_action = words.iter().any(|h| h.is(Kind::Action));
    let has_measure = a.data_in(s.start, s.end).next().is_some() || FREQUENCY.is_match(item);
    // The deadline only matters when there is no measure, or when the item fails anyway and
    // the finding lists what is missing.
    let has_deadline = !(has_measure && (has_actor || has_action)) && DEADLINE.is_match(item);
    let operable = (has_actor || has_action) && (has_measure || has_deadline);
    let mut missing = Vec::new();
    if !operable {
        if !has_actor {
            missing.push(Missing::Actor);
        }
        if !has_measure {
            missing.push(Missing::Measure);
        }
        if !has_deadline {
            missing.push(Missing::Deadline);
        }
    }
    let vague = leftmost_longest_of(&words, Kind::Vague, 0)
        .into_iter()
        .map(|(start, end)| Span::new(start, end))
        .collect();
    Suggestion {
        start: s.start,
        end: s.end,
        operable,
        missing,
        has_actor,
        has_action,
        vague,
    }
}

#[cfg(test)]
mod tests {
    fn has_actor(item: &str) -> bool {
        let words = crate::lexicon::Lexicons::embedded().word_hits(item);
        super::has_actor(item, 0, &words)
    }

    #[test]
    fn actors() {
        assert!(has_actor("建议由县农业农村局牵头"));
        assert!(has_actor("市人力社保局要在桥头镇设立服务站"));
        assert!(has_actor("建议县政府出台办法"));
        assert!(has_actor("由住建部门牵头"));
        assert!(!has_actor("相关部门要加强监管"));
        assert!(!has_actor("各地要进一步加强"));
        assert!(!has_actor("进一步加大支持力度"));
        assert!(has_actor("由市市场监管局牵头开展专项检查"));
        assert!(!has_actor("行业主管部门要加强指导"));
        assert!(!has_actor("形成齐抓共管的工作格局"));
        assert!(!has_actor("服务社会大局"));
    }
}
