//! missing-suggestion: a problem or research item that proposes nothing.

use super::{on_title, severity_for, Context, Diagnostic, Element, Severity};

pub const NAME: &str = "missing-suggestion";

rule_doc!(
    "缺少对策建议（missing-suggestion）

查什么：问题类、调研类信息中找不到任何建议——没有“建议……”的句子，没有“对策建议”“意见建议”“下一步”部分，也没有这些部分下的一是、二是或（一）（二）条目。典型经验、专报、动态不查。

为什么：讲话要求问题类信息“对策建议要有针对性、可操作性”。只摆问题、不提建议，省里无从决策。

示例（不好）：全文只写缺工原因，结尾是“以上情况，需引起重视”。

示例（好）：建议由县人力社保局牵头，2027年3月底前在桥头镇设立用工调剂服务站，每季度组织一次跨县劳务对接。

怎么改：在文末加“对策建议”部分，每条写明由谁做什么、做到什么程度、何时完成。"
);

pub fn check(ctx: &Context, base: Severity, out: &mut Vec<Diagnostic>) {
    let Some(severity) = severity_for(base, Element::Suggestion, ctx.category) else {
        return;
    };
    if ctx.elements.suggestions.is_empty() {
        out.push(on_title(
            ctx,
            severity,
            format!(
                "{}信息没有对策建议（讲话要求“对策建议要有针对性、可操作性”）",
                ctx.category.label()
            ),
            "在文末加“对策建议”部分，每条写明由谁做什么、做到什么程度、何时完成",
        ));
    }
}
