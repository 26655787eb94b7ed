//! Data points: quantities that report a fact (「要有点线面数据支撑」).
//!
//! One regex pass finds candidates — Arabic and Chinese numerals with a unit or measure word,
//! percentages, 个百分点, multiples, 三成-style fractions, rankings — and a few guards drop what
//! only looks like data: dates and times (no 年/月/日 unit is accepted), ordinals (第3),
//! list markers (一是, （一）), 一 as an article (一位村民), set phrases (两个确立, 三农, 十四五),
//! codes (G15), durations written as time anchors (3个月), age thresholds (60岁以上), and
//! counts of abstract things (三个方面, 两项措施).

use once_cell::sync::Lazy;
use regex::Regex;
use serde::Serialize;

use super::{places::PlaceLevel, Place, Span};
use crate::lexicon::{Kind, WordHit};

/// What kind of quantity a data point is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DataKind {
    Percent,
    Points,
    Multiple,
    Fraction,
    Ranking,
    Amount,
    Count,
}

/// 点线面: the level a figure speaks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DataLevel {
    /// 面: a whole county/city total.
    Area,
    /// 线: a sector or category breakdown.
    Line,
    /// 点: a named unit, village, enterprise or case.
    Point,
}

/// One data point; byte offsets into the document text.
#[derive(Debug, Clone, PartialEq)]
pub struct DataPoint {
    pub start: usize,
    pub end: usize,
    pub kind: DataKind,
    pub level: Option<DataLevel>,
}

const UNITS: &str = "个百分点|百分点|%|％|‰|℃|倍|微克/立方米|平方公里|平方千米|平方米|立方米|万千瓦时|千瓦时|万千瓦|千瓦|兆瓦|公顷|公里|千米|公斤|千克|\
人次|户次|车次|架次|班次|个工作日|工作日|个小时|小时|分钟|毫米|厘米|海里|万元|亿元|元|亩|吨|斤|人|户|家|个|名|位|项|件|起|所|座|处|栋|幢|套|台|辆|条|张|场|次|批|\
篇|份|期|支|株|棵|头|只|羽|间|床|艘|架|层|眼|组|节|款|班|米|天|岁|笔|宗|例|册|本|部|种|类|门|口|片|块|段|轮|趟|盏|根|箱|袋|包|单|分|标箱";
const CUNITS: &str = "个百分点|倍|成|万元|亿元|人次|户次|班次|公里|个工作日|个小时|小时|个|家|户|人|名|位|项|件|起|所|座|处|栋|套|台|辆|条|场|次|批|篇|亩|吨|元|天|岁|间|艘|支|架|层|笔|宗|例|种|类";

static DATA_RE: Lazy<Regex> = Lazy::new(|| {
    let num = r"[0-9０-９]+(?:,[0-9]{3})*(?:[.．][0-9０-９]+)?";
    let pattern = format!(
        r"(?P<streak>连续(?:[0-9]{{1,2}}|[一二两三四五六七八九十]{{1,2}})年)|(?P<first>(?:全国|全省|全市|全州|全县|全区)首位)|(?P<rank>(?:全国|全省|全市|全州|全县|全区|同类城市|同类县市|同批)(?:县级市|县市区|县（市、区）|地级市|同类城市|市州|县区|城市)?(?:排名|排|位列|位居|居)?(?:第[0-9一二三四五六七八九十]+位?|前[0-9一二三四五六七八九十]+(?:位|名)?))|(?P<rank2>(?:位居|居|排名|位列|列)(?:全国|全省|全市|全州|全县|全区)?第[0-9一二三四五六七八九十]+位?)|(?P<double>翻了?(?:一|两|三|四|[0-9]+)番)|(?P<pctcn>百分之[一二三四五六七八九十百零点]+)|(?P<frac>(?:[一二三四五六七八九十]+|[0-9]+)分之(?:[一二三四五六七八九十]+|[0-9]+))|(?P<half>(?:近|超过|超|约|不到|不足|占|达)一半)|(?P<ratio>{num}比{num}|{num}[：∶:]{num}(?:[：∶:]{num})*)|(?P<slash>[0-9]{{1,3}}/[0-9]{{1,3}})|(?P<span>{num}[—–\-~～至到]{num}(?:年|个月))|(?P<months>{num}个月)|(?P<num>{num})(?:[—–\-~～至到]{num})?(?:余|多)?(?P<mag>万亿|亿|万|千(?:瓦时|瓦|伏|米|克)?)?(?P<approx>余|多)?(?P<unit>{UNITS})?|(?P<cnum>[零〇一二两三四五六七八九十百千万亿]+)(?P<approx2>余|多)?(?P<cunit>{CUNITS})"
    );
    Regex::new(&pattern).expect("data point regex")
});

/// Nouns after a count that make it structure, not data (三个方面, 两项措施, 3个到位).
const ABSTRACT_AFTER: &[&str] = &[
    "方面", "措施", "举措", "环节", "原则", "要求", "重点", "关系", "方向", "目标", "阶段", "层面",
    "维度", "步骤", "原因", "特点", "体系", "机制", "意识", "自信", "确立", "维护", "务必", "全面",
    "结合", "转变", "坚持", "必须", "大局", "短板", "难题", "作用", "优势", "能力", "理念", "思想",
    "精神", "战略", "主题", "主线", "到位", "聚焦", "强化", "突出", "注重", "统筹", "抓手", "字",
    "是", "要", "不", "一", "着力", "问题", "矛盾", "任务", "路径", "思路", "模式", "做法", "经验",
    "导向", "基本", "根本", "核心", "关键", "层次", "部分", "月", "倾向", "属性", "渠道", "途径",
    "形式", "方式", "类型",
];
const STRUCTURAL_UNITS: &[&str] = &["个", "项", "条", "种", "类", "大", "批", "部", "点", "次"];
const FRACTION_NOT_AFTER: &[char] = &[
    '为', '功', '本', '员', '果', '立', '长', '熟', '就', '交', '型', '效', '都', '片', '绩', '品',
    '色', '语', '年', '人',
];

/// What a regex match is, read off the matched text (cheaper than capture groups).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape<'t> {
    Rank,
    /// 连续9年: a streak of years.
    Streak,
    Double,
    PctCn,
    Fraction,
    Ratio,
    Span,
    Months,
    Number {
        unit: Option<&'t str>,
        magnitude: bool,
    },
    Chinese {
        numeral: &'t str,
        unit: &'t str,
    },
}

/// Substring test for the short matched strings (cheaper than `str::contains` set-up).
fn contains_bytes(s: &str, needle: &str) -> bool {
    s.as_bytes()
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

fn is_num_char(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c) || matches!(c, ',' | '.' | '．')
}

impl<'t> Shape<'t> {
    fn of(s: &'t str) -> Shape<'t> {
        if s.starts_with(['全', '居', '位', '排', '列', '同']) {
            return Shape::Rank;
        }
        if s.starts_with('翻') {
            return Shape::Double;
        }
        if s.starts_with('连') {
            return Shape::Streak;
        }
        if s.starts_with("百分之") {
            return Shape::PctCn;
        }
        if contains_bytes(s, "分之") || s.ends_with("一半") {
            return Shape::Fraction;
        }
        let first = s.chars().next().unwrap_or(' ');
        if is_num_char(first) {
            if s.contains(['比', '：', '∶', ':']) {
                return Shape::Ratio;
            }
            let n = s.find(|c: char| !is_num_char(c)).unwrap_or(s.len());
            let mut r = &s[n..];
            if r.starts_with('/') {
                return Shape::Fraction;
            }
            let mut range = false;
            if let Some(c) = r
                .chars()
                .next()
                .filter(|c| matches!(c, '—' | '–' | '-' | '~' | '～' | '至' | '到'))
            {
                let r2 = &r[c.len_utf8()..];
                let n2 = r2.find(|c: char| !is_num_char(c)).unwrap_or(r2.len());
                if n2 > 0 {
                    range = true;
                    r = &r2[n2..];
                }
            }
            if r == "个月" {
                return if range { Shape::Span } else { Shape::Months };
            }
            if range && r == "年" {
                return Shape::Span;
            }
            let mut magnitude = false;
            // 100多万: the approximation may come before the magnitude.
            if let Some(x) = r.strip_prefix(['余', '多']) {
                if x.starts_with(['万', '亿', '千']) {
                    r = x;
                }
            }
            for mag in ["万亿", "亿", "万", "千"] {
                if let Some(x) = r.strip_prefix(mag) {
                    r = x;
                    magnitude = true;
                    break;
                }
            }
            let r = r.strip_prefix(['余', '多']).unwrap_or(r);
            return Shape::Number {
                unit: Some(r).filter(|u| !u.is_empty()),
                magnitude,
            };
        }
        let n = s
            .find(|c: char| !super::is_cn_numeral(c))
            .unwrap_or(s.len());
        let r = &s[n..];
        let r = r.strip_prefix(['余', '多']).unwrap_or(r);
        Shape::Chinese {
            numeral: &s[..n],
            unit: r,
        }
    }
}

/// Finds data points. `token_start` tells whether a word starts at a byte; `set_phrases` are byte spans of fixed
/// phrases whose numbers are not data; `places` and `words` (the word hits, in order of end)
/// give the level.
pub fn find(
    text: &str,
    token_start: &mut dyn FnMut(usize) -> bool,
    set_phrases: &[Span],
    places: &[Place],
    words: &[WordHit],
) -> Vec<DataPoint> {
    let mut out = Vec::new();
    for m in DATA_RE.find_iter(text) {
        let (start, end) = (m.start(), m.end());
        let before = text[..start].chars().next_back();
        let rest = &text[end..];
        // The guards below are all filters; the cheap ones that reject most candidates (dates,
        // 一 as an article) come first, the costlier context checks last.
        let shape = Shape::of(m.as_str());
        let kind = if shape == Shape::Rank {
            // 全国第一批 is a batch, 居第一方阵 a tier: no rank.
            // 全市第一产业 is the primary sector.
            if ["批", "方阵", "梯队", "届", "期", "轮", "次", "产业"]
                .iter()
                .any(|w| rest.starts_with(w))
            {
                continue;
            }
            DataKind::Ranking
        } else if shape == Shape::Double {
            DataKind::Multiple
        } else if shape == Shape::Streak {
            // 对连续3年考核优秀的 states a condition, not a fact.
            if matches!(before, Some('对' | '凡')) {
                continue;
            }
            DataKind::Count
        } else if shape == Shape::PctCn {
            DataKind::Percent
        } else if shape == Shape::Fraction {
            // 1/10, but not part of a date or a code (2026/11/5).
            if m.as_str().contains('/')
                && (before.is_some_and(|c| c.is_ascii_digit() || c == '/')
                    || rest.starts_with(|c: char| c.is_ascii_digit() || c == '/'))
            {
                continue;
            }
            DataKind::Fraction
        } else if shape == Shape::Ratio {
            // 3.9：59.5：36.6 and 5：1 are ratios; 10:30 and 9：05 are clock times, and a
            // ratio glued to other digits or letters is a code.
            // 按1∶1分担 states a rule of sharing, not a measured proportion.
            if is_clock_time(m.as_str())
                || before.is_some_and(|c| {
                    c.is_ascii_alphanumeric() || matches!(c, ':' | '：' | '按' | '照' | '以')
                })
            {
                continue;
            }
            DataKind::Count
        } else if shape == Shape::Span {
            // 5至7年 is a figure; 2021至2025年 is a period.
            if m.as_str().chars().filter(|c| c.is_ascii_digit()).count() > 4
                || matches!(before, Some('第'))
            {
                continue;
            }
            DataKind::Count
        } else if shape == Shape::Months {
            // 拖延8个月 is a figure; 近3个月, 3个月内 are time anchors.
            let prev2: String = text[..start]
                .chars()
                .rev()
                .take(2)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            if ["内", "以内", "来", "以来", "后", "前", "里"]
                .iter()
                .any(|w| rest.starts_with(w))
                || [
                    "近", "前", "这", "今年", "去年", "最近", "过去", "未来", "每",
                ]
                .iter()
                .any(|w| prev2.ends_with(w))
                || before.is_some_and(|c| c.is_ascii_digit() || c == '第')
            {
                continue;
            }
            DataKind::Count
        } else if let Shape::Number { unit, magnitude } = shape {
            // 提高20.9、36.2、54个百分点: a bare number shares the unit that ends its list.
            let unit = match unit {
                None if !magnitude => match rest
                    .starts_with('、')
                    .then(|| LIST_TAIL.find(rest))
                    .flatten()
                {
                    Some(t) => Some(shared_unit(t.as_str())),
                    None => continue,
                },
                u => u,
            };
            // 1000千伏 is a voltage class; 50万元以上的行政村 only delimits a group.
            let share = matches!(unit_kind(unit), DataKind::Percent | DataKind::Points);
            if unit == Some("伏")
                || (!share && (threshold_after(rest) || threshold_before(text, start, rest)))
            {
                continue;
            }
            // 八角村3组 is an address (a villagers' group); 24小时值守 says how, not how much.
            if unit == Some("组") && text[..start].ends_with('村')
                || unit == Some("小时")
                    && m.as_str().starts_with("24")
                    && ROUND_THE_CLOCK.iter().any(|w| rest.starts_with(w))
            {
                continue;
            }
            // 第3名, G15, 〔2026〕, 3.5.1: ordinals and codes.
            // A figure after a label and a colon (长寨：596套, 水价：6.50元/吨) is data; after a
            // digit and a colon it is the minutes of a time.
            let after_label = matches!(before, Some('：' | ':' | '∶'))
                && text[..start]
                    .chars()
                    .rev()
                    .nth(1)
                    .is_some_and(super::is_han);
            if (matches!(
                before,
                Some('第')
                    | Some('〔')
                    | Some('[')
                    | Some('.')
                    | Some(':')
                    | Some('：')
                    | Some('∶')
            ) && !after_label)
                || before.is_some_and(|c| c.is_ascii_alphanumeric())
            {
                continue;
            }
            if rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
                continue;
            }
            match unit {
                Some(u) if !number_unit_ok(u, text, start, rest) => continue,
                _ => {}
            }
            unit_kind(unit)
        } else if let Shape::Chinese { numeral: cn, unit } = shape {
            // 近百万元, but not 签约亿元以上项目: the approximation word must stand on its own.
            let approx_before = (matches!(
                before,
                Some('近' | '超' | '逾' | '约' | '上' | '达' | '足' | '到')
            ) && token_start(start - before.map_or(0, char::len_utf8)))
                || ["达到", "迈上", "迈入", "突破", "超过"]
                    .iter()
                    .any(|w| text[..start].ends_with(w));
            // 一 alone is an article (一位村民, 一家企业负责人) — but 增长一倍, 一成 are figures;
            // 千家万户 has no number unless approximated (近百万元); 零件 is a word.
            if (cn == "一" && !matches!(unit, "倍" | "成" | "个百分点"))
                || (cn.chars().all(|c| matches!(c, '万' | '亿' | '千' | '百')) && !approx_before)
                || cn.chars().all(|c| matches!(c, '零' | '〇'))
            {
                continue;
            }
            if before == Some('第') || (!approx_before && !token_start(start)) {
                continue;
            }
            if unit == "成" && (cn.chars().count() > 1 || rest.starts_with(FRACTION_NOT_AFTER)) {
                continue;
            }
            // 二次收费, 二次滑坡: “secondary”, not a count (a count is 两次); 三次产业 is the
            // economy's three sectors; 两次讲话 counts speeches, not a quantity of the subject.
            if unit == "次"
                && (cn == "二"
                    || ["产业", "讲话", "重要讲话", "全会", "指示", "批示"]
                        .iter()
                        .any(|w| rest.starts_with(w)))
            {
                continue;
            }
            // 二层展示厅 is the second floor; 两层 counts storeys.
            if unit == "层" && cn == "二" && !rest.starts_with(['楼', '高']) {
                continue;
            }
            if !number_unit_ok(unit, text, start, rest) {
                continue;
            }
            if unit == "成" {
                DataKind::Fraction
            } else {
                unit_kind(Some(unit))
            }
        } else {
            continue;
        };
        if super::any_overlap(set_phrases, |p| (p.start, p.end), start, end) {
            continue;
        }
        // A figure inside a place name (三台县 → 三台) is part of the name.
        if super::any_overlap(places, |p| (p.start, p.end), start, end) {
            continue;
        }
        // “四个全覆盖”, “1小时高铁圈”: a number inside a short quoted name is part of it.
        if in_quoted_name(text, start, end) {
            continue;
        }
        out.push(DataPoint {
            start,
            end,
            kind,
            level: level_of(text, start, places, words),
        });
    }
    out
}

/// The rest of a list of bare numbers that ends in one with a unit: 、36.2、54个百分点.
static LIST_TAIL: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(
        r"^(?:、[0-9]+(?:\.[0-9]+)?)+(?:万亿|亿|万)?(?:{UNITS})"
    ))
    .expect("list tail regex")
});

/// The unit at the end of a [`LIST_TAIL`] match.
fn shared_unit(tail: &str) -> &str {
    // After the last digit or magnitude character, whatever its width (万 and 亿 are three
    // bytes: `20、30亿元` once sliced inside 亿).
    let i = tail
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_ascii_digit() || matches!(c, '万' | '亿'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &tail[i..]
}

/// 以上/以下 followed by a noun: the figure only delimits a group (20户以上自然村, 50万元以上
/// 的行政村), it is no fact about it.
fn threshold_after(rest: &str) -> bool {
    let Some(r) = ["以上", "以下"].iter().find_map(|w| rest.strip_prefix(w)) else {
        return false;
    };
    let r = r.strip_prefix('的').unwrap_or(r);
    r.starts_with(super::is_han)
        && ![
            "的", "是", "为", "和", "及", "或", "都", "均", "也", "已", "达", "占", "有",
        ]
        .iter()
        .any(|w| r.starts_with(w))
}

/// 不足3天的, 超过3000人的企业: a comparison word before the figure and 的 after it delimit a
/// group (每周开门不足3天的有19个 counts the 19, not the 3). 不少于1亿元的资金 and 不超过…的
/// are amounts promised or capped, not groups.
fn threshold_before(text: &str, start: usize, rest: &str) -> bool {
    if !rest.starts_with('的') {
        return false;
    }
    let head = &text[..start];
    ["不足", "不到"].iter().any(|w| head.ends_with(w))
        || ["低于", "少于", "超过", "高于", "多于", "大于", "小于"]
            .iter()
            .any(|w| head.ends_with(w) && !head[..head.len() - w.len()].ends_with('不'))
}

/// What follows 24小时 when it describes a service rather than a duration.
const ROUND_THE_CLOCK: &[&str] = &[
    "值守",
    "值班",
    "服务",
    "在线",
    "营业",
    "开放",
    "监测",
    "监控",
    "不间断",
    "巡查",
    "待命",
    "畅通",
    "响应",
    "热线",
    "专人",
];

/// Last bytes of “ (E2 80 9C) and ” (E2 80 9D).
const OPEN_QUOTE: u8 = 0x9C;
const CLOSE_QUOTE: u8 = 0x9D;

/// Byte offsets of the curly quotation marks in `b` whose last byte is `last`: a SIMD search
/// for that byte, then a check of the two lead bytes.
fn quote_marks(b: &[u8], last: u8) -> impl DoubleEndedIterator<Item = usize> + '_ {
    memchr::memchr_iter(last, b)
        .filter(move |&i| i >= 2 && b[i - 2] == 0xE2 && b[i - 1] == 0x80)
        .map(|i| i - 2)
}

/// Whether `start..end` lies in a short quotation (“…”, at most 12 characters) with more text
/// after it inside the quotes: the number names something (“四个全覆盖”, “1小时高铁圈”).
/// Looks at most 11 characters back and 12 forward.
fn in_quoted_name(text: &str, start: usize, end: usize) -> bool {
    let from = super::ceil_boundary(text, start.saturating_sub(33));
    let head = &text[from..start];
    let Some(open) = quote_marks(head.as_bytes(), OPEN_QUOTE).next_back() else {
        return false;
    };
    if head[open..].contains(['”', '，', '。', '；']) {
        return false;
    }
    let tail = &text[end..super::floor_boundary(text, end + 36)];
    let Some(close) = quote_marks(tail.as_bytes(), CLOSE_QUOTE).next() else {
        return false;
    };
    let after = &tail[..close];
    !after.is_empty()
        && !after.contains(['“', '，', '。', '；'])
        && text[from + open..end + close].chars().count() <= 13
}

fn unit_kind(unit: Option<&str>) -> DataKind {
    match unit {
        Some("%") | Some("％") | Some("‰") => DataKind::Percent,
        Some("个百分点") | Some("百分点") => DataKind::Points,
        Some("倍") => DataKind::Multiple,
        Some("成") => DataKind::Fraction,
        Some(u) if u.ends_with('元') => DataKind::Amount,
        _ => DataKind::Count,
    }
}

/// Whether `rest` starts with one of [`ABSTRACT_AFTER`] (one or two characters each).
fn abstract_after(rest: &str) -> bool {
    static SET: Lazy<rustc_hash::FxHashSet<&str>> =
        Lazy::new(|| ABSTRACT_AFTER.iter().copied().collect());
    let mut ends = rest.char_indices().map(|(i, c)| i + c.len_utf8());
    ends.next().is_some_and(|e| SET.contains(&rest[..e]))
        || ends.next().is_some_and(|e| SET.contains(&rest[..e]))
}

fn number_unit_ok(unit: &str, text: &str, start: usize, rest: &str) -> bool {
    // 4个重点镇 counts places; 三个重点 is structure.
    let concrete_after_key = rest.starts_with("重点")
        && rest["重点".len()..].starts_with([
            '镇', '村', '乡', '企', '项', '行', '区', '人', '工', '街', '园', '产',
        ]);
    if STRUCTURAL_UNITS.contains(&unit) && !concrete_after_key && abstract_after(rest) {
        return false;
    }
    match unit {
        // 60岁以上 is a threshold, 30-40岁 an age band: neither is a figure.
        "岁" => {
            !["以上", "以下", "及以上", "及以下", "至", "—", "-", "～"]
                .iter()
                .any(|w| rest.starts_with(w))
                && !is_range_before(text, start)
        }
        // 35吨箱, 5万吨级码头: a size class, not a quantity.
        "吨" => !rest.starts_with(['箱', '级', '位']),
        // 10时30分 is a time.
        "分" => !matches!(text[..start].chars().next_back(), Some('时') | Some('点')),
        "期" | "部" | "门" | "口" | "片" | "块" | "段" | "单" | "本" => {
            !rest.starts_with('的')
        }
        _ => true,
    }
}

/// A clock time: hours and two-digit minutes (10:30, 9：05).
fn is_clock_time(s: &str) -> bool {
    let parts: Vec<&str> = s.split(['：', '∶', ':']).collect();
    parts.len() == 2
        && parts[1].len() == 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        && parts[0].parse::<u32>().is_ok_and(|h| h <= 24)
        && parts[1].parse::<u32>().is_ok_and(|m| m <= 59)
}

/// Whether the number at `start` ends a range (the 40 of 30-40岁): the match itself holds the
/// whole range, so look inside it from `start` to the unit.
fn is_range_before(text: &str, start: usize) -> bool {
    let tail = &text[start..];
    let digits = tail
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(tail.len());
    tail[digits..].starts_with(['—', '–', '-', '~', '～', '至', '到'])
}

/// Where the clause holding byte `pos` starts: after the last ，。；！？：or line break before
/// it. Searched backwards by the punctuation's lead bytes (EF, E3) and `\n`, not by decoding
/// every character.
fn clause_start(text: &str, pos: usize) -> usize {
    let b = &text.as_bytes()[..pos];
    let mut end = b.len();
    while let Some(i) = memchr::memrchr3(0xEF, 0xE3, b'\n', &b[..end]) {
        let n = match &b[i..] {
            [b'\n', ..] => 1,
            [0xE3, 0x80, 0x82, ..] | [0xEF, 0xBC, 0x8C | 0x9B | 0x81 | 0x9F | 0x9A, ..] => 3,
            _ => 0,
        };
        if n > 0 {
            return i + n;
        }
        end = i;
    }
    0
}

/// 点线面 from the words of the clause before the figure; `words` are the document's word
/// hits, in order of end.
fn level_of(text: &str, start: usize, places: &[Place], words: &[WordHit]) -> Option<DataLevel> {
    let clause_start = clause_start(text, start);
    let in_clause = super::within(places, |p| p.start, clause_start, start);
    let (mut point, mut line, mut area) = (false, false, false);
    let upto = words.partition_point(|h| h.end <= start);
    for h in words[..upto]
        .iter()
        .rev()
        .take_while(|h| h.end > clause_start)
        .filter(|h| h.start >= clause_start)
    {
        point |= h.is(Kind::LevelPoint);
        line |= h.is(Kind::LevelLine);
        area |= h.is(Kind::LevelArea);
    }
    let before = |lvls: &[PlaceLevel]| {
        in_clause
            .iter()
            .any(|p| p.end <= start && lvls.contains(&p.level))
    };
    if point || before(&[PlaceLevel::Township, PlaceLevel::Village]) {
        Some(DataLevel::Point)
    } else if line {
        Some(DataLevel::Line)
    } else if area || before(&[PlaceLevel::County, PlaceLevel::City]) {
        Some(DataLevel::Area)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clause_start_matches_rfind() {
        let text = "全县：共有3个乡镇，其中2个；另外！\n还有？5家。企业（1）说“好”";
        for (pos, _) in text.char_indices() {
            let expected = text[..pos]
                .rfind(['，', '。', '；', '！', '？', '\n', '：'])
                .map(|i| i + text[i..].chars().next().unwrap().len_utf8())
                .unwrap_or(0);
            assert_eq!(clause_start(text, pos), expected, "{pos}");
        }
    }
}
