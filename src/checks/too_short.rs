//! too-short: the body is shorter than the category's budget.

use super::{on_title, Context, Diagnostic, Severity};

pub const NAME: &str = "too-short";

rule_doc!(
    "篇幅过短（too-short）

查什么：声明了类别的稿件，正文（不含标题）字数少于该类信息的篇幅下限（没有声明类别时不查：篇幅短本身说明它可能是动态或专报，不能按推断的类别说它太短）。默认：动态 200 字，问题类、典型经验 500 字，专报 300 字，调研类 1000 字；在 xinjian.toml 的 [length] 中修改。

为什么：问题类信息要讲清问题、原因和建议，调研报告要有基本情况、问题、原因和对策，篇幅太短往往说明要素不全（讲话要求“有点线面数据支撑，有县级、乡镇层面，有典型事例”）。

示例（不好）：一篇问题类信息只有两段 300 字，没有原因分析，也没有建议。

示例（好）：问题类信息先用数据说明问题有多大，再举一个典型事例，分析两三条原因，最后提出可操作的建议。

怎么改：按该类信息的结构补齐内容；若只是报告一件事的进展，改报动态。"
);

pub fn check(ctx: &Context, severity: Severity, out: &mut Vec<Diagnostic>) {
    // Only against a declared category: an item's length is itself evidence of its type, so
    // a short item whose category is inferred is more likely a 动态 (or a short 专报) than a
    // 问题类 item that is too short.
    if ctx.elements.category.declared.is_none() {
        return;
    }
    let Some([min, _]) = ctx.length.get(ctx.category) else {
        return;
    };
    let n = super::body_chars(ctx);
    if n < min {
        out.push(on_title(
            ctx,
            severity,
            format!(
                "正文只有{n}字，少于{}信息{min}字的篇幅，要素可能不全",
                ctx.category.label()
            ),
            "按该类信息的结构补齐内容；若只是报告一件事的进展，改报动态",
        ));
    }
}
