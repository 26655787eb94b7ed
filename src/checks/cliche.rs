//! cliche: empty official phrases (套话).

use super::{Context, Diagnostic, Severity};
use crate::elements::StaleClass;

pub const NAME: &str = "cliche";

rule_doc!(
    "套话（cliche）

查什么：词表中的套话。两类：表态、过程类（高度重视、多措并举、精心组织……，lexicons/cliche_attitude.txt），和空泛成效类（取得明显成效、效果显著……，lexicons/cliche_result.txt）。空泛成效类在同一句里有数据时不报（“满意度明显提升，达96.2%”不报）。

为什么：讲话要求信息“文字精炼”，选题“不能‘老生常谈’”。套话不报告任何事实，占篇幅，也让编辑怀疑内容的真实性。

示例（不好）：我县高度重视，多措并举，取得明显成效。

示例（好）：县里10月起在桥头镇试行用工调剂，一个月撮合企业用工412人。

怎么改：删去套话，用做了什么、结果是多少代替。"
);

pub fn check(ctx: &Context, severity: Severity, out: &mut Vec<Diagnostic>) {
    for s in ctx
        .elements
        .stale
        .iter()
        .filter(|s| s.class == StaleClass::Cliche)
    {
        let phrase = &ctx.text[s.start..s.end];
        let (message, suggestion) = if s.vague_result {
            (
                format!(
                    "“{phrase}”是空泛的成效表述，同一句里没有数据（讲话要求“要有点线面数据支撑”）"
                ),
                "用具体数字说明成效，如“……同比下降23%”",
            )
        } else {
            (
                format!("“{phrase}”是套话，不报告任何事实（讲话要求“文字精炼”）"),
                "删去，或换成具体做了什么",
            )
        };
        out.push(Diagnostic {
            code: "",
            name: "",
            severity,
            message,
            start: s.start,
            end: s.end,
            suggestion: Some(suggestion.into()),
        });
    }
}
