//! missing-data: the draft gives no figure at all.

use super::{on_title, severity_for, Context, Diagnostic, Element, Severity};

pub const NAME: &str = "missing-data";

rule_doc!(
    "缺少数据支撑（missing-data）

查什么：全文（含标题）没有任何数据——带单位或量词的数字、金额、百分比、个百分点、同比环比变化、倍数、“三成”、排名（全省第3）。日期、序号（一是、（一）、第一）、规划和会议名称（十四五、二十大）、含数字的固定提法（两个确立、三农）、文号和电话都不算数据。

为什么：讲话要求信息“要有点线面数据支撑”。没有数据的信息说不清问题有多大、成效有多实，省里难以采用。问题类、调研类、典型经验必须有数据；专报、动态缺数据时降一级提示。

示例（不好）：近年来，我县高度重视纽扣产业发展，产业规模不断扩大，但用工难问题日益突出。

示例（好）：全县现有纽扣企业312家，今年1—10月产值48.6亿元，同比增长6.2%；其中桥头镇缺工约3000人，占全县缺工总数的四成。

怎么改：补上面上的总量（全县）、线上的分类数据（某行业、某类企业），和点上的具体数据（某乡镇、某村、某企业），并写明比较基准（同比、环比、比上年）。"
);

pub fn check(ctx: &Context, base: Severity, out: &mut Vec<Diagnostic>) {
    let Some(severity) = severity_for(base, Element::Data, ctx.category) else {
        return;
    };
    if ctx.analysis.data_points.is_empty() {
        out.push(on_title(
            ctx,
            severity,
            format!("全文没有数据支撑（讲话要求“要有点线面数据支撑”），{}信息须用数字说明情况", ctx.category.label()),
            &format!(
                "补充{}总量（面）、分行业或分类数据（线）和具体乡镇、村、企业的数据（点），并写明同比或环比变化",
                super::whole_area(ctx)
            ),
        ));
    }
}
