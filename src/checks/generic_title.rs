//! generic-title: the title names no subject or no concrete fact, or is a stock pattern; and
//! a place the title names must appear in the body.

use once_cell::sync::Lazy;
use regex::Regex;

use super::{Context, Diagnostic, Severity};
use crate::category::Category;
use crate::lexicon::Kind;
use crate::text::PlaceLevel;

pub const NAME: &str = "generic-title";

rule_doc!(
    "标题空泛（generic-title）

查什么：标题是否同时有主体（具体的地方或单位：某县、某镇、某局、某企业）和具体事实（数字、变化、发现或判断，如“缺口扩大”“增长26.4%”“需引起关注”）；是否套用“关于……的情况（报告）”“……多措并举推进……”“……扎实推进……”“……工作取得明显成效”“……的做法”“……存在的问题及建议”这类格式（“关于……的情况”“……的做法”“……存在的问题及建议”这类框架中间有数字的不算）；只写“召开……推进会”、没有数字、日期或具体判断的标题。标题中出现的地名，正文里也应当出现。

为什么：讲话要求专报类信息“标题‘亮眼’”。编辑先看标题决定是否往下读；“关于××工作情况的报告”放在哪个县都一样，省里一眼看不出这条信息新在哪里。

示例（不好）：关于平阳县电动自行车安全管理工作情况的报告

示例（好）：平阳县电动自行车充电隐患整改率达94.4% 仍有4成老旧小区缺充电设施

怎么改：标题写成“地方或单位 + 具体事实或判断”，能用数字就用数字。"
);

/// Stock phrases that say nothing whatever the rest of the title says.
static STOCK: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"多措并举|综合施策|扎实推进|强力推进|全力推进|深入推进|稳步推进|(?:工作)?取得(?:明显|显著|积极|良好|阶段性)?成效$|工作情况(?:的报告)?$|工作(?:有序)?推进$")
        .expect("stock title patterns")
});
/// Stock frames: empty unless what they frame has figures (关于紫阳县茶园面积五年增长31%…的调研
/// 报告 says something; 关于紫阳县茶产业的调研报告 does not).
static FRAME: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^关于.{0,60}的(?:情况|报告|专报|汇报|调研报告|调查报告|调研与思考|思考|调研|情况报告|工作情况|情况反映)$|(?:的|经验)做法$|(?:存在的|中的几个|的几个|存在)问题(?:及(?:对策)?建议)?$|问题及(?:对策)?建议$|存在短板$")
        .expect("stock title frames")
});
/// A meeting title: 召开…推进会, 召开…工作会议.
static MEETING: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"召开.{0,30}(?:会|会议)$").expect("meeting title"));
/// A digit that is not part of a year (2026年).
static DIGIT_NOT_YEAR: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?:^|[^0-9０-９])[0-9０-９]{1,3}(?:[^0-9０-９年]|$)").expect("digits")
});

pub fn check(ctx: &Context, severity: Severity, out: &mut Vec<Diagnostic>) {
    let t = ctx.analysis.title();
    let title = t.slice(ctx.text);
    if title.chars().count() < 2 {
        return;
    }
    let title_places: Vec<_> = ctx
        .analysis
        .places_in(t.start, t.end)
        .filter(|p| p.level != PlaceLevel::Province)
        .collect();
    let in_title = |k: Kind| ctx.analysis.words_in(t.start, t.end).any(|h| h.is(k));
    let has_subject = !title_places.is_empty()
        || in_title(Kind::TitleSubject)
        || ctx.gazetteer.names_a_local_product(title);
    // A figure, or a date other than a year (订单排至明年3月).
    let has_fact = ctx.analysis.data_in(t.start, t.end).next().is_some()
        || DIGIT_NOT_YEAR.is_match(title)
        || in_title(Kind::Finding)
        || (ctx.category == Category::Dynamic && in_title(Kind::Event));
    let has_data = ctx.analysis.data_in(t.start, t.end).next().is_some();
    let stock = STOCK
        .find(title)
        .or_else(|| FRAME.find(title).filter(|_| !has_data));
    // 召开…推进会: the meeting is held, what it decided is not said (a figure, a date or a
    // finding in the title says something).
    let meeting = !has_data
        && !DIGIT_NOT_YEAR.is_match(title)
        && !in_title(Kind::Finding)
        && MEETING.is_match(title);
    let why = match (stock, has_subject, has_fact) {
        (Some(m), _, _) => Some(format!("标题套用了“{}”这类格式", m.as_str())),
        _ if meeting => Some("标题只写了召开会议，没有写会议定了什么、要做成什么".to_string()),
        (None, false, false) => Some("标题既没有具体的地方或单位，也没有具体事实".to_string()),
        (None, false, true) => Some("标题没有点出具体的地方或单位".to_string()),
        (None, true, false) => Some("标题只有地方或单位，没有具体事实、数字或判断".to_string()),
        (None, true, true) => None,
    };
    if let Some(why) = why {
        out.push(Diagnostic {
            code: "",
            name: "",
            severity,
            message: format!("{why}（讲话要求标题“亮眼”）"),
            start: t.start,
            end: t.end,
            suggestion: Some("写成“地方或单位 + 具体事实或判断”，能用数字就用数字".into()),
        });
    }
    // A township or village in the title must be the body's subject too; counties and cities
    // are often referred to as 全县/县里 in the body, so they are not held to this.
    let body_start = t.end;
    let body = &ctx.text[body_start..];
    let local_in_title = title_places
        .iter()
        .any(|p| matches!(p.level, PlaceLevel::Township | PlaceLevel::Village));
    let refers_back = local_in_title
        && [
            "该镇",
            "全镇",
            "镇里",
            "该乡",
            "全乡",
            "乡里",
            "该街道",
            "街道",
            "该村",
            "全村",
            "村里",
        ]
        .iter()
        .any(|w| body.contains(w));
    for p in title_places
        .iter()
        .filter(|p| matches!(p.level, PlaceLevel::Township | PlaceLevel::Village) && !refers_back)
    {
        let seen = ctx.analysis.places.iter().any(|q| {
            q.start >= body_start
                && (q.name == p.name || (q.canonical.is_some() && q.canonical == p.canonical))
        });
        if !seen && ctx.text.len() > body_start {
            out.push(Diagnostic {
                code: "",
                name: "",
                severity,
                message: format!("标题中的“{}”在正文中没有出现，标题与正文对不上", p.name),
                start: p.start,
                end: p.end,
                suggestion: Some("正文中写明标题所说的地方，或修改标题".into()),
            });
        }
    }
}
