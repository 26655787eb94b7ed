//! Typical cases (「有典型事例」): a sentence that names a specific unit — a village or
//! community, a township, an enterprise, a person (张某) — and gives a concrete fact about it
//! (a figure or a date). Aggregates alone (全县共有企业312家) are not cases.

use once_cell::sync::Lazy;
use regex::Regex;

use crate::text::{Analysis, PlaceLevel};

/// One typical case: the sentence that carries it (byte offsets).
#[derive(Debug, Clone, PartialEq)]
pub struct TypicalCase {
    pub start: usize,
    pub end: usize,
    /// What makes it specific: 村（社区）, 乡镇, 企业 or 人物.
    pub subject: &'static str,
}

static ENTERPRISE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(某|[\p{Han}A-Za-z0-9]{2,10}?)(有限责任公司|股份有限公司|有限公司|集团|公司|专业合作社|合作社|家庭农场|工厂|民宿|酒店|超市|商行|养殖场)").unwrap()
});
static ENTERPRISE_SUFFIX: Lazy<aho_corasick::AhoCorasick> = Lazy::new(|| {
    aho_corasick::AhoCorasick::new([
        "公司",
        "集团",
        "合作社",
        "农场",
        "工厂",
        "民宿",
        "酒店",
        "超市",
        "商行",
        "养殖场",
    ])
    .unwrap()
});
static PERSON: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"[张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤]某某?|(?:村民|居民|群众|农户|商户|店主|业主|老人|学生|家长|职工|工人|书记|主任|负责人|老板)[\p{Han}]某").unwrap()
});
/// A role and a full name: 退休教师彭建华担任…, 村党支部书记王建国带领….
static NAMED_PERSON: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?:村民|居民|农户|商户|店主|业主|教师|书记|主任|负责人|老板|党员|网格员|志愿者|村医|医生|种植户|养殖户|经理|董事长|带头人|队长|站长|所长|社长|理事长|青年|大学生|退役军人)[张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤][\p{Han}]{1,2}(?:[，、：说介绍表示带领担任通过在把将从牵领创办流转]|同志)").unwrap()
});
static DATE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"[0-9一二三四五六七八九十]{1,3}月[0-9一二三四五六七八九十]{1,3}日").unwrap()
});

/// Enterprise names that are categories, not a specific enterprise.
const GENERIC_ENTERPRISE: &[&str] = &[
    "企业",
    "相关",
    "一家",
    "各",
    "该",
    "本",
    "物业",
    "国有",
    "平台",
    "运营",
    "保险",
    "建筑",
    "施工",
    "第三方",
    "劳务",
    "派遣",
    "多家",
    "家",
    "些",
    "部分",
    "有关",
    "涉事",
    "民营",
    "外资",
    "上市",
    "龙头",
    "网络",
    "快递",
    "外卖",
    "电商",
    "专业",
    "新型",
    "集体",
    "股份",
    "经济",
    "家庭",
    "城投",
    "投资",
    "农民",
    "科技",
    "小微",
    "中小",
    "规上",
    "规模以上",
    "所有",
    "多数",
    "少数",
    "个别",
    "其他",
    "省",
    "市",
    "县",
    "区",
    "村级",
    "镇级",
    "国企",
    "私营",
    "合资",
    "独资",
    "类",
    "旅游",
    "乡村",
    "农村",
    "精品",
    "特色",
    "星级",
    "连锁",
];

pub fn find(text: &str, a: &Analysis) -> Vec<TypicalCase> {
    let mut out = Vec::new();
    let title = a.title();
    for s in &a.sentences {
        if s.start < title.end {
            continue;
        }
        let sentence = s.slice(text);
        if sentence.chars().count() < 12 {
            continue;
        }
        let has_fact = a.data_in(s.start, s.end).next().is_some()
            || (sentence.contains('日') && DATE.is_match(sentence));
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
            // The regexes run only where their anchor words occur.
            if (sentence.contains('某') && PERSON.is_match(sentence))
                || NAMED_PERSON.is_match(sentence)
            {
                subject = Some("人物");
            } else if ENTERPRISE_SUFFIX.is_match(sentence)
                && ENTERPRISE.captures_iter(sentence).any(|c| {
                    let prefix = c.get(1).unwrap().as_str();
                    prefix == "某" || !GENERIC_ENTERPRISE.iter().any(|g| prefix.ends_with(g))
                })
            {
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
