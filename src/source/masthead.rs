//! The masthead (刊头) many drafts begin with, as they are laid out for the printed bulletin:
//!
//! ```text
//! 永嘉信息
//! 第45期
//! 中共永嘉县委办公室　　　　2026年11月3日
//! 签发：某某
//!
//! 永嘉泵阀中小企业“订单多、周转难”问题亟待关注
//! ```
//!
//! The block is recognised line by line from the top: a publication name (…信息, 《…政务信息》,
//! …动态, …简报), an issue line (第45期, 2026年第38期（总第612期）, 建水专刊　第9期), the issuing
//! office with the date, sign-off lines (签发：, 核稿：), handling marks (内部资料　注意保存, 特急)
//! and rules (————). It counts as a masthead only with an issue line, or with a publication
//! name and an office-and-date line together, so that a title such as 桥头镇工作动态 is never
//! taken for one; and only when a title follows it. The lines are then taken off the text: the
//! title is the first line after them, and the office and date fill the metadata when it has
//! none.

use once_cell::sync::Lazy;
use regex::Regex;

/// What a masthead said.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Masthead {
    /// 永嘉信息
    pub publication: Option<String>,
    /// 第45期
    pub issue: Option<String>,
    /// The issuing office: 中共永嘉县委办公室.
    pub unit: Option<String>,
    /// ISO date of the issue.
    pub date: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Blank,
    Publication,
    Issue,
    OfficeDate,
    Other,
}

static PUBLICATION: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"^[《〈]?[\p{Han}·]{0,14}(信息|政务信息|信息专报|动态|要情|简报|专报|快报|参阅|通讯|摘报|专刊|内参|参考|要报)[》〉]?$",
    )
    .unwrap()
});
static ISSUE: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"第\s*[0-9０-９]+\s*期|总第\s*[0-9０-９]+\s*期|增刊").unwrap());
static DATE: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日").unwrap());
static OFFICE: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"(办公室|办公厅|人民政府|委员会|信息科|信息处|编印|编)").unwrap());
static SIGN_OFF: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(签发|核稿|审核|审签|编辑|责任编辑|主编|联系人|联系电话|报送)\s*[：:]").unwrap()
});
static MARK: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"^(内部资料|注意保存|内部刊物|秘密|机密|特急|加急|急件|此件不公开|（共印[0-9]+份）|\s)+$",
    )
    .unwrap()
});

fn is_rule(line: &str) -> bool {
    !line.is_empty() && line.chars().all(|c| "—-－=＝_＿━─━·.…".contains(c))
}

static YEAR: Lazy<Regex> = Lazy::new(|| Regex::new(r"[0-9]{4}\s*年").unwrap());

/// 第45期, 2026年第38期（总第612期）, 建水专刊　第9期: an issue number with at most a year, brackets
/// and a publication name around it (not 永嘉县举办第45期电商培训班).
fn issue_line(t: &str) -> bool {
    if t.chars().count() > 30 || !ISSUE.is_match(t) {
        return false;
    }
    let rest = ISSUE.replace_all(t, "");
    let rest = YEAR.replace_all(&rest, "");
    // 〔2026〕第3期: a bracketed year is part of the issue number.
    let rest: String = rest
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_ascii_digit() && !"（）()【】〔〕[]".contains(*c))
        .collect();
    rest.is_empty() || PUBLICATION.is_match(&rest)
}

/// 中共永嘉县委办公室　2026年11月3日, 县委办公室信息科编, or a date alone.
fn office_date_line(t: &str) -> bool {
    if t.chars().count() > 60 || t.contains(['。', '，', '；']) {
        return false;
    }
    let rest = DATE.replace_all(t, "");
    let rest = rest.trim();
    (DATE.is_match(t) && (rest.is_empty() || OFFICE.is_match(rest)))
        || (OFFICE.is_match(t) && t.ends_with('编'))
        || OFFICE_NAME.is_match(t)
}

/// The issuing office alone on a line above the publication name (桃源县委办公室).
static OFFICE_NAME: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(中共)?\p{Han}{2,16}(委办公室|政府办公室|人民政府办公室|委员会办公室|办公厅)$")
        .unwrap()
});

/// The kind of a masthead line; `None` for a line that is no part of one (the title).
fn kind(line: &str) -> Option<Kind> {
    let t = line.trim_matches(|c: char| c.is_whitespace());
    if t.is_empty() {
        Some(Kind::Blank)
    } else if issue_line(t) {
        Some(Kind::Issue)
    } else if PUBLICATION.is_match(t) {
        Some(Kind::Publication)
    } else if office_date_line(t) {
        Some(Kind::OfficeDate)
    } else if SIGN_OFF.is_match(t) || MARK.is_match(t) || is_rule(t) {
        Some(Kind::Other)
    } else {
        None
    }
}

/// Splits a masthead off the top of `text`: its content and the text after it (starting at
/// the title line). `None` when the text does not begin with one.
///
/// ```
/// use xinjian::source::masthead::split;
/// let text = "永嘉信息\n第45期\n中共永嘉县委办公室　　2026年11月3日\n\n桥头镇纽扣企业缺工\n正文";
/// let (m, rest) = split(text).unwrap();
/// assert_eq!(rest, "桥头镇纽扣企业缺工\n正文");
/// assert_eq!(m.unit.as_deref(), Some("中共永嘉县委办公室"));
/// assert_eq!(m.date.as_deref(), Some("2026-11-03"));
/// assert!(split("桥头镇工作动态\n正文第一段。").is_none());
/// ```
pub fn split(text: &str) -> Option<(Masthead, &str)> {
    let mut m = Masthead::default();
    let (mut publication, mut issue, mut office) = (false, false, false);
    let mut pos = 0;
    for (lines, line) in text.split_inclusive('\n').enumerate() {
        // At most a dozen lines of masthead.
        if lines >= 12 {
            return None;
        }
        let Some(k) = kind(line) else {
            break;
        };
        let t = line.trim_matches(|c: char| c.is_whitespace());
        match k {
            Kind::Publication if !publication => {
                publication = true;
                m.publication = Some(t.to_string());
            }
            Kind::Issue => {
                issue = true;
                // 建水专刊　第9期: the publication name may share the line.
                let at = ISSUE.find(t).map_or(0, |f| f.start());
                let before = t[..at].trim_matches(|c: char| c.is_whitespace());
                if m.publication.is_none() && PUBLICATION.is_match(before) {
                    m.publication = Some(before.to_string());
                }
                m.issue.get_or_insert_with(|| t[at..].trim().to_string());
            }
            Kind::OfficeDate => {
                office = true;
                if let Some(c) = DATE.captures(t) {
                    let date = format!("{}-{}-{}", &c[1], &c[2], &c[3]);
                    m.date = m.date.take().or_else(|| crate::date::parse_date(&date));
                }
                let rest = DATE.replace_all(t, "");
                let unit = rest
                    .split(|c: char| c.is_whitespace())
                    .find(|s| !s.is_empty())
                    .map(|s| s.trim_end_matches('编').to_string());
                if m.unit.is_none() {
                    m.unit = unit.filter(|u| !u.is_empty());
                }
            }
            _ => {}
        }
        pos += line.len();
    }
    let rest = &text[pos..];
    let recognised = issue || (publication && office);
    let has_title = rest.lines().any(|l| !l.trim().is_empty());
    (recognised && has_title).then_some((m, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title_after(text: &str) -> Option<String> {
        split(text).map(|(_, rest)| rest.lines().next().unwrap_or("").to_string())
    }

    #[test]
    fn mastheads_of_every_form_are_taken_off() {
        for (text, unit, date) in [
            ("永嘉信息\n第45期\n中共永嘉县委办公室　　　　2026年11月3日\n\n标题甲\n正文", Some("中共永嘉县委办公室"), Some("2026-11-03")),
            ("桐庐信息\n2026年第38期（总第612期）\n中共桐庐县委办公室编　　　　　　2026年9月22日\n\n标题甲\n正文", Some("中共桐庐县委办公室"), Some("2026-09-22")),
            ("《安化政务信息》\n第21期\n安化县人民政府办公室　　　　2026年6月18日\n\n标题甲\n正文", Some("安化县人民政府办公室"), Some("2026-06-18")),
            ("宁国信息\n第29期（总第407期）\n中共宁国市委办公室　　　　　　2026年8月14日\n签发：汪立新\n\n标题甲\n正文", Some("中共宁国市委办公室"), Some("2026-08-14")),
            ("红河政务信息\n建水专刊　第9期\n中共建水县委办公室　建水县人民政府办公室　　　2026年6月3日\n\n标题甲\n正文", Some("中共建水县委办公室"), Some("2026-06-03")),
            ("《武功政务信息》\n总第286期\n武功县人民政府办公室　　　　　　2026年8月26日\n————————————————————————\n\n标题甲\n正文", Some("武功县人民政府办公室"), Some("2026-08-26")),
            ("内部资料　注意保存\n涞源政务信息\n第8期\n涞源县人民政府办公室　　　　　2026年3月17日\n\n标题甲\n正文", Some("涞源县人民政府办公室"), Some("2026-03-17")),
            ("岚县信息\n第27期\n中共岚县县委办公室　　　　　　　　2026年10月15日\n签发：李志刚　　　　　　　　　　　　核稿：王晓燕\n\n标题甲\n正文", Some("中共岚县县委办公室"), Some("2026-10-15")),
            ("桃源县委办公室\n信息专报\n第23期\n桃源县委办公室信息科编　　　　　　2026年8月14日\n\n标题甲\n正文", Some("桃源县委办公室"), Some("2026-08-14")),
            ("紧急信息\n〔2026〕第3期\n中共西丰县委办公室　　　　　　　　2026年11月26日18时\n签发：孙志刚\n\n标题甲\n正文", Some("中共西丰县委办公室"), Some("2026-11-26")),
            ("汉中市南郑区委办公室\n调研与参考\n2026年第5期（总第41期）\n区委办公室综合科编　　　　　　　　2026年5月18日\n\n标题甲\n正文", Some("汉中市南郑区委办公室"), Some("2026-05-18")),
            ("兰考信息\n第33期\n县委办公室信息科编　　　　　　　　2026年7月9日\n\n标题甲\n正文", Some("县委办公室信息科"), Some("2026-07-09")),
        ] {
            let (m, rest) = split(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(rest.lines().next(), Some("标题甲"), "{text}");
            assert_eq!(m.unit.as_deref(), unit, "{text}");
            assert_eq!(m.date.as_deref(), date, "{text}");
            assert!(m.issue.is_some(), "{text}");
        }
    }

    #[test]
    fn titles_and_bodies_are_no_masthead() {
        for text in [
            "桥头镇工作动态\n正文第一段。",
            "永嘉信息\n正文第一段，没有期号也没有机关和日期。",
            "关于桥头镇纽扣企业缺工情况的报告\n第45期培训班共培训300人。",
            "2026年第3期“共富工坊”培训班开班\n11月3日，桥头镇……",
            "永嘉县举办第45期电商培训班\n11月3日，……",
            "第45期\n",
            "桃源县委办公室\n关于茶产业的报告\n正文。",
        ] {
            assert_eq!(title_after(text), None, "{text}");
        }
    }
}
