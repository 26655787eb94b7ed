//! missing-township-coverage: no township named and no township-level data.

use super::{on_title, severity_for, Context, Diagnostic, Element, Severity};

pub const NAME: &str = "missing-township-coverage";

rule_doc!(
    "没有写到乡镇层面（missing-township-coverage）

查什么：全文没有点出任何乡镇（街道），也没有乡镇层面的数据（如“全县18个乡镇中有7个……”“全镇……”）。“发展乡村”“文明村镇”“小城镇建设”“中心镇”“城乡融合”这类词不是乡镇名，不算数；“镇平县”是县，不是镇。

为什么：讲话要求信息“有县级、乡镇层面”。问题落到乡镇，信息才实，才便于省里判断和督办。问题类、调研类必须有；典型经验、专报降一级提示；动态不查。

示例（不好）：我县部分纽扣企业用工缺口较大，招工难问题突出。

示例（好）：桥头镇127家纽扣企业中，有41家缺工超过两成，缺工总数约1800人。

怎么改：点出问题集中的乡镇（街道）名称，或给出乡镇层面的数据。"
);

pub fn check(ctx: &Context, base: Severity, out: &mut Vec<Diagnostic>) {
    let Some(severity) = severity_for(base, Element::Township, ctx.category) else {
        return;
    };
    if !ctx.elements.coverage.township {
        out.push(on_title(
            ctx,
            severity,
            "没有写到乡镇层面：未点出任何乡镇（街道），也没有乡镇层面的数据（讲话要求“有县级、乡镇层面”）".to_string(),
            &format!(
                "点出问题集中的乡镇（街道），或给出“{}18个乡镇中有7个……”这样的乡镇层面数据",
                super::whole_area(ctx)
            ),
        ));
    }
}
