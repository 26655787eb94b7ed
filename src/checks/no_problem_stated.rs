//! no-problem-stated: a 问题类 item that reports only achievements.

use super::{on_title, Context, Diagnostic, Severity};
use crate::category::Category;

pub const NAME: &str = "no-problem-stated";

rule_doc!(
    "只报成绩、不报问题（no-problem-stated）

查什么：问题类信息通篇没有出现任何问题、风险、困难、短板、隐患、矛盾之类的表述。

为什么：讲话要求“要突出问题类”、“喜忧兼报”，问题类、专报类、调研类信息比重要达到80%，其中问题类要达50%。把工作总结标成问题类，既不符合问题类的要求，也会在审核时被改判或退回。

示例（不好）：类别标为问题类，正文只写“建立机制、开展活动、取得成效”。

示例（好）：写明问题是什么、有多大（数据）、在哪里（乡镇、村、企业）、原因何在，再提出建议。

怎么改：写出工作中遇到的问题、风险或群众反映的困难；确实只有成绩的，改报典型经验或动态。"
);

const DECLINE: &[&str] = &[
    "减弱",
    "趋弱",
    "萎缩",
    "老化",
    "流失",
    "空心化",
    "短缺",
    "缺口",
    "亏损",
    "拖欠",
    "积压",
    "滞后",
    "偏低",
    "收窄",
    "走低",
    "难以",
    "下滑",
    "不便",
    "停运",
    "停航",
];

pub fn check(ctx: &Context, severity: Severity, out: &mut Vec<Diagnostic>) {
    if ctx.category != Category::Problem {
        return;
    }
    // A problem can be told as a decline (守边力量明显减弱, 公共服务萎缩) without any of the
    // problem words; only unambiguous ones count (下降 is as often an achievement).
    // (Searched only in the rare draft with no problem word at all.)
    if ctx.elements.category.problem_words == 0 && !DECLINE.iter().any(|w| ctx.text.contains(w)) {
        out.push(on_title(
            ctx,
            severity,
            "问题类信息通篇没有写出任何问题、风险或困难，只报了成绩（讲话要求“要突出问题类”）"
                .into(),
            "写出存在的问题、风险或群众反映的困难；确实只有成绩的，改报典型经验或动态",
        ));
    }
}
