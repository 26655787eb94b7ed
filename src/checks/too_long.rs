//! too-long: the body is longer than the category's budget.

use super::{on_title, Context, Diagnostic, Severity};

pub const NAME: &str = "too-long";

rule_doc!(
    "篇幅过长（too-long）

查什么：正文（不含标题）字数超过该类信息的篇幅上限。默认：动态 500 字，问题类、典型经验、专报 2500 字，调研类 5000 字；在 xinjian.toml 的 [length] 中按类别修改，如 dynamic = [200, 500]。

为什么：讲话要求信息“文字精炼”。动态信息一两百字就能说清一件事；写成长文，省里编发时要大段删改，往往干脆不用。

示例（不好）：一篇会议动态写了 1200 字，逐一罗列每位领导的讲话要点。

示例（好）：300 字以内写清时间、地点、做了什么、结果是多少。

怎么改：删去背景铺垫和过程描述，留下事实和数字；内容确实多时改报专报或调研报告。"
);

pub fn check(ctx: &Context, severity: Severity, out: &mut Vec<Diagnostic>) {
    let Some([_, max]) = ctx.length.get(ctx.category) else {
        return;
    };
    let n = super::body_chars(ctx);
    if n > max {
        out.push(on_title(
            ctx,
            severity,
            format!(
                "正文{n}字，超过{}信息{max}字的篇幅（讲话要求“文字精炼”）",
                ctx.category.label()
            ),
            "删去背景铺垫和过程描述，留下事实和数字",
        ));
    }
}
