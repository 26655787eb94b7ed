//! Typical cases (「有典型事例」): a sentence that names a specific unit — a village or
//! community, a single township, an enterprise, a person (张某, 退休教师彭建华) — and gives a
//! concrete fact about it (a figure or a date). Aggregates alone (全县共有企业312家) and
//! listings (青莲镇、二郎庙镇等) are not cases.
//!
//! Matching is by word lists and a look at the characters around each hit, not by regexes
//! with bounded repetitions of Chinese characters, which are slow on long texts.

use once_cell::sync::Lazy;

use crate::lexicon::fixed::ROLES;
use crate::lexicon::{leftmost_longest_of, Kind, WordHit};
use crate::text::{is_han, Analysis, PlaceLevel};

/// One typical case: the sentence that carries it (byte offsets).
#[derive(Debug, Clone, PartialEq)]
pub struct TypicalCase {
    pub start: usize,
    pub end: usize,
    /// What makes it specific: 村（社区）, 乡镇, 企业 or 人物.
    pub subject: &'static str,
}

/// Enterprise names that are categories, not a specific enterprise.
#[rustfmt::skip]
const GENERIC_ENTERPRISE: &[&str] = &[
    "企业", "相关", "一家", "各", "该", "本", "物业", "国有", "平台", "运营", "保险", "建筑", "施工", "第三方", "劳务", "派遣",
    "多家", "家", "些", "部分", "有关", "涉事", "民营", "外资", "上市", "龙头", "网络", "快递", "外卖", "电商", "专业", "新型",
    "集体", "股份", "经济", "家庭", "城投", "投资", "农民", "科技", "小微", "中小", "规上", "规模以上", "所有", "多数", "少数",
    "个别", "其他", "省", "市", "县", "区", "村级", "镇级", "国企", "私营", "合资", "独资", "类", "旅游", "乡村", "农村", "精品",
    "特色", "星级", "连锁", "的", "和", "与", "及", "等",
];

const SURNAMES: &str = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";

fn is_surname(c: char) -> bool {
    static SET: Lazy<rustc_hash::FxHashSet<char>> = Lazy::new(|| SURNAMES.chars().collect());
    SET.contains(&c)
}

/// What may follow a full name: punctuation or the verb of the sentence.
const AFTER_NAME: &str = "，、：说介绍表示带领担任通过在把将从牵领创办流转";

/// A named enterprise: 某纽扣公司, 浙江华联纽扣有限公司 — not 相关企业公司, 物业公司.
/// `words` are the word hits inside `sentence`, which starts at byte `at` of the text.
pub(crate) fn has_enterprise(sentence: &str, at: usize, words: &[WordHit]) -> bool {
    leftmost_longest_of(words, Kind::Enterprise, at)
        .into_iter()
        .any(|(start, _)| {
            let before: Vec<char> = sentence[..start]
                .chars()
                .rev()
                .take_while(|&c| is_han(c) || c.is_ascii_alphanumeric())
                .take(10)
                .collect();
            if before.len() < 2 && before.first().is_none_or(|&c| c != '某') {
                return false;
            }
            let prefix: String = before.iter().rev().collect();
            prefix.contains('某') || !GENERIC_ENTERPRISE.iter().any(|g| prefix.ends_with(g))
        })
}

/// Searchers built once: building one per sentence cost more than the search.
static MOU: Lazy<memchr::memmem::Finder<'static>> = Lazy::new(|| memchr::memmem::Finder::new("某"));
static RI: Lazy<memchr::memmem::Finder<'static>> = Lazy::new(|| memchr::memmem::Finder::new("日"));

/// 张某, 李某某, 村民王某: an anonymised person.
pub(crate) fn has_anonymised_person(sentence: &str) -> bool {
    // memmem, not `match_indices(char)`: see `has_date`.
    MOU.find_iter(sentence.as_bytes()).any(|i| {
        let mut back = sentence[..i].chars().rev();
        match back.next() {
            Some(c) if is_surname(c) => true,
            Some(c) if is_han(c) => {
                let rest: String = back.take(3).collect::<Vec<_>>().into_iter().rev().collect();
                ROLES.iter().any(|r| rest.ends_with(r))
            }
            _ => false,
        }
    })
}

/// 退休教师彭建华担任…: a role, a surname, one or two more characters, then a verb or a comma.
pub(crate) fn has_named_person(sentence: &str, at: usize, words: &[WordHit]) -> bool {
    words.iter().filter(|h| h.is(Kind::Role)).any(|h| {
        let end = h.end - at;
        let mut after = sentence[end..].chars();
        if !after.next().is_some_and(is_surname) {
            return false;
        }
        let given: Vec<char> = after.clone().take(3).collect();
        (1..=2).any(|n| {
            given.len() > n
                && given[..n].iter().all(|&c| is_han(c))
                && (AFTER_NAME.contains(given[n])
                    || sentence[end..]
                        .chars()
                        .skip(1 + n)
                        .collect::<String>()
                        .starts_with("同志"))
        })
    })
}

/// 11月5日, 十月三日.
pub(crate) fn has_date(sentence: &str) -> bool {
    // memmem: a SIMD search for the whole character; a `char` pattern searches for its last
    // byte, which is frequent in Chinese text, and checks each hit.
    RI.find_iter(sentence.as_bytes()).any(|i| {
        let before: Vec<char> = sentence[..i].chars().rev().take(7).collect();
        let day = before
            .iter()
            .take_while(|c| c.is_ascii_digit() || crate::text::is_cn_digit(**c))
            .count();
        (1..=3).contains(&day) && before.get(day) == Some(&'月')
    })
}

pub fn find(text: &str, a: &Analysis) -> Vec<TypicalCase> {
    let mut out = Vec::new();
    let title = a.title();
    for s in &a.sentences {
        if s.start < title.end {
            continue;
        }
        let sentence = s.slice(text);
        if crate::text::fewer_chars_than(sentence, 12) {
            continue;
        }
        let has_fact = a.data_in(s.start, s.end).next().is_some() || has_date(sentence);
        if !has_fact {
            continue;
        }
        let mut subject = None;
        let townships: Vec<_> = a
            .places_in(s.start, s.end)
            .filter(|p| p.level == PlaceLevel::Township)
            .collect();
        // One township on its own is a case; 青莲镇、二郎庙镇等 is a listing.
        let single_township =
            townships.len() == 1 && !text[townships[0].end..s.end].starts_with(['等', '、']);
        for p in a.places_in(s.start, s.end) {
            match p.level {
                PlaceLevel::Village => subject = Some("村（社区）"),
                PlaceLevel::Township if subject.is_none() && single_township => {
                    subject = Some("乡镇")
                }
                _ => {}
            }
        }
        if subject.is_none() || subject == Some("乡镇") {
            let words: Vec<WordHit> = a.words_in(s.start, s.end).copied().collect();
            if has_anonymised_person(sentence) || has_named_person(sentence, s.start, &words) {
                subject = Some("人物");
            } else if has_enterprise(sentence, s.start, &words) {
                subject = Some("企业");
            }
        }
        if let Some(subject) = subject {
            out.push(TypicalCase {
                start: s.start,
                end: s.end,
                subject,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects() {
        let lex = crate::lexicon::Lexicons::embedded();
        let enterprise = |s: &str| has_enterprise(s, 0, &lex.word_hits(s));
        let named = |s: &str| has_named_person(s, 0, &lex.word_hits(s));
        assert!(enterprise("桥头镇某纽扣公司今年接单1200万粒"));
        assert!(enterprise("浙江华联纽扣有限公司投资2亿元"));
        assert!(!enterprise("全县规上企业公司化改造"));
        assert!(!enterprise("物业公司收费"));
        assert!(has_anonymised_person("村民王某反映"));
        assert!(has_anonymised_person("张某某表示"));
        assert!(!has_anonymised_person("某些企业"));
        assert!(named("退休教师彭建华担任屋场会召集人"));
        assert!(named("村党支部书记王建国同志介绍"));
        assert!(!named("村民代表大会通过"));
        assert!(has_date("11月5日，首批车棚投用"));
        assert!(has_date("十月三日起"));
        assert!(!has_date("日前，县里召开会议"));
    }
}
