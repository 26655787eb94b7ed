//! cliche-density: too many 套话 per 100 characters.

use super::{on_title, Context, Diagnostic, Severity};
use crate::elements::StaleClass;

pub const NAME: &str = "cliche-density";

rule_doc!(
    "套话过多（cliche-density）

查什么：每百字的套话（cliche 一项所查的词）数量超过阈值（默认每百字 1 处，xinjian.toml 中 [thresholds] cliche_per_100）。单个套话由 cliche 一项逐处提示；这一项看整篇的密度。

为什么：讲话要求信息“文字精炼”，选题“不能‘老生常谈’”。套话连篇的稿件，事实被淹没，编辑读不到想要的东西。

示例（不好）：县委、县政府高度重视，精心组织，多措并举，狠抓落实，形成齐抓共管的工作格局，取得明显成效。（50 字里 6 处套话）

示例（好）：县里 10 月起在桥头镇试行用工调剂，一个月撮合企业用工 412 人。

怎么改：删去套话，每句话都写一件具体的事或一个数字。"
);

pub fn check(ctx: &Context, severity: Severity, out: &mut Vec<Diagnostic>) {
    let n = ctx
        .elements
        .stale
        .iter()
        .filter(|s| s.class == StaleClass::Cliche)
        .count();
    let chars = super::body_chars(ctx).max(1);
    let per_100 = n as f64 * 100.0 / chars as f64;
    let limit = ctx.thresholds.cliche_per_100;
    if n >= 3 && per_100 > limit {
        out.push(on_title(
            ctx,
            severity,
            format!("全文{n}处套话，每百字{per_100:.2}处，超过{limit}处（讲话要求“文字精炼”）"),
            "删去套话，每句话都写一件具体的事或一个数字",
        ));
    }
}
