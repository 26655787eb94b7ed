//! The quality score of a draft and its points under the scoring rules (计分办法).
//!
//! `quality` starts at 100 and loses points per finding — error 15, warning 6, info 2 — with
//! at most 20 lost to any one check, so one long list of 套话 cannot sink an otherwise good
//! item. Removing a finding never lowers the score (each check's loss only grows with its
//! findings), and the same findings always give the same score.
//!
//! Points follow the configured 计分办法: what the item would earn if adopted (the best
//! channel for its category), what it did earn when its metadata records adoptions (采用),
//! leader instructions (批示) and penalties (扣分), and whether it passes the gate
//! 「要素齐全方可计为1条」: every element its category requires is present.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::category::Category;
use crate::checks::{need, Diagnostic, Element, Need, Severity};
use crate::config::Scoring;
use crate::elements::Elements;
use crate::source::Meta;
use crate::text::Analysis;

/// Points lost per finding, by severity.
pub fn weight(s: Severity) -> u32 {
    match s {
        Severity::Error => 15,
        Severity::Warning => 6,
        Severity::Info => 2,
    }
}

/// Most points one check can take away.
pub const CAP_PER_CHECK: u32 = 20;

/// What one check cost.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Deduction {
    pub code: &'static str,
    pub name: &'static str,
    pub count: usize,
    pub points: u32,
}

/// The quality score with its explanation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quality {
    pub quality: u32,
    pub deductions: Vec<Deduction>,
}

pub fn quality(diagnostics: &[Diagnostic]) -> Quality {
    let mut by_rule: BTreeMap<&'static str, Deduction> = BTreeMap::new();
    for d in diagnostics {
        let e = by_rule.entry(d.code).or_insert(Deduction {
            code: d.code,
            name: d.name,
            count: 0,
            points: 0,
        });
        e.count += 1;
        e.points = (e.points + weight(d.severity)).min(CAP_PER_CHECK);
    }
    let lost: u32 = by_rule.values().map(|d| d.points).sum();
    Quality {
        quality: 100u32.saturating_sub(lost),
        deductions: by_rule.into_values().collect(),
    }
}

/// Points under the 计分办法.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Points {
    /// What adoption would earn at the best configured channel; `None` when the rules give
    /// this category no points.
    pub potential: Option<f64>,
    /// The channel that gives `potential`.
    pub potential_channel: Option<String>,
    /// Points actually earned, when the metadata records an adoption through a channel (or an
    /// instruction) the rules score; else `None`.
    pub actual: Option<f64>,
    /// An adoption is recorded, but through channels the rules give no points for this
    /// category: shown as 未设分值, not as 0.
    pub adoption_unscored: bool,
    /// 「要素齐全方可计为1条」: every element the category asks for (required or expected in
    /// [`crate::checks::need`]) is present. Only such items count towards 可得分.
    pub gate: bool,
    /// The required elements that are missing (data, county, township, case, suggestion).
    pub missing: Vec<&'static str>,
}

fn element_id(e: Element) -> &'static str {
    match e {
        Element::Data => "data",
        Element::County => "county",
        Element::Township => "township",
        Element::Case => "case",
        Element::Suggestion => "suggestion",
    }
}

/// Chinese label of a missing element id.
pub fn element_label(id: &str) -> &'static str {
    match id {
        "data" => "数据",
        "county" => "县级层面",
        "township" => "乡镇层面",
        "case" => "典型事例",
        _ => "对策建议",
    }
}

pub fn points(
    rules: &Scoring,
    category: Category,
    meta: &Meta,
    a: &Analysis,
    e: &Elements,
) -> Points {
    let present = |el: Element| match el {
        Element::Data => !a.data_points.is_empty(),
        Element::County => e.coverage.county,
        Element::Township => e.coverage.township,
        Element::Case => !e.typical_cases.is_empty(),
        Element::Suggestion => !e.suggestions.is_empty(),
    };
    let missing: Vec<&'static str> = [
        Element::Data,
        Element::County,
        Element::Township,
        Element::Case,
        Element::Suggestion,
    ]
    .into_iter()
    .filter(|&el| need(el, category) != Need::NotNeeded && !present(el))
    .map(element_id)
    .collect();
    let (potential_channel, potential) = rules
        .adoption
        .iter()
        .filter_map(|(ch, pts)| pts.get(category).map(|p| (ch.clone(), p)))
        .fold(
            (None, None),
            |best: (Option<String>, Option<f64>), (ch, p)| {
                if best.1.is_none_or(|b| p > b) {
                    (Some(ch), Some(p))
                } else {
                    best
                }
            },
        );
    let scored_adoption = meta.adopted.iter().any(|line| {
        rules
            .adoption
            .iter()
            .any(|(ch, pts)| line.contains(ch.as_str()) && pts.get(category).is_some())
    });
    let scored_instruction = meta
        .instructions
        .iter()
        .any(|line| rules.instruction.keys().any(|k| line.contains(k.as_str())));
    let adoption_unscored = !meta.adopted.is_empty() && !scored_adoption && !scored_instruction;
    let actual = if meta.adopted.is_empty() || adoption_unscored {
        None
    } else {
        let earned: Vec<f64> = meta
            .adopted
            .iter()
            .filter_map(|line| {
                rules
                    .adoption
                    .iter()
                    .filter(|(ch, _)| line.contains(ch.as_str()))
                    .filter_map(|(_, pts)| pts.get(category))
                    .fold(None, |m: Option<f64>, p| Some(m.map_or(p, |m| m.max(p))))
            })
            .collect();
        let base = if rules.combine == "sum" {
            earned.iter().sum()
        } else {
            earned.iter().copied().fold(0.0, f64::max)
        };
        let bonus: f64 = meta
            .instructions
            .iter()
            .filter_map(|line| {
                rules
                    .instruction
                    .iter()
                    .filter(|(k, _)| line.contains(k.as_str()))
                    .map(|(_, v)| *v)
                    .fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.max(v))))
            })
            .sum();
        let penalty: f64 = meta
            .penalties
            .iter()
            .flat_map(|line| {
                rules
                    .penalty
                    .iter()
                    .filter(move |(k, _)| line.contains(k.as_str()))
                    .map(|(_, v)| *v)
            })
            .sum();
        // An empty f64 sum is -0.0; no score is shown as "-0".
        Some(base + bonus + penalty + 0.0)
    };
    Points {
        potential,
        potential_channel,
        actual,
        adoption_unscored,
        gate: missing.is_empty(),
        missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::Diagnostic;

    fn d(code: &'static str, severity: Severity) -> Diagnostic {
        Diagnostic {
            code,
            name: "x",
            severity,
            message: String::new(),
            start: 0,
            end: 0,
            suggestion: None,
        }
    }

    #[test]
    fn quality_is_capped_per_check_and_monotonic() {
        assert_eq!(quality(&[]).quality, 100);
        let many: Vec<_> = (0..10).map(|_| d("X008", Severity::Info)).collect();
        assert_eq!(quality(&many).quality, 100 - 20);
        let mixed = vec![
            d("X001", Severity::Error),
            d("X003", Severity::Error),
            d("X006", Severity::Warning),
        ];
        let q = quality(&mixed).quality;
        assert_eq!(q, 100 - 15 - 15 - 6);
        for i in 0..mixed.len() {
            let mut fewer = mixed.clone();
            fewer.remove(i);
            assert!(quality(&fewer).quality >= q);
        }
    }
}
