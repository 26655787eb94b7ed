//! The facts of an information item, as an editor compares two items to tell whether they
//! are the same item sent again: its figures (value and kind), its townships and villages,
//! and its names (quoted programme names, people written as 王某).
//!
//! Figures are read by a byte scanner rather than by the analysis's data-point regex: duplicate
//! detection reads every item of an archive (a million of them) to find its candidate pairs,
//! and the scanner costs about as much as hashing the text's shingles. A figure is keyed by
//! its value with the magnitude applied (1.8万亩 and 18000亩 are one figure) and its unit,
//! the unit words for one thing taken as one (a rewrite says 4860人 or 4860名): 437艘 and
//! 437户 are two facts, and a bare 56 is neither.
//! Years, months, days, ordinals (第3), codes (G60, 5G) and one-digit numbers are not facts.
//!
//! A figure with one significant digit (200余个, 5万元, 30亩) is *round*: many items say it,
//! so it is weak evidence alone. Items written with few precise figures (官地镇某村主管道冻裂, 全县20多个村、2000多户)
//! are still the same item when they share their one precise figure, their round figures, and
//! their townships and people (see `same_item`).

use std::collections::BTreeSet;

use crate::text::places::PlaceLevel;
use crate::text::Analysis;
use crate::text::Resources;
use crate::text::Span;

/// One figure of a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Hash of the canonical value and kind: equal for the same figure however written.
    pub key: u64,
    /// Byte range of the figure as written (digits, magnitude and the unit or % that
    /// follows), for explanations.
    pub start: usize,
    pub end: usize,
    /// Two or more significant digits (1860, 37.2%, 0.85): specific enough to identify an
    /// item; 10, 50% or 3万 are said by many.
    pub specific: bool,
    /// A round count or amount with its unit word (200余个, 5万元, 30亩; not a percentage,
    /// not a bare number): weak evidence, counted only with other facts.
    pub round: bool,
}

impl Figure {
    pub fn written<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// The digit of an ASCII or full-width digit character.
fn digit(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '０'..='９' => Some((c as u32 - '０' as u32) as u8),
        _ => None,
    }
}

fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Unit words kept in the written figure (the longest first); they do not change the key.
const UNIT_WORDS: &[&str] = &[
    "个百分点",
    "百分点",
    "平方公里",
    "平方米",
    "立方米",
    "千瓦时",
    "人次",
    "户次",
    "公里",
    "公顷",
    "公斤",
    "千克",
    "千米",
    "千瓦",
    "小时",
    "元",
    "亩",
    "吨",
    "斤",
    "人",
    "户",
    "家",
    "个",
    "名",
    "位",
    "项",
    "件",
    "起",
    "所",
    "座",
    "处",
    "套",
    "台",
    "辆",
    "条",
    "张",
    "场",
    "次",
    "批",
    "株",
    "头",
    "只",
    "间",
    "床",
    "艘",
    "层",
    "米",
    "天",
    "笔",
    "宗",
    "例",
    "种",
    "类",
    "倍",
    "%",
    "％",
];

/// One unit word for the words that count one thing (人, 名 and 位 are people).
fn same_unit(unit: &'static str) -> &'static str {
    match unit {
        "名" | "位" => "人",
        "起" => "件",
        "千克" => "公斤",
        "千米" => "公里",
        "％" => "%",
        "个百分点" => "百分点",
        u => u,
    }
}

/// Byte offset of the next ASCII or full-width digit at or after `from`.
fn next_digit(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_digit() {
            return Some(i);
        }
        // ０–９ are EF BC 90–99.
        if b == 0xEF
            && bytes.get(i + 1) == Some(&0xBC)
            && bytes.get(i + 2).is_some_and(|c| (0x90..=0x99).contains(c))
        {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// The figures of `text`, in text order (repeats included).
pub fn figures(text: &str) -> Vec<Figure> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut digits = String::new();
    let mut at = 0;
    while let Some(start) = next_digit(bytes, at) {
        let before = text[..start].chars().next_back();
        // A number: digits, thousands commas, one decimal point.
        let (mut int_len, mut frac_len) = (0usize, 0usize);
        digits.clear();
        let mut in_frac = false;
        let mut j = start;
        let mut it = text[start..].char_indices().peekable();
        while let Some((off, ch)) = it.next() {
            let here = start + off;
            if let Some(d) = digit(ch) {
                digits.push((b'0' + d) as char);
                if in_frac {
                    frac_len += 1;
                } else {
                    int_len += 1;
                }
                j = here + ch.len_utf8();
            } else if ch == ','
                && !in_frac
                && text
                    .get(here + 1..here + 4)
                    .is_some_and(|w| w.bytes().all(|b| b.is_ascii_digit()))
                && !text[here + 1..]
                    .get(3..)
                    .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
            {
                j = here + 1;
            } else if (ch == '.' || ch == '．')
                && !in_frac
                && it.peek().is_some_and(|&(_, c)| digit(c).is_some())
            {
                in_frac = true;
                j = here + ch.len_utf8();
            } else {
                break;
            }
        }
        at = j.max(start + 1);
        let rest0 = &text[j..];
        // Codes and ordinals: G60, 5G, 第3.
        if before.is_some_and(|b| b.is_ascii_alphabetic() || b == '第' || b == '-' || b == '/')
            || rest0.starts_with(|c: char| c.is_ascii_alphabetic())
        {
            continue;
        }
        let int_value: Option<u64> = digits[..int_len].parse().ok();
        // Dates and times.
        if frac_len == 0
            && (rest0.starts_with(['月', '日', '号', '时', '点'])
                || (rest0.starts_with('年')
                    && (int_value.is_some_and(|v| (1949..=2100).contains(&v))
                        || (int_len <= 2
                            && before.is_some_and(|b| matches!(b, '—' | '～' | '至'))))))
        {
            continue;
        }
        // Magnitude, 余/多, then the kind and unit.
        let mut rest = rest0;
        let mut shift: i32 = 0;
        for (m, s) in [("万亿", 12), ("亿", 8), ("万", 4)] {
            if let Some(r) = rest.strip_prefix(m) {
                shift = s;
                rest = r;
                break;
            }
        }
        if shift == 0 && rest.starts_with('千') && !rest[3..].starts_with(['米', '克', '瓦']) {
            shift = 3;
            rest = &rest[3..];
        }
        for a in ["余", "多"] {
            if let Some(r) = rest.strip_prefix(a) {
                rest = r;
            }
        }
        // 10多万元, 20余万亩: the magnitude after 多 or 余.
        if shift == 0 && rest.len() < rest0.len() {
            for (m, s) in [("万亿", 12), ("亿", 8), ("万", 4)] {
                if let Some(r) = rest.strip_prefix(m) {
                    shift = s;
                    rest = r;
                    break;
                }
            }
        }
        let kind = if rest.starts_with(['%', '％']) {
            'p'
        } else if rest.starts_with("个百分点") || rest.starts_with("百分点") {
            'q'
        } else {
            'n'
        };
        let unit = UNIT_WORDS.iter().find(|u| rest.starts_with(**u)).copied();
        if let Some(u) = unit {
            rest = &rest[u.len()..];
        }
        let end = text.len() - rest.len();
        // One-digit integers without magnitude (3家, 5个) are everywhere.
        if shift == 0 && frac_len == 0 && int_value.is_some_and(|v| v < 10) {
            continue;
        }
        // Canonical value: the digits with leading and trailing zeros trimmed, and the
        // position of the decimal point with the magnitude applied.
        let lead = digits.len() - digits.trim_start_matches('0').len();
        let significant = digits[lead..].trim_end_matches('0');
        if significant.is_empty() {
            continue;
        }
        let point = int_len as i32 + shift - lead as i32;
        let mut key = fnv(significant.as_bytes());
        key = fnv(&[
            key.to_le_bytes().as_slice(),
            &point.to_le_bytes(),
            &[kind as u8],
            unit.map_or("", same_unit).as_bytes(),
        ]
        .concat());
        let specific = significant.len() >= 2;
        let round = !specific && kind == 'n' && unit.is_some();
        out.push(Figure {
            key,
            start,
            end,
            specific,
            round,
        });
    }
    out
}

/// Sorted unique keys of the facts of `text` that candidate generation counts, told apart
/// by their two lowest bits ([`key_kind`]): its specific figures and, for an item with few of
/// them, its round figures and the townships it seems to name.
///
/// Townships are read here by a scanner, not by the analysis (which candidate generation
/// cannot afford on a million items): the two and the three characters before each 镇 or 乡
/// (叶塘镇, 福田河镇 and 田河镇), unless one of them is a character that does not begin or
/// continue a name (乡镇, 全镇, 各乡, 城乡). A wrong key costs a candidate pair at most: the
/// verdict reads the places from the gazetteer.
pub fn candidate_keys(text: &str) -> Vec<u64> {
    let all = figures(text);
    let mut keys: Vec<u64> = all
        .iter()
        .filter(|f| f.specific)
        .map(|f| f.key & !3)
        .collect();
    keys.sort_unstable();
    keys.dedup();
    // An item with many specific figures is matched on them (its rarest figures make its
    // candidate keys, and the rules ask for half of them): its round figures and townships
    // would only cost time on a million items.
    if keys.len() > SPARSE_FIGURES {
        return keys;
    }
    keys.extend(
        all.iter()
            .filter(|f| f.round)
            .map(|f| (f.key & !3) | KeyKind::Round as u64),
    );
    // 镇 is E9 95 87 and 乡 E4 B9 A1 in UTF-8: find their lead bytes, then check.
    let bytes = text.as_bytes();
    for i in memchr::memchr2_iter(0xE9, 0xE4, bytes) {
        let c = match bytes.get(i..i + 3) {
            Some([0xE9, 0x95, 0x87]) => "镇",
            Some([0xE4, 0xB9, 0xA1]) => "乡",
            _ => continue,
        };
        if c == "乡" && text[i + c.len()..].starts_with(['村', '镇', '愁', '亲', '土', '贤', '里'])
        {
            continue;
        }
        // The two and the three characters before it, nearest first.
        for (n, (from, ch)) in text[..i].char_indices().rev().take(3).enumerate() {
            if !crate::text::is_han(ch) || NOT_IN_NAMES.contains(&ch) {
                break;
            }
            if n >= 1 {
                let name = &text[from..i + c.len()];
                keys.push((fnv(name.as_bytes()) & !3) | KeyKind::Place as u64);
            }
        }
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// An item with at most this many specific figures gets its round figures and townships as
/// candidate keys too (see [`candidate_keys`]).
pub const SPARSE_FIGURES: usize = 6;

/// Characters that do not make a township's name before 镇 or 乡.
const NOT_IN_NAMES: &[char] = &[
    '乡', '镇', '村', '城', '市', '县', '区', '省', '各', '全', '本', '我', '该', '每', '个', '等',
    '和', '与', '的', '在', '到', '从', '对', '小', '大', '中', '了', '是', '有', '及', '或', '为',
];

/// What a key of [`candidate_keys`] stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    Specific = 0,
    Round = 1,
    Place = 2,
}

/// The kind of a key of [`candidate_keys`] (or of its low 32 bits).
pub fn key_kind(key: u64) -> KeyKind {
    match key & 3 {
        1 => KeyKind::Round,
        2 => KeyKind::Place,
        _ => KeyKind::Specific,
    }
}

/// The facts of one item.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// Specific figures in text order (first mention): key, as written.
    pub figures: Vec<(u64, String)>,
    /// Their keys, sorted.
    pub keys: Vec<u64>,
    /// Round figures with their unit word (200余个, 5万元) in text order (first mention):
    /// key with the unit, as written.
    pub round: Vec<(u64, String)>,
    /// Their keys, sorted.
    pub round_keys: Vec<u64>,
    /// Townships and villages named (the full name when known).
    pub places: BTreeSet<String>,
    /// Quoted names (“共富工坊”) and people written as 王某.
    pub names: BTreeSet<String>,
    /// Byte ranges of the township and village mentions.
    pub place_spans: Vec<Span>,
}

/// A quoted phrase this long (characters) is a name; longer ones are quotations.
const NAME_CHARS: std::ops::RangeInclusive<usize> = 2..=12;

impl Facts {
    pub fn of(res: &Resources, text: &str) -> Facts {
        let analysis = Analysis::new(res, text, None);
        Facts::with_analysis(text, &analysis)
    }

    pub fn with_analysis(text: &str, analysis: &Analysis) -> Facts {
        let mut figures: Vec<(u64, String)> = Vec::new();
        let mut round: Vec<(u64, String)> = Vec::new();
        for f in self::figures(text) {
            if f.specific && !figures.iter().any(|(k, _)| *k == f.key) {
                figures.push((f.key, f.written(text).to_string()));
            }
            if f.round && !round.iter().any(|(k, _)| *k == f.key) {
                round.push((f.key, f.written(text).to_string()));
            }
        }
        let mut keys: Vec<u64> = figures.iter().map(|f| f.0).collect();
        keys.sort_unstable();
        let mut round_keys: Vec<u64> = round.iter().map(|f| f.0).collect();
        round_keys.sort_unstable();
        let local: Vec<&crate::text::places::Place> = analysis
            .places
            .iter()
            .filter(|p| matches!(p.level, PlaceLevel::Township | PlaceLevel::Village))
            .collect();
        let places = local
            .iter()
            .map(|p| p.canonical.clone().unwrap_or_else(|| p.name.clone()))
            .collect();
        let place_spans = local.iter().map(|p| Span::new(p.start, p.end)).collect();
        let mut names: BTreeSet<String> = crate::text::quotations(text)
            .into_iter()
            .map(|q| q.slice(text))
            .filter(|inner| {
                NAME_CHARS.contains(&inner.chars().count())
                    && !inner.contains(['，', '。', '、', '；', '：', ','])
            })
            .map(str::to_string)
            .collect();
        // 王某, 王某某: the surname before it, not 某些/某个.
        for (i, _) in text.match_indices('某') {
            let Some(s) = text[..i].chars().next_back() else {
                continue;
            };
            let next = text[i + 3..].chars().next();
            if crate::text::is_han(s)
                && !matches!(
                    s,
                    '某' | '在'
                        | '的'
                        | '对'
                        | '个'
                        | '有'
                        | '是'
                        | '和'
                        | '与'
                        | '等'
                        | '村'
                        | '镇'
                        | '乡'
                        | '县'
                        | '区'
                        | '市'
                        | '省'
                        | '街'
                )
                && !matches!(
                    next,
                    Some('些' | '个' | '种' | '项' | '一' | '地' | '村' | '镇' | '县')
                )
            {
                let end = if next == Some('某') { i + 6 } else { i + 3 };
                names.insert(text[i - s.len_utf8()..end].to_string());
            }
        }
        Facts {
            figures,
            keys,
            round,
            round_keys,
            places,
            names,
            place_spans,
        }
    }
}

/// What two items' facts have in common.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Shared {
    /// Shared figures as written in the first item: the specific ones, then the round ones
    /// with their unit word.
    pub figures: Vec<String>,
    pub places: Vec<String>,
    pub names: Vec<String>,
    /// How many of `figures` (the first ones) are specific.
    #[serde(skip)]
    pub specific: usize,
    /// Specific figures of the item with fewer of them.
    #[serde(skip)]
    pub fewer_figures: usize,
    /// Figures (specific and round) of the item with fewer of them.
    #[serde(skip)]
    pub fewer_all: usize,
}

impl Shared {
    pub fn between(a: &Facts, b: &Facts) -> Shared {
        let mut figures: Vec<String> = a
            .figures
            .iter()
            .filter(|(k, _)| b.keys.binary_search(k).is_ok())
            .map(|(_, w)| w.clone())
            .collect();
        let specific = figures.len();
        figures.extend(
            a.round
                .iter()
                .filter(|(k, _)| b.round_keys.binary_search(k).is_ok())
                .map(|(_, w)| w.clone()),
        );
        Shared {
            figures,
            places: a.places.intersection(&b.places).cloned().collect(),
            names: a.names.intersection(&b.names).cloned().collect(),
            specific,
            fewer_figures: a.figures.len().min(b.figures.len()),
            fewer_all: (a.figures.len() + a.round.len()).min(b.figures.len() + b.round.len()),
        }
    }

    /// Whether nothing is shared.
    pub fn is_empty(&self) -> bool {
        self.figures.is_empty() && self.places.is_empty() && self.names.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(text: &str) -> Vec<String> {
        figures(text)
            .into_iter()
            .filter(|f| f.specific)
            .map(|f| f.written(text).to_string())
            .collect()
    }

    #[test]
    fn figures_are_values_not_dates_codes_or_list_numbers() {
        assert_eq!(
            written("2026年3月15日，全镇312家企业缺工4,860人，同比扩大37.2%，提高5.2个百分点。"),
            vec!["312家", "4,860人", "37.2%", "5.2个百分点"]
        );
        // Years, ordinals, codes, one-digit counts.
        assert!(written("第12届，G60科创走廊，5G基站，3家合作社，2025年").is_empty());
        // The same value however written.
        let k = |t: &str| candidate_keys(t);
        assert_eq!(k("面积1.8万亩"), k("面积18000亩"));
        assert_eq!(k("缺口4860人"), k("缺口4860名"));
        assert_ne!(k("增长37.2%"), k("增长37.2万元"));
        assert_eq!(k("提高5.2个百分点"), k("提高5.2百分点"));
        assert_eq!(k("增长37.2％"), k("增长37.2%"));
        // Another unit is another fact; a bare number is neither.
        assert_ne!(k("渔船437艘"), k("渔民437户"));
        assert_ne!(k("共56人"), k("共56"));
        // 10 or 50% are said by many: not specific.
        assert!(written("10个村，50%，3万元").is_empty());
    }

    #[test]
    fn names_are_quoted_names_and_anonymised_people() {
        let res = Resources::shared();
        let f = Facts::of(
            &res,
            "推广“共富工坊”模式。村民王某某说，某些企业不愿参与，东岙村某纽扣厂也是。“坚持以人民为中心的发展思想，着力解决好人民群众急难愁盼问题”",
        );
        assert_eq!(
            f.names.iter().cloned().collect::<Vec<_>>(),
            vec!["共富工坊".to_string(), "王某某".to_string()]
        );
    }
}
