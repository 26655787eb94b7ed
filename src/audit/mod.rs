//! `xinjian audit`: a month (or week) of submissions, checked, ranked and reported.
//!
//! [`Audit::build`] turns checked documents into one [`Audit`] — the figures the city office
//! files and hands to its director: per item its findings, quality and points; per unit a
//! ledger (清单); per ISO week the counts; the type mix against the provincial targets; the
//! duplicate clusters across units. The same value is written as `report.json` (this module's
//! `Serialize` output, schema 1), `report.html` ([`html`]), `report.xlsx` ([`xlsx`]) and
//! `report.md` ([`markdown`]), so the four never disagree.

pub mod html;
pub mod ledger;
pub mod markdown;
pub mod run;
pub mod xlsx;

use crate::date::Date;

mod build;
mod model;

pub use model::*;

/// The Monday of the ISO week of `date`, or [`UNKNOWN_WEEK`].
pub fn week_of(date: Option<&str>) -> String {
    match date.and_then(Date::iso) {
        Some(d) => d.monday().to_string(),
        None => UNKNOWN_WEEK.to_string(),
    }
}

/// 11月2日—11月8日 for the week starting on `monday`.
pub fn week_label(monday: &str) -> String {
    let Some(first) = Date::iso(monday) else {
        return monday.to_string();
    };
    let md = |d: Date| {
        let (_, m, d) = d.ymd();
        format!("{m}月{d}日")
    };
    format!("{}—{}", md(first), md(first.plus_days(6)))
}

/// 2026-11-01 至 2026-11-30: the audit range when given, else the first and last item dates.
pub fn period_label(a: &Audit) -> String {
    let from = a.period.since.as_ref().or(a.period.first.as_ref());
    let to = a.period.until.as_ref().or(a.period.last.as_ref());
    match (from, to) {
        (Some(f), Some(l)) if f == l => f.clone(),
        (Some(f), Some(l)) => format!("{f} 至 {l}"),
        (Some(f), None) => format!("{f} 起"),
        (None, Some(l)) => format!("至 {l}"),
        (None, None) => "日期不详".to_string(),
    }
}

fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    // + 0.0 turns -0.0 (an empty f64 sum) into 0.0, so nothing prints as "-0".
    (x * f).round() / f + 0.0
}

fn share(n: usize, of: usize) -> f64 {
    if of == 0 {
        0.0
    } else {
        round(n as f64 / of as f64, 3)
    }
}

fn mean(values: impl Iterator<Item = u32>) -> Option<f64> {
    let (mut sum, mut n) = (0u64, 0u64);
    for v in values {
        sum += u64::from(v);
        n += 1;
    }
    (n > 0).then(|| round(sum as f64 / n as f64, 1))
}

fn char_prefix(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().nth(n).is_some() {
        out.push('…');
    }
    out
}

/// A share as shown in the reports: 72.9%.
pub(crate) fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// Points as shown in the reports: whole numbers without a decimal, others with one.
pub(crate) fn points(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_start_on_monday() {
        // 2026-11-02 is a Monday; 2026-11-08 the Sunday of that week.
        assert_eq!(week_of(Some("2026-11-02")), "2026-11-02");
        assert_eq!(week_of(Some("2026-11-08")), "2026-11-02");
        assert_eq!(week_of(Some("2026-11-09")), "2026-11-09");
        // Across a year end: 2027-01-01 is a Friday.
        assert_eq!(week_of(Some("2027-01-01")), "2026-12-28");
        assert_eq!(week_of(Some("2026-02-30")), UNKNOWN_WEEK);
        assert_eq!(week_of(None), UNKNOWN_WEEK);
        assert_eq!(week_label("2026-11-02"), "11月2日—11月8日");
    }

    /// Six items, three of them 问题类; `guessed` of them have an uncertain inferred category.
    fn audit_with_guesses(guessed: &[usize]) -> Audit {
        let engine = crate::Engine::new(crate::Config::default()).unwrap();
        let categories = ["问题类", "问题类", "问题类", "调研类", "动态", "典型经验"];
        let entries = categories
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let text = format!(
                    "---\n单位: 单位{i}\n日期: 2026-11-{:02}\n类别: {c}\n---\n第{i}号稿件标题\n正文。\n",
                    1 + i
                );
                let doc = crate::source::from_text(format!("{i}.md"), &text).unwrap();
                let mut item = Item::from_report(engine.check(doc), Vec::new());
                if guessed.contains(&i) {
                    item.category_declared = false;
                    item.category_uncertain = true;
                }
                Ok(item)
            })
            .collect();
        Audit::build(entries, &DateRange::default())
    }

    #[test]
    fn a_verdict_that_uncertain_categories_could_flip_says_so() {
        // 3 of 6 问题类 = 50.0% met; if item 0 (问题类) were not, 2 of 6.
        let a = audit_with_guesses(&[0, 4]);
        let m = &a.type_mix;
        assert_eq!((m.inferred, m.uncertain), (2, 2));
        assert!(m.problem_target_met && m.problem_verdict_in_doubt);
        assert_eq!(m.problem_share_range, [0.333, 0.667]);
        assert_eq!(
            m.verdict(false),
            "达到，其中 2 篇类别为推断，可能在 33.3%–66.7% 之间"
        );
        // Guesses that cannot change the verdict are not mentioned in it.
        let a = audit_with_guesses(&[]);
        assert!(!a.type_mix.problem_verdict_in_doubt);
        assert_eq!(a.type_mix.verdict(false), "达到");
        let a = audit_with_guesses(&[3]);
        // 调研类 → anything: key share 4/6 = 66.7% missed, at best 66.7%, at worst 50%.
        assert!(!a.type_mix.key_verdict_in_doubt);
    }

    fn audit_of(categories: &[&str]) -> Audit {
        let engine = crate::Engine::new(crate::Config::default()).unwrap();
        let entries = categories
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let text = format!(
                    "---\n单位: 单位{}\n日期: 2026-11-{:02}\n类别: {c}\n---\n第{i}号稿件标题\n正文第{i}段，各不相同的内容{i}。\n",
                    i % 3,
                    1 + i
                );
                let doc = crate::source::from_text(format!("{i}.md"), &text).unwrap();
                Ok(Item::from_report(engine.check(doc), Vec::new()))
            })
            .collect();
        Audit::build(entries, &DateRange::default())
    }

    #[test]
    fn targets_are_met_at_exactly_eighty_and_fifty_percent() {
        let a = audit_of(&[
            "问题类",
            "问题类",
            "问题类",
            "问题类",
            "问题类",
            "调研类",
            "调研类",
            "专报",
            "动态",
            "典型经验",
        ]);
        assert_eq!(a.totals.items, 10);
        assert_eq!(a.type_mix.key_share, 0.8);
        assert_eq!(a.type_mix.problem_share, 0.5);
        assert!(a.type_mix.key_target_met && a.type_mix.problem_target_met);
        // One fewer key item: 7/10 and 4/10, both missed.
        let a = audit_of(&[
            "问题类",
            "问题类",
            "问题类",
            "问题类",
            "动态",
            "调研类",
            "调研类",
            "专报",
            "动态",
            "典型经验",
        ]);
        assert!(!a.type_mix.key_target_met && !a.type_mix.problem_target_met);
        // Weeks without items are listed: 11-01 (a Sunday) to 11-10 spans three weeks.
        let weeks: Vec<&str> = a.weeks.iter().map(|w| w.week.as_str()).collect();
        assert_eq!(weeks, ["2026-10-26", "2026-11-02", "2026-11-09"]);
        let empty = Audit::build(Vec::new(), &DateRange::default());
        assert_eq!(empty.totals.items, 0);
        assert!(!empty.type_mix.key_target_met);
    }

    #[test]
    fn date_range_is_inclusive_and_drops_undated_only_when_set() {
        let r = DateRange {
            since: Some("2026-11-02".into()),
            until: Some("2026-11-30".into()),
        };
        assert!(r.contains(Some("2026-11-02")));
        assert!(r.contains(Some("2026-11-30")));
        assert!(!r.contains(Some("2026-12-01")));
        assert!(!r.contains(None));
        assert!(DateRange::default().contains(None));
    }
}
