//! missing-typical-case: no sentence names a specific unit with a concrete fact about it.

use super::{on_title, severity_for, Context, Diagnostic, Element, Severity};

pub const NAME: &str = "missing-typical-case";

rule_doc!(
    "缺少典型事例（missing-typical-case）

查什么：没有一句话同时写出一个具体对象——某个村（社区）、乡镇、企业或人物（张某）——和关于它的具体事实（数字或日期）。只有全县汇总数字不算典型事例。

为什么：讲话要求信息“有典型事例”。一个具体的事例比十句概括更能说明问题，也是省里编发信息时最常引用的部分。问题类、调研类缺少时报警告，典型经验降一级报提示；专报、动态不查。问题类、调研类、典型经验缺少典型事例时不算“要素齐全”，不计条数。

示例（不好）：部分企业反映招工难，一些企业甚至被迫减产。

示例（好）：桥头镇某纽扣公司今年10月接到外贸订单1200万粒，因缺工60人，被迫停开2条生产线。

怎么改：补充一个具体的村（社区）、企业或人物的事例：发生了什么、数字是多少、什么时候。"
);

pub fn check(ctx: &Context, base: Severity, out: &mut Vec<Diagnostic>) {
    let Some(severity) = severity_for(base, Element::Case, ctx.category) else {
        return;
    };
    if ctx.elements.typical_cases.is_empty() {
        out.push(on_title(
            ctx,
            severity,
            "缺少典型事例：没有写到具体的村（社区）、企业或人物及其具体情况（讲话要求“有典型事例”）".to_string(),
            "补充一个具体的村（社区）、企业或人物的事例：发生了什么、数字是多少、什么时候",
        ));
    }
}
