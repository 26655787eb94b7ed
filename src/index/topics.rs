//! Topics, for 老生常谈 (stale-topic): what an item is about, as a weighted bag of its words,
//! so that a draft meets the earlier items on its subject even when its title says it in
//! other words.
//!
//! An item's topic vector: its jieba words of two or more Chinese characters, the title's
//! counted three times (a title names the subject), without place names (two items about
//! one township are not on one subject), figures or the generic words of the genre (工作,
//! 推进, 问题 …); each word weighted by (1 + ln tf) × idf, the inverse document frequency
//! taken from the archive, so the words every item uses count for little and a subject's own
//! terms (河湖长制, 黄龙病) for much. Synonyms that staff list in `lexicons/topic_synonyms.txt`
//! (one group per line, the first word the one kept) are counted as one word. Two items are
//! on one topic when the cosine of their vectors is at least [`SAME_TOPIC`].

use std::collections::HashMap;

use crate::text::Analysis;
use crate::text::Resources;
use crate::text::Span;

/// Cosine of two topic vectors at or above which two items are on the same topic.
///
/// No one value separates the topics of all five labelled sets (`tests/dups_editor`,
/// `tests/dups_editor2`, `tests/stale_editor3` … `5`, 104 drafts): the same topic falls as
/// low as 0.06–0.17 and another topic on shared vocabulary (芒果 and 苹果 prices, 肉牛 loans
/// and 肉牛 prices) reaches 0.21–0.26. At 0.15 (the value before the fourth and fifth sets)
/// 12 of the 52 fresh drafts were called stale; at 0.17, 4, for 6 stale drafts missed instead
/// of 3 (docs/measurements.md): a stale finding on a fresh draft costs more than a miss.
pub const SAME_TOPIC: f64 = 0.17;

/// A quotation longer than this (characters) is quoted text, not the item's own words.
pub const QUOTATION_CHARS: usize = 20;

/// A sub-word counts this share of its word.
const SUB_WORD_WEIGHT: f64 = 0.5;

/// Title words count this many times.
const TITLE_WEIGHT: f64 = 3.0;

/// Words of the genre that say nothing about the subject.
pub const GENERIC: &[&str] = &[
    "工作",
    "问题",
    "情况",
    "推进",
    "加强",
    "开展",
    "关于",
    "报告",
    "调研",
    "调查",
    "建议",
    "引起",
    "关注",
    "重视",
    "亟待",
    "破解",
    "存在",
    "有关",
    "相关",
    "进一步",
    "扎实",
    "发展",
    "提升",
    "持续",
    "加快",
    "推动",
    "实现",
    "对策",
    "思考",
    "我县",
    "我市",
    "我镇",
    "我局",
    "全县",
    "全市",
    "全镇",
    "需要",
    "亟需",
    "当前",
    "主要",
    "做法",
    "成效",
    "经验",
    "探索",
    "创新",
    "机制",
    "模式",
    "出现",
    "变化",
    "面临",
    "偏低",
    "偏高",
    "增长",
    "下降",
    "加大",
    "扩大",
    "成为",
    "取得",
    "形成",
    "走出",
    "进入",
    "首批",
    "一是",
    "二是",
    "三是",
    "四是",
    "五是",
    "目前",
    "今年",
    "去年",
    "近年来",
    "部分",
    "一些",
    "其中",
    "同比",
    "累计",
    "以上",
    "左右",
    "约",
    "达到",
    "通过",
    "进行",
    "建立",
    "完善",
    "落实",
    "强化",
    "工作者",
    "县委",
    "县委办",
    "市委办",
    "县政府",
    "镇党委",
    "下一步",
    "我们",
    "他们",
    "没有",
    "已经",
    "不断",
    "明显",
    "较大",
    "突出",
    "有效",
    "有序",
    "全面",
    "深入",
    "积极",
    "切实",
    "不少",
    "较多",
    "需引",
    "需要",
    "反映",
    "表示",
    "认为",
    "发现",
    "了解",
    "据统计",
];

/// The other words of the synonym groups `word` belongs to (see
/// `lexicons/topic_synonyms.txt`).
pub fn synonyms_of(res: &Resources, word: &str) -> Vec<String> {
    let synonyms = &res.lexicons.topic_synonyms;
    let head = synonyms.get(word).map_or(word, String::as_str);
    let mut out: Vec<String> = synonyms
        .iter()
        .filter(|(_, h)| h.as_str() == head)
        .map(|(w, _)| w.clone())
        .collect();
    if head != word && synonyms.values().any(|h| h == head) {
        out.push(head.to_string());
    }
    out.retain(|w| w != word);
    out.sort();
    out
}

/// The topic words of a text (title = first line) with their counts, title words counted
/// [`TITLE_WEIGHT`] times.
pub fn words(res: &Resources, text: &str) -> HashMap<String, f64> {
    words_with(res, text, &Analysis::new(res, text, None))
}

/// [`words`] with the text's analysis already made (its places are left out).
pub fn words_with(res: &Resources, text: &str, analysis: &Analysis) -> HashMap<String, f64> {
    let places: Vec<Span> = analysis
        .places
        .iter()
        .map(|p| Span::new(p.start, p.end))
        .collect();
    let title_end = text.find('\n').unwrap_or(text.len());
    // Long quotations (a central document, a provincial formula) are not the item's subject.
    let quoted: Vec<Span> = crate::text::quotations(text)
        .into_iter()
        .filter(|q| q.slice(text).chars().count() > QUOTATION_CHARS)
        .collect();
    let mut out: HashMap<String, f64> = HashMap::new();
    for t in res.segment(text) {
        let w = &text[t.start..t.end];
        if w.chars().count() < 2
            || !w.chars().all(crate::text::is_han)
            || GENERIC.contains(&w)
            || places.iter().any(|p| p.overlaps(t.start, t.end))
            || quoted.iter().any(|q| q.overlaps(t.start, t.end))
        {
            continue;
        }
        let weight = if t.end <= title_end {
            TITLE_WEIGHT
        } else {
            1.0
        };
        // A long word's dictionary sub-words count half, as search indexes them: jieba
        // cuts 综合利用率 into 综合 + 利用率 in one title and keeps 综合利用 whole in the next.
        for (s, e) in res.sub_words(w) {
            let sub = &w[s..e];
            if !GENERIC.contains(&sub) {
                *out.entry(sub.to_string()).or_default() += weight * SUB_WORD_WEIGHT;
            }
        }
        let w = res.lexicons.topic_synonyms.get(w).map_or(w, String::as_str);
        *out.entry(w.to_string()).or_default() += weight;
    }
    out
}

/// A topic vector: words with tf-idf weights, unit length.
#[derive(Debug, Clone, Default)]
pub struct Vector(pub HashMap<String, f64>);

impl Vector {
    /// From word counts and a document-frequency lookup over `n` items.
    pub fn new(counts: &HashMap<String, f64>, n: u64, df: &dyn Fn(&str) -> u64) -> Vector {
        let mut v: HashMap<String, f64> = counts
            .iter()
            .map(|(w, &tf)| {
                let idf = ((n as f64 + 1.0) / (df(w) as f64 + 1.0)).ln() + 1.0;
                (w.clone(), (1.0 + tf.ln()) * idf)
            })
            .collect();
        let norm = v.values().map(|x| x * x).sum::<f64>().sqrt();
        if norm > 0.0 {
            for x in v.values_mut() {
                *x /= norm;
            }
        }
        Vector(v)
    }

    pub fn cosine(&self, other: &Vector) -> f64 {
        let (small, large) = if self.0.len() <= other.0.len() {
            (self, other)
        } else {
            (other, self)
        };
        small
            .0
            .iter()
            .filter_map(|(w, x)| large.0.get(w).map(|y| x * y))
            .sum()
    }

    /// The heaviest words, most first.
    pub fn top(&self, k: usize) -> Vec<&str> {
        let mut v: Vec<(&String, &f64)> = self.0.iter().collect();
        v.sort_by(|a, b| b.1.total_cmp(a.1).then(a.0.cmp(b.0)));
        v.into_iter().take(k).map(|(w, _)| w.as_str()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_figures_and_generic_words_are_not_the_topic() {
        let res = Resources::shared();
        let w = words(
            &res,
            "永嘉县桥头镇纽扣企业用工缺口扩大\n全镇312家纽扣企业用工缺口达4860人，工作推进情况如下。",
        );
        assert!(w.contains_key("纽扣"), "{w:?}");
        assert_eq!(w["纽扣"], TITLE_WEIGHT + 1.0);
        for not in ["永嘉县", "桥头镇", "工作", "推进", "312", "情况"] {
            assert!(!w.contains_key(not), "{not}: {w:?}");
        }
    }

    #[test]
    fn a_synonym_group_holds_one_thing_under_its_names() {
        let res = Resources::shared();
        assert_eq!(synonyms_of(&res, "河长制"), ["河湖长制", "湖长制"]);
        // 林长制 is the forest chiefs' system: a neighbour of 河长制, not another name for it.
        assert!(synonyms_of(&res, "林长制").is_empty());
        let w = words(&res, "林长制落实情况\n林长巡林不到位。");
        assert!(
            w.contains_key("林长制") && !w.contains_key("河湖长制"),
            "{w:?}"
        );
    }

    #[test]
    fn the_same_subject_meets_and_another_does_not() {
        let res = Resources::shared();
        let docs = [
            "文成县河长履职不到位 巡河流于形式\n部分村级河长巡河走过场，河道垃圾清理不及时，河长制考核重台账轻实效。有的河长一年巡河不足十次，河道采砂、违建问题发现不了。",
            "松阳县河湖长制“上热下冷” 基层河湖长履职乏力\n基层河湖长巡河次数多但发现问题少，河道保洁经费不足，河长制考核流于形式，巡河记录靠补录。",
            "龙泉市香菇产业用工难\n香菇种植户用工成本上涨，采摘季临时工难招，烘干设备老旧，菇农收入下降。",
            "遂昌县茶园病虫害防治难\n茶园病虫害发生面积扩大，茶农用药不规范，绿色防控技术推广慢。",
        ];
        let counts: Vec<HashMap<String, f64>> = docs.iter().map(|d| words(&res, d)).collect();
        let df = |w: &str| counts.iter().filter(|c| c.contains_key(w)).count() as u64;
        let v: Vec<Vector> = counts.iter().map(|c| Vector::new(c, 4, &df)).collect();
        assert!(v[0].cosine(&v[1]) >= SAME_TOPIC, "{}", v[0].cosine(&v[1]));
        assert!(v[0].cosine(&v[2]) < SAME_TOPIC, "{}", v[0].cosine(&v[2]));
        assert!((v[0].cosine(&v[0]) - 1.0).abs() < 1e-9);
    }
}
