//! Category inference: 问题类, 调研类, 典型经验, 专报, 动态, with a confidence.
//!
//! A transparent score per category from the title's and body's wording, the length and
//! whether the draft makes suggestions; the confidence is the softmax share of the winner. A
//! declared 类别 wins; the inferred one is kept so a clear mismatch can be reported.

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use once_cell::sync::Lazy;

use crate::category::Category;
use crate::text::Analysis;

use super::Suggestion;

/// The category decided for a document.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryGuess {
    /// The category the checks use: declared if any, else inferred.
    pub category: Category,
    /// Confidence in `category` (1.0 when declared).
    pub confidence: f64,
    pub declared: Option<Category>,
    pub inferred: Category,
    pub inferred_confidence: f64,
}

const PROBLEM_WORDS: &[&str] = &[
    "问题", "隐患", "风险", "困难", "难题", "短板", "不足", "亟需", "亟待", "引起关注", "值得关注", "需关注", "引起重视", "堪忧", "担忧",
    "矛盾", "困境", "瓶颈", "缺口", "下滑", "滞后", "凸显", "频发", "隐忧", "苗头", "警惕", "难以", "不到位", "薄弱", "制约", "压力",
    "投诉", "纠纷", "欠薪", "流失", "空转", "负担", "跑路", "闲置", "违规", "乱象",
];
const EXPERIENCE_WORDS: &[&str] = &[
    "做法", "经验", "探索", "创新", "破解", "走出", "打造", "激活", "赋能", "蹚出", "新路", "模式", "成效", "实现", "推动", "助力",
    "有效", "提升", "带动", "盘活", "增收", "机制", "先行", "示范",
];
const RESEARCH_WORDS: &[&str] = &[
    "调研", "调查", "走访", "问卷", "座谈", "抽样", "样本", "基本情况", "原因分析", "存在问题", "对策建议", "思考", "研究",
];
const SPECIAL_WORDS: &[&str] = &[
    "突发", "事故", "险情", "灾情", "台风", "暴雨", "洪涝", "火灾", "舆情", "社情民意", "群众反映", "反映强烈", "热议", "呼声", "期盼",
    "诉求", "重要情况", "紧急", "伤亡", "受灾", "转移", "处置", "应急", "干部群众", "网民", "民意",
];
const DYNAMIC_TITLE: &[&str] = &[
    "召开", "举行", "举办", "启动", "开展", "部署", "出台", "印发", "签约", "开工", "发布", "调度", "会议", "培训", "活动", "开幕", "揭牌",
    "成立", "上线", "完成", "推进会", "观摩", "督查",
];

/// Lists whose words are counted, in the order of [`Counts`]' fields.
const LISTS: [&[&str]; 6] = [
    PROBLEM_WORDS,
    EXPERIENCE_WORDS,
    RESEARCH_WORDS,
    SPECIAL_WORDS,
    DYNAMIC_TITLE,
    &["调研", "调查", "思考", "报告", "分析"],
];

/// One automaton over every list: the text is scanned once, not once per word.
static MATCHER: Lazy<(AhoCorasick, Vec<usize>)> = Lazy::new(|| {
    let mut words = Vec::new();
    let mut list_of = Vec::new();
    for (i, list) in LISTS.iter().enumerate() {
        for w in *list {
            words.push(*w);
            list_of.push(i);
        }
    }
    let ac = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .build(&words)
        .expect("category words");
    (ac, list_of)
});

/// Occurrences of each list's words (overlapping matches counted, as `str::matches` per word would).
fn counts(s: &str) -> [f64; 6] {
    let (ac, list_of) = &*MATCHER;
    let mut c = [0f64; 6];
    for m in ac.find_overlapping_iter(s) {
        c[list_of[m.pattern().as_usize()]] += 1.0;
    }
    c
}

pub fn classify(text: &str, a: &Analysis, suggestions: &[Suggestion], declared: Option<Category>) -> CategoryGuess {
    let title = a.title().slice(text);
    let body = &text[a.title().end.min(text.len())..];
    let chars = body.chars().count().max(1) as f64;
    let per_k = |n: f64| n * 1000.0 / chars;
    let n_sugg = suggestions.len() as f64;

    let t = counts(title);
    let b = counts(body);
    // Indices into LISTS.
    let (pr, ex, re, sp, dy) = (0, 1, 2, 3, 4);
    let problem = 1.6 * t[pr].min(2.0) + 0.35 * per_k(b[pr]).min(8.0) + if n_sugg > 0.0 { 1.2 } else { -0.8 };
    let research = 1.8 * t[5].min(2.0)
        + 0.9 * b[re].min(6.0)
        + if chars > 1800.0 { 1.0 } else if chars < 900.0 { -1.5 } else { 0.0 }
        - 1.0;
    let experience = 1.4 * t[ex].min(3.0) + 0.25 * per_k(b[ex]).min(10.0)
        - 0.25 * per_k(b[pr]).min(8.0)
        + if n_sugg > 1.0 { -1.0 } else { 0.0 };
    let special = 1.5 * t[sp].min(2.0) + 0.6 * per_k(b[sp]).min(6.0) - 1.2;
    let dynamic = 1.3 * t[dy].min(2.0)
        + if chars < 550.0 { 2.2 } else if chars < 800.0 { 0.5 } else { -2.0 }
        - if n_sugg > 0.0 { 1.0 } else { 0.0 }
        - 0.2 * per_k(b[pr]).min(8.0);

    let scores = [
        (Category::Problem, problem),
        (Category::Research, research),
        (Category::Experience, experience),
        (Category::Special, special),
        (Category::Dynamic, dynamic),
    ];
    let max = scores.iter().map(|s| s.1).fold(f64::MIN, f64::max);
    let total: f64 = scores.iter().map(|s| (s.1 - max).exp()).sum();
    let (inferred, best) = scores
        .iter()
        .copied()
        .fold((Category::Problem, f64::MIN), |acc, s| if s.1 > acc.1 { s } else { acc });
    let inferred_confidence = ((best - max).exp() / total * 100.0).round() / 100.0;
    match declared {
        Some(c) => CategoryGuess {
            category: c,
            confidence: 1.0,
            declared,
            inferred,
            inferred_confidence,
        },
        None => CategoryGuess {
            category: inferred,
            confidence: inferred_confidence,
            declared,
            inferred,
            inferred_confidence,
        },
    }
}
