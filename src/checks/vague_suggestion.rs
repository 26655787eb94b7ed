//! vague-suggestion: a suggestion without an actor or action plus a measure or deadline.

use super::{Context, Diagnostic, Severity};

pub const NAME: &str = "vague-suggestion";

rule_doc!(
    "对策建议空泛（vague-suggestion）

查什么：每一条建议是否可操作：有责任主体（由哪个部门、哪个乡镇牵头）或具体举措（设立、出台、拨付、配备……），同时有可量化的内容（多少人、多少钱、每季度一次）或完成时限（2027年3月底前、年内）。两样都缺一的，报告缺什么，并指出其中的空泛说法（加大力度、进一步加强、切实提高、不断完善……）。

为什么：讲话要求“对策建议要有针对性、可操作性”。“进一步加大支持力度”放到哪里都对，也等于什么都没说，上级无法据此决策或督办。

示例（不好）：建议进一步加大支持力度，切实提高服务水平，不断完善用工保障机制。

示例（好）：建议由县人力社保局牵头，2027年3月底前在桥头镇设立用工调剂服务站，每季度组织一次跨县劳务对接。

怎么改：写明由谁（哪个部门）做什么、做到什么程度、何时完成。"
);

pub fn check(ctx: &Context, severity: Severity, out: &mut Vec<Diagnostic>) {
    for s in ctx.elements.suggestions.iter().filter(|s| !s.operable) {
        let missing: Vec<&str> = s.missing.iter().map(|m| m.label()).collect();
        let vague: Vec<&str> = s.vague.iter().map(|v| v.slice(ctx.text)).collect();
        let mut message = format!(
            "这条建议不够具体，缺少{}（讲话要求“对策建议要有针对性、可操作性”）",
            missing.join("、")
        );
        if !vague.is_empty() {
            message.push_str(&format!("；“{}”是空泛说法", vague.join("”“")));
        }
        out.push(Diagnostic {
            code: "",
            name: "",
            severity,
            message,
            start: s.start,
            end: s.end,
            suggestion: Some("写明由谁（哪个部门）做什么、做到什么程度、何时完成，如“由县人社局牵头，2027年3月底前在桥头镇设立用工调剂服务站”".into()),
        });
    }
}
