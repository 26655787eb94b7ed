//! generic-title: the title names no subject or no concrete fact, or is a stock pattern; and
//! a place the title names must appear in the body.

use once_cell::sync::Lazy;
use regex::Regex;

use super::{Context, Diagnostic, Severity};
use crate::category::Category;
use crate::lexicon::kind;
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

/// Words that make a title say something: a change, a finding, a judgement, a result.
pub(crate) const FINDINGS: &[&str] = &[
    "过半",
    "带富",
    "进入",
    "丰收",
    "开镰",
    "收割",
    "采摘",
    "交付",
    "投运",
    "竣工",
    "落户",
    "启用",
    "并存",
    "增长",
    "上涨",
    "涨价",
    "跌价",
    "走低",
    "攀升",
    "收窄",
    "萎缩",
    "缩水",
    "坍塌",
    "事故",
    "滑坡",
    "延期",
    "停产",
    "停工",
    "拖欠",
    "下降",
    "下滑",
    "下跌",
    "减少",
    "增加",
    "提高",
    "提升",
    "缺口",
    "扩大",
    "突破",
    "达",
    "超",
    "翻",
    "亟待",
    "亟需",
    "需引起",
    "值得关注",
    "引起关注",
    "需关注",
    "隐忧",
    "风险",
    "隐患",
    "难题",
    "短板",
    "问题",
    "困境",
    "矛盾",
    "瓶颈",
    "不足",
    "难",
    "压力",
    "投用",
    "投产",
    "开园",
    "上市",
    "首批",
    "实现",
    "带动",
    "让",
    "破解",
    "化解",
    "探索",
    "推行",
    "模式",
    "机制",
    "新路",
    "撑起",
    "激活",
    "盘活",
    "打造",
    "遇险",
    "突发",
    "反映",
    "火情",
    "降雨",
    "受灾",
    "成功率",
    "增收",
    "缩短",
    "清零",
    "全覆盖",
    "构建",
    "延伸",
    "做大",
    "活化",
];
/// Events that are the fact of a 动态 item.
pub(crate) const EVENTS: &[&str] = &[
    "召开", "举行", "举办", "启动", "开展", "部署", "出台", "印发", "签约", "开工", "发布", "揭牌",
    "成立", "上线", "完成",
];
/// Units that are a subject without a place name in the title.
/// A city department writes 我市…: the city is the subject.
pub(crate) const SUBJECTS: &[&str] = &["我市", "全市", "我县", "全县", "我区", "全区"];
pub(crate) const UNITS: &[&str] = &[
    "局",
    "委",
    "办公室",
    "公司",
    "合作社",
    "学校",
    "医院",
    "法院",
    "检察院",
    "街道",
    "社区",
    "银行",
];

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
    let in_title = |k: u32| ctx.analysis.words_in(t.start, t.end).any(|h| h.is(k));
    let has_subject = !title_places.is_empty()
        || in_title(kind::TITLE_SUBJECT)
        || ctx.gazetteer.names_a_local_product(title);
    // A figure, or a date other than a year (订单排至明年3月).
    let has_fact = ctx.analysis.data_in(t.start, t.end).next().is_some()
        || DIGIT_NOT_YEAR.is_match(title)
        || in_title(kind::FINDING)
        || (ctx.category == Category::Dynamic && in_title(kind::EVENT));
    let has_data = ctx.analysis.data_in(t.start, t.end).next().is_some();
    let stock = STOCK
        .find(title)
        .or_else(|| FRAME.find(title).filter(|_| !has_data));
    // 召开…推进会: the meeting is held, what it decided is not said (a figure, a date or a
    // finding in the title says something).
    let meeting = !has_data
        && !DIGIT_NOT_YEAR.is_match(title)
        && !in_title(kind::FINDING)
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
