//! missing-county-coverage: no county-level unit named and no county-level data.

use super::{on_title, severity_for, Context, Diagnostic, Element, Severity};

pub const NAME: &str = "missing-county-coverage";

rule_doc!(
    "没有写到县级层面（missing-county-coverage）

查什么：全文没有点出任何县（市、区）——全称或常用简称都算（永嘉县、永嘉；北川羌族自治县、北川县）——也没有“全县……”“县域……”这样的县级数据。

为什么：讲话要求信息“有县级、乡镇层面”。只写“我市”“各地”的信息，省里看不出问题落在哪里。

示例（不好）：各地普遍反映，今年秋粮收购价格偏低，农民惜售情绪较重。

示例（好）：据对平阳县、苍南县的调查，今年晚稻收购价每斤1.32元，比去年低0.08元。

怎么改：写明涉及的县（市、区）名称，或给出全县层面的数据。"
);

pub fn check(ctx: &Context, base: Severity, out: &mut Vec<Diagnostic>) {
    let Some(severity) = severity_for(base, Element::County, ctx.category) else {
        return;
    };
    if !ctx.elements.coverage.county {
        out.push(on_title(
            ctx,
            severity,
            "没有写到县级层面：未点出任何县（市、区），也没有全县层面的数据（讲话要求“有县级、乡镇层面”）".to_string(),
            "写明涉及的县（市、区）名称，或补充县级层面的数据（如“全县……”“全市……”）",
        ));
    }
}
