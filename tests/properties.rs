//! Property tests: generated drafts and bytes through the whole pipeline.
//!
//! Nothing else in the suite generates inputs, so nothing else would find the panic that a
//! three-line draft numbered `1、` … `3、` used to trigger. The drafts are built from an
//! alphabet that is mostly Chinese plus every character the checks key on (list markers,
//! punctuation, digits, units, place suffixes, vague-time words, emoji, combining marks).
//!
//! `XINJIAN_PROPTEST_CASES` sets the number of cases (default 3000 drafts; the byte-level
//! readers run the same number).

use proptest::prelude::*;
use proptest::test_runner::{Config as RunnerConfig, TestRunner};
use xinjian::report::{self, Options};
use xinjian::{source, Engine};

fn cases() -> u32 {
    std::env::var("XINJIAN_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000)
}

fn runner() -> TestRunner {
    TestRunner::new(RunnerConfig {
        cases: cases(),
        failure_persistence: None,
        ..RunnerConfig::default()
    })
}

/// Pieces a draft is built from: words and places the analysis looks for, list markers of
/// every kind, punctuation, numbers with and without units, and characters of other widths.
const PIECES: &[&str] = &[
    "县",
    "镇",
    "乡",
    "村",
    "街道",
    "社区",
    "永嘉县",
    "桥头镇",
    "温州市",
    "镇平县",
    "发展乡村",
    "文明村镇",
    "瑞安市",
    "塘下镇",
    "古岸头社区",
    "玉环县",
    "建议",
    "下一步",
    "由县农业农村局牵头",
    "一是",
    "二是",
    "三是",
    "十是",
    "一、",
    "二、",
    "四、",
    "（一）",
    "（三）",
    "(1)",
    "(2)",
    "1、",
    "3、",
    "2.",
    "1.",
    "１．",
    "①",
    "②",
    "十二、",
    "二十",
    "、",
    "，",
    "。",
    "：",
    "；",
    "（",
    "）",
    "“",
    "”",
    "《",
    "》",
    "！",
    "？",
    "…",
    "——",
    "0",
    "1",
    "2",
    "3",
    "5",
    "9",
    "12.5",
    "%",
    "％",
    "个百分点",
    "万元",
    "亿元",
    "家",
    "人",
    "亩",
    "同比增长",
    "下降",
    "三成",
    "近六成",
    "2026年",
    "11月3日",
    "近日",
    "近期",
    "日前",
    "高度重视",
    "多措并举",
    "取得明显成效",
    "进一步加强",
    "问题",
    "困难",
    "原因",
    "由于",
    "存在",
    "调研",
    "典型经验",
    "专报",
    "动态",
    "工商局",
    "脱贫攻坚",
    "企业",
    "公司",
    "合作社",
    "村民",
    "张某某",
    "书记",
    "十四五",
    "两个确立",
    "宛政办〔2026〕8号",
    "电话",
    "0577-12345678",
    "60岁以上",
    "\n",
    "\n",
    "\n\n",
    " ",
    "\t",
    "\u{3000}",
    "😀",
    "👨‍👩‍👧",
    "e\u{301}",
    "\u{200b}",
    "\u{feff}",
    "a",
    "Z",
    "-",
    "—",
    "/",
    ".",
    "<!-- xinjian: disable cliche -->",
    "---\n",
    "标题: 测试\n",
    "类别: 问题类\n",
    "单位：",
    "日期:",
    "纽扣",
    "秸秆",
    "综合利用",
    "电动自行车",
    "充电",
    "安全",
    "养老",
    "食堂",
    "茶叶",
    "工作",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(PIECES).prop_map(str::to_string),
        3 => prop::char::range('\u{4e00}', '\u{9fa5}').prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
    ]
}

fn draft() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..160).prop_map(|v| v.concat())
}

/// Every span of a report lies inside the text on character boundaries.
fn spans_ok(text: &str, spans: impl IntoIterator<Item = (usize, usize)>) -> Result<(), String> {
    for (s, e) in spans {
        if s > e || e > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            return Err(format!("span {s}..{e} in a text of {} bytes", text.len()));
        }
    }
    Ok(())
}

fn json_of(r: xinjian::DocReport) -> String {
    let mut out = Vec::new();
    report::Format::Json
        .render(
            &[Ok(r)],
            Options {
                color: false,
                include_text: true,
            },
            &mut out,
        )
        .unwrap();
    String::from_utf8(out).unwrap()
}

fn terminal_of(r: xinjian::DocReport) -> String {
    let mut out = Vec::new();
    report::Format::Terminal
        .render(&[Ok(r)], Options::default(), &mut out)
        .unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn generated_drafts_never_break_the_check() {
    let engine = Engine::new(Default::default()).unwrap();
    runner()
        .run(&draft(), |text| {
            let Ok(doc) = source::from_text("生成稿件.txt", &text) else {
                return Ok(());
            };
            let t = doc.text.clone();
            let r = engine
                .check_isolated(doc.clone())
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            let a = &r.analysis;
            let el = &r.elements;
            let spans = a
                .tokens
                .iter()
                .map(|x| (x.start, x.end))
                .chain(a.paragraphs.iter().map(|x| (x.start, x.end)))
                .chain(a.sentences.iter().map(|x| (x.start, x.end)))
                .chain(a.places.iter().map(|x| (x.start, x.end)))
                .chain(a.data_points.iter().map(|x| (x.start, x.end)))
                .chain(a.set_phrases.iter().map(|x| (x.start, x.end)))
                .chain(el.typical_cases.iter().map(|x| (x.start, x.end)))
                .chain(el.suggestions.iter().map(|x| (x.start, x.end)))
                .chain(el.stale.iter().map(|x| (x.start, x.end)))
                .chain(r.diagnostics.iter().map(|d| (d.start, d.end)));
            spans_ok(&t, spans).map_err(TestCaseError::fail)?;
            let q = r.quality.quality;
            prop_assert!(q <= 100);
            // Fixing any one finding never lowers the score.
            for i in 0..r.diagnostics.len() {
                let mut fewer = r.diagnostics.clone();
                fewer.remove(i);
                prop_assert!(xinjian::scoring::quality(&fewer).quality >= q);
            }
            // The same input gives the same report, in every format.
            let again = engine.check(doc.clone());
            prop_assert_eq!(terminal_of(again.clone()), terminal_of(r.clone()));
            prop_assert_eq!(json_of(again), json_of(r));
            Ok(())
        })
        .unwrap();
}

#[test]
fn generated_bytes_never_break_the_readers() {
    let bytes = prop::collection::vec(any::<u8>(), 0..2048);
    let ext = prop::sample::select(&["txt", "md", "docx", "doc", "wps"][..]);
    runner()
        .run(&(bytes, ext), |(bytes, ext)| {
            let name = format!("生成.{ext}");
            // Errors are fine; panics are not (the runner reports them as failures).
            let _ = source::from_bytes(name.as_ref(), &bytes);
            Ok(())
        })
        .unwrap();
}

#[test]
fn generated_front_matter_never_breaks_the_reader() {
    let line = prop_oneof![
        Just("---".to_string()),
        Just("标题: 永嘉县桥头镇纽扣企业缺工".to_string()),
        Just("日期: 2026-02-30".to_string()),
        Just("日期：2026年11月3日".to_string()),
        Just("类别: 问题类".to_string()),
        Just("采用: 省委办公厅".to_string()),
        Just("<!-- xinjian: disable cliche, X001 -->".to_string()),
        "[：:a-z\u{4e00}-\u{4e10} 0-9-]{0,20}",
    ];
    let text = prop::collection::vec(line, 0..12).prop_map(|v| v.join("\n"));
    let engine = Engine::new(Default::default()).unwrap();
    runner()
        .run(&text, |text| {
            if let Ok(doc) = source::from_bytes("生成.md".as_ref(), text.as_bytes()) {
                engine
                    .check_isolated(doc)
                    .map_err(|e| TestCaseError::fail(e.to_string()))?;
            }
            Ok(())
        })
        .unwrap();
}

/// Pieces of figures: digits of both widths, separators, magnitudes, units, dates.
const FIGURE_PIECES: &[&str] = &[
    "1",
    "2",
    "7",
    "0",
    "３",
    "８",
    ",",
    "，",
    ".",
    "．",
    "万",
    "亿",
    "千",
    "千米",
    "余",
    "多",
    "%",
    "％",
    "个百分点",
    "年",
    "月",
    "第",
    "G",
    "人",
    "名",
    "家",
    "—",
    "“",
    "”",
    "王某",
    "某些",
    "叶塘镇",
    "乡村",
    "福田河镇",
    "吨",
    "万元",
];

fn figure_draft() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        5 => prop::sample::select(FIGURE_PIECES).prop_map(str::to_string),
        3 => prop::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..120).prop_map(|v| v.concat())
}

/// Two generated drafts, the second partly the first: the duplicate verdict, the facts and
/// the topic words never panic, every figure lies on character boundaries, and the verdict
/// is the same whichever item comes first.
#[test]
fn generated_pairs_never_break_the_duplicate_verdict() {
    use xinjian::index::{facts, same_item, topics};
    let res = xinjian::Resources::shared();
    let pair = (figure_draft(), figure_draft(), 0usize..200);
    runner()
        .run(&pair, |(a, tail, cut)| {
            let cut = (0..=cut.min(a.len()))
                .rev()
                .find(|&i| a.is_char_boundary(i))
                .unwrap_or(0);
            let b = format!("{}{tail}", &a[..cut]);
            for t in [&a, &b] {
                let f = facts::figures(t);
                spans_ok(t, f.iter().map(|x| (x.start, x.end))).map_err(TestCaseError::fail)?;
                let _ = topics::words(&res, t);
            }
            let t = xinjian::index::minhash::Thresholds::default();
            let ab = same_item::judge_texts(&res, (&a, None), (&b, None), t);
            let ba = same_item::judge_texts(&res, (&b, None), (&a, None), t);
            prop_assert_eq!(ab.is_some(), ba.is_some());
            // The candidate keys (figures, round figures, townships read by the scanner):
            // sorted and unique, and what they say of a pair does not depend on its order.
            let (ka, kb) = (facts::candidate_keys(&a), facts::candidate_keys(&b));
            for k in [&ka, &kb] {
                prop_assert!(k.windows(2).all(|w| w[0] < w[1]));
            }
            prop_assert_eq!(
                same_item::facts_may_match(&ka, &kb),
                same_item::facts_may_match(&kb, &ka)
            );
            Ok(())
        })
        .unwrap();
}
