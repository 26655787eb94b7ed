//! incomplete-structure: a part the category needs is missing (problem: causes; experience:
//! results; research: problems).

use super::{on_title, Context, Diagnostic, Severity};
use crate::category::Category;
use crate::lexicon::Kind;

pub const NAME: &str = "incomplete-structure";

rule_doc!(
    "缺少该类信息应有的部分（incomplete-structure）

查什么：调研类信息是否写了存在的问题；典型经验是否写了成效（成效、效果、实现、带动……并有数据）。类别是声明的、或推断把握较大（置信度 ≥ 0.6）时才查。建议是否齐全由 missing-suggestion 一项检查；问题类只报成绩由 no-problem-stated 一项检查。

不查原因分析：原因常常不用“原因”“由于”“导致”这类词写出，而是写在分述的问题里（“采茶工年龄偏大、数量减少”既是问题，也说明了缺工的原因）。按词语判断时，四套标注集上报出的“没有分析原因”三分之二是误报，所以这一项没有启用。

为什么：讲话要求信息“结构严谨、层次分明”：问题类要讲清问题、原因和对策，典型经验要讲清做法和成效，专报类“要有特色、有亮点、有成效”。调研报告不写问题，省里看不出调研发现了什么；只讲做法不讲成效，看不出经验是否管用。

示例（不好）：典型经验写了四条做法，最后只说“成效显著，群众一致好评”，没有一个数字。

示例（好）：在典型经验末尾写明“今年1—10月，调解成功率达96.4%，同比提高8个百分点”。

怎么改：调研类补上存在的问题；典型经验补上用数据说明的成效。"
);

pub fn check(ctx: &Context, severity: Severity, out: &mut Vec<Diagnostic>) {
    let a = ctx.analysis;
    let has = |k: Kind| a.words_in(a.title().end, ctx.text.len()).any(|h| h.is(k));
    // Held to the shape of its category only when the category is declared or clearly
    // inferred.
    let c = &ctx.elements.category;
    if c.declared.is_none() && c.inferred_confidence < crate::elements::category::CONFIDENT {
        return;
    }
    let missing: Option<&str> = match ctx.category {
        Category::Research if !has(Kind::StructureProblem) => Some("没有写存在的问题"),
        Category::Experience => {
            // A result is a result word in a sentence that also has a figure.
            let has_result = a.sentences.iter().any(|s| {
                a.words_in(s.start, s.end).any(|h| h.is(Kind::Result))
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
                _ => "补上调研发现的问题，如“调研发现，一是……二是……”",
            },
        ));
    }
}
