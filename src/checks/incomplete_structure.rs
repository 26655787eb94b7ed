//! incomplete-structure: a part the category needs is missing (problem: causes; experience:
//! results; research: problems).

use super::{on_title, Context, Diagnostic, Severity};
use crate::category::Category;
use crate::lexicon::kind;

pub const NAME: &str = "incomplete-structure";

rule_doc!(
    "缺少该类信息应有的部分（incomplete-structure）

查什么：问题类、调研类信息是否分析了原因（由于、原因、导致、根源、症结……）；调研类是否写了存在的问题；典型经验是否写了成效（成效、效果、实现、带动……并有数据）。建议是否齐全由 missing-suggestion 一项检查。

为什么：讲话要求信息“结构严谨、层次分明”：问题类要讲清问题、原因和对策，典型经验要讲清做法和成效，专报类“要有特色、有亮点、有成效”。只摆现象不析原因，省里无法判断该怎么办；只讲做法不讲成效，看不出经验是否管用。

示例（不好）：问题类信息列举了三个现象后直接提建议，没有一句说明为什么会这样。

示例（好）：“究其原因，一是……二是……”，或在典型经验末尾写明“今年1—10月，调解成功率达96.4%，同比提高8个百分点”。

怎么改：问题类、调研类补上原因分析；典型经验补上用数据说明的成效。"
);

pub(crate) const CAUSE: &[&str] = &[
    "原因",
    "由于",
    "导致",
    "根源",
    "症结",
    "究其",
    "归因",
    "源于",
    "造成",
    "因为",
    "受制于",
    "主要是",
];
pub(crate) const RESULT: &[&str] = &[
    "成效",
    "效果",
    "实现",
    "带动",
    "增收",
    "提升",
    "提高",
    "增长",
    "下降",
    "减少",
    "达到",
    "达",
    "累计",
    "成功率",
];
pub(crate) const PROBLEM: &[&str] = &[
    "问题", "困难", "短板", "不足", "风险", "隐患", "矛盾", "瓶颈", "难",
];

/// 因原料溯源证明无法补齐 / 受出口管制影响: a cause written without the usual words.
fn has_because(body: &str) -> bool {
    // memmem: a SIMD search for the whole character (a `char` pattern searches for its
    // last byte, which most ideographs share a value range with).
    memchr::memmem::find_iter(body.as_bytes(), "因".as_bytes()).any(|i| {
        let rest = &body[i + '因'.len_utf8()..];
        !["此", "地制宜", "素", "人而异", "时", "势"]
            .iter()
            .any(|w| rest.starts_with(w))
    }) || body
        .split('。')
        .any(|s| s.contains('受') && s.contains("影响"))
}

pub fn check(ctx: &Context, severity: Severity, out: &mut Vec<Diagnostic>) {
    let a = ctx.analysis;
    let body = &ctx.text[a.title().end..];
    let has = |k: u32| a.words_in(a.title().end, ctx.text.len()).any(|h| h.is(k));
    let missing: Option<&str> = match ctx.category {
        Category::Problem | Category::Research if !has(kind::CAUSE) && !has_because(body) => {
            Some("没有分析原因")
        }
        Category::Research if !has(kind::STRUCTURE_PROBLEM) => Some("没有写存在的问题"),
        Category::Experience => {
            // A result is a result word in a sentence that also has a figure.
            let has_result = a.sentences.iter().any(|s| {
                a.words_in(s.start, s.end).any(|h| h.is(kind::RESULT))
                    && a.data_in(s.start, s.end).next().is_some()
            });
            (!has_result).then_some("没有用数据说明成效")
        }
        _ => None,
    };
    if let Some(what) = missing {
        out.push(on_title(
            ctx,
            severity,
            format!(
                "{}信息{what}（讲话要求“结构严谨、层次分明”）",
                ctx.category.label()
            ),
            match ctx.category {
                Category::Experience => {
                    "补上用数据说明的成效，如“调解成功率达96.4%，同比提高8个百分点”"
                }
                _ => "补上原因分析，如“究其原因，一是……二是……”",
            },
        ));
    }
}
