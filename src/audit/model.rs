//! What an audit is: the figures of [`Audit`] and its parts, serialised as `report.json`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::date::Date;

use crate::{Category, Severity};

use super::*;

/// Version of `report.json`; bumped only on incompatible changes.
pub const SCHEMA_VERSION: u32 = 1;

/// Provincial target: 问题类 + 专报类 + 调研类 at least this share of items sent.
pub const KEY_TARGET: f64 = 0.8;
/// Provincial target: 问题类 at least this share.
pub const PROBLEM_TARGET: f64 = 0.5;

/// The unit name used when an item records none.
pub const UNKNOWN_UNIT: &str = "单位不详";
/// The week key used when an item has no usable date.
pub const UNKNOWN_WEEK: &str = "日期不详";

/// The whole audit: what `report.json` holds.
#[derive(Debug, Clone, Serialize)]
pub struct Audit {
    pub schema_version: u32,
    /// The date filter as given (`YYYY-MM-DD`), and the first and last item dates seen.
    pub period: Period,
    pub totals: Totals,
    pub type_mix: TypeMix,
    /// One row per unit, most items first.
    pub units: Vec<UnitSummary>,
    /// One row per ISO week (Monday to Sunday), oldest first; undated items last.
    pub weeks: Vec<WeekSummary>,
    /// Every audited item, by date then unit then path.
    pub items: Vec<Item>,
    /// Near-duplicate clusters within the audited set (and with the archive, when given).
    pub duplicates: Vec<Cluster>,
    /// The most serious findings across the set (errors first, worst items first), at most 20.
    pub worst_findings: Vec<WorstFinding>,
    /// Files that could not be read: one row each, the audit went on.
    pub errors: Vec<FileError>,
    /// Files left out because their date is outside `--since`/`--until` or unknown while a
    /// date range was given.
    pub skipped: Vec<Skipped>,
    /// Files found in the audited folders in formats that cannot be read (PDF, OFD, RTF …):
    /// listed so that a report counting fewer items than were sent does not look complete.
    pub unsupported: Vec<String>,
    /// The 报送台账 given with `--ledger`, matched against the drafts; `null` without one.
    pub ledger: Option<ledger::LedgerCheck>,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Period {
    pub since: Option<String>,
    pub until: Option<String>,
    pub first: Option<String>,
    pub last: Option<String>,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Totals {
    pub items: usize,
    /// Units that sent at least one item.
    pub units: usize,
    /// Expected units that sent nothing (listed in `units` with `sent_nothing`).
    pub units_sent_nothing: usize,
    pub errors: usize,
    pub findings: SeverityCounts,
    /// Mean quality score (0–100), one decimal; `null` with no items.
    pub average_quality: Option<f64>,
    /// Items that pass 「要素齐全方可计为1条」.
    pub gate_passed: usize,
    /// Sum of what the items that pass 要素齐全 would earn if adopted at their best channel
    /// (an item that fails the gate is not counted as an item, so it earns nothing).
    pub potential_points: f64,
    /// Sum of points actually earned (items whose metadata records an adoption).
    pub actual_points: f64,
    /// Items in a duplicate cluster.
    pub duplicate_items: usize,
}

#[derive(Debug, Clone, Copy, Serialize, Default, PartialEq, Eq)]
pub struct SeverityCounts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl SeverityCounts {
    pub(super) fn add(&mut self, s: Severity) {
        match s {
            Severity::Error => self.error += 1,
            Severity::Warning => self.warning += 1,
            Severity::Info => self.info += 1,
        }
    }
}

/// Counts per category id, in the fixed order problem, research, experience, special, dynamic.
#[derive(Debug, Clone, Serialize, Default, PartialEq)]
pub struct CategoryCounts {
    pub problem: usize,
    pub research: usize,
    pub experience: usize,
    pub special: usize,
    pub dynamic: usize,
}

impl CategoryCounts {
    pub(super) fn add(&mut self, c: Category) {
        *self.get_mut(c) += 1;
    }
    fn get_mut(&mut self, c: Category) -> &mut usize {
        match c {
            Category::Problem => &mut self.problem,
            Category::Research => &mut self.research,
            Category::Experience => &mut self.experience,
            Category::Special => &mut self.special,
            Category::Dynamic => &mut self.dynamic,
        }
    }
    pub fn get(&self, c: Category) -> usize {
        match c {
            Category::Problem => self.problem,
            Category::Research => self.research,
            Category::Experience => self.experience,
            Category::Special => self.special,
            Category::Dynamic => self.dynamic,
        }
    }
    pub fn total(&self) -> usize {
        Category::ALL.iter().map(|&c| self.get(c)).sum()
    }
}

/// The type mix against the provincial targets.
#[derive(Debug, Clone, Serialize, Default)]
pub struct TypeMix {
    pub counts: CategoryCounts,
    /// Share of each category, three decimals (0 with no items).
    pub shares: BTreeMap<&'static str, f64>,
    /// (问题类 + 调研类 + 专报) / items.
    pub key_share: f64,
    pub problem_share: f64,
    pub key_target: f64,
    pub problem_target: f64,
    pub key_target_met: bool,
    pub problem_target_met: bool,
    /// Items whose category was inferred (not declared), and those of them below the
    /// confidence the checks trust.
    pub inferred: usize,
    pub uncertain: usize,
    /// The lowest and highest each share could be if the uncertain items were of any other
    /// category; a verdict is in doubt when the range straddles its target.
    pub key_share_range: [f64; 2],
    pub problem_share_range: [f64; 2],
    pub key_verdict_in_doubt: bool,
    pub problem_verdict_in_doubt: bool,
}

impl Audit {
    /// Adds a row with 0 items, marked, for every expected unit that sent nothing (matched by
    /// name, white space ignored), after the units that did.
    pub fn expect_units(&mut self, expected: &[String]) {
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let present: std::collections::HashSet<String> =
            self.units.iter().map(|u| squeeze(&u.unit)).collect();
        let mut seen = std::collections::HashSet::new();
        for unit in expected {
            let key = squeeze(unit);
            if key.is_empty() || present.contains(&key) || !seen.insert(key) {
                continue;
            }
            self.units.push(UnitSummary {
                sent_nothing: true,
                ..UnitSummary::empty(unit.trim())
            });
        }
        self.totals.units_sent_nothing = self.units.iter().filter(|u| u.sent_nothing).count();
    }
}

impl TypeMix {
    /// The verdict as printed: 达到 / 未达到, with the uncertain items and the range the share
    /// could lie in when flipping them could change it.
    /// (45.8%（未达到，其中 3 篇类别为推断，可能在 41.7%–52.1% 之间）)
    pub fn verdict(&self, key: bool) -> String {
        let (met, range, doubt) = if key {
            (
                self.key_target_met,
                self.key_share_range,
                self.key_verdict_in_doubt,
            )
        } else {
            (
                self.problem_target_met,
                self.problem_share_range,
                self.problem_verdict_in_doubt,
            )
        };
        let word = if met { "达到" } else { "未达到" };
        if doubt {
            format!(
                "{word}，其中 {} 篇类别为推断，可能在 {:.1}%–{:.1}% 之间",
                self.uncertain,
                range[0] * 100.0,
                range[1] * 100.0
            )
        } else {
            word.to_string()
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct UnitSummary {
    pub unit: String,
    pub items: usize,
    pub by_category: CategoryCounts,
    pub average_quality: Option<f64>,
    pub findings: SeverityCounts,
    /// Its items that are in a duplicate cluster.
    pub duplicates: usize,
    pub gate_passed: usize,
    pub potential_points: f64,
    pub actual_points: f64,
    /// Items per week key (Monday date, or 日期不详).
    pub weeks: BTreeMap<String, usize>,
    /// A unit expected to report (`units` in xinjian.toml, or named in the ledger) that sent
    /// nothing in the period.
    pub sent_nothing: bool,
}

impl UnitSummary {
    /// A unit with nothing counted yet.
    pub(super) fn empty(unit: &str) -> UnitSummary {
        UnitSummary {
            unit: unit.to_string(),
            items: 0,
            by_category: CategoryCounts::default(),
            average_quality: None,
            findings: SeverityCounts::default(),
            duplicates: 0,
            gate_passed: 0,
            potential_points: 0.0,
            actual_points: 0.0,
            weeks: BTreeMap::new(),
            sent_nothing: false,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct WeekSummary {
    /// The Monday (`YYYY-MM-DD`), or 日期不详.
    pub week: String,
    /// 11月2日—11月8日.
    pub label: String,
    pub items: usize,
    pub by_category: CategoryCounts,
    pub by_unit: BTreeMap<String, usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// Position in `items` (the HTML anchor is `item-{id}`).
    pub id: usize,
    pub path: String,
    pub unit: String,
    pub date: Option<String>,
    pub week: String,
    pub title: String,
    /// Category id (problem, research, experience, special, dynamic).
    pub category: &'static str,
    pub category_label: &'static str,
    /// Whether the category was declared (类别:) rather than inferred.
    pub category_declared: bool,
    /// Confidence in the category (1 when declared).
    pub category_confidence: f64,
    /// An inferred category below the confidence the checks trust
    /// ([`crate::elements::category::CONFIDENT`]).
    pub category_uncertain: bool,
    pub quality: u32,
    pub findings: Vec<Finding>,
    pub counts: SeverityCounts,
    pub points: crate::scoring::Points,
    /// Where the item was recorded as adopted (采用:), and leader instructions (批示:).
    pub adopted: Vec<String>,
    pub instructions: Vec<String>,
    /// Penalties recorded (扣分:).
    pub penalties: Vec<String>,
    /// Other items (or archived ones) this one near-duplicates.
    pub duplicate_of: Vec<DuplicateRef>,
    /// Places outside the configured region (`--region` or `region` in xinjian.toml).
    pub outside_region: Vec<String>,
    /// The annotated Word copy (`audit --annotate`), relative to the report folder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub annotated: Option<String>,
    /// Characters of text.
    pub chars: usize,
    /// The text, for the HTML highlighting (not written to report.json).
    #[serde(skip)]
    pub text: String,
    /// Byte spans of the findings in `text` with their messages (for highlighting and its
    /// tooltips; not in report.json). Findings about the whole draft are not among them.
    #[serde(skip)]
    pub spans: Vec<(usize, usize, Severity, String)>,
    /// Findings about the whole draft (missing data, no township…): anchored on the title,
    /// but about all of it; shown above the text, not as a highlight of the title.
    #[serde(skip)]
    pub whole: Vec<(Severity, String)>,
    /// Content hash of the text (not in report.json).
    #[serde(skip)]
    pub hash: String,
}

/// A finding in the audit's report: the public [`crate::report::model::Finding`] with where a
/// Word user finds it and the text it points at, without offsets.
pub use crate::report::model::Finding;

#[derive(Debug, Clone, Serialize)]
pub struct DuplicateRef {
    pub path: String,
    pub title: String,
    pub unit: Option<String>,
    pub date: Option<String>,
    pub similarity: f64,
    /// `batch` (another audited item) or `archive` (an earlier archived item).
    pub source: &'static str,
    /// Content hash of the other item (not in report.json).
    #[serde(skip)]
    pub hash: String,
    /// Why the two are the same item: kind, shared facts, shared sentences.
    pub why: Option<crate::index::same_item::Why>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Cluster {
    pub members: Vec<ClusterMember>,
    pub pairs: Vec<ClusterPair>,
    /// Whether the members come from more than one unit.
    pub across_units: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClusterMember {
    pub id: usize,
    pub path: String,
    pub title: String,
    pub unit: String,
    pub date: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClusterPair {
    pub a: String,
    pub b: String,
    pub similarity: f64,
    /// Why the two are the same item: kind, shared facts, shared sentences.
    pub why: Option<crate::index::same_item::Why>,
}

#[derive(Debug, Clone, Serialize)]
pub struct WorstFinding {
    pub id: usize,
    pub path: String,
    pub unit: String,
    pub title: String,
    pub quality: u32,
    pub code: &'static str,
    pub name: &'static str,
    pub severity: &'static str,
    pub message: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct FileError {
    pub path: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    pub path: String,
    pub date: Option<String>,
}

/// The date filter of an audit, as full `YYYY-MM-DD` bounds (inclusive).
#[derive(Debug, Clone, Default)]
pub struct DateRange {
    pub since: Option<String>,
    pub until: Option<String>,
}

impl DateRange {
    fn is_set(&self) -> bool {
        self.since.is_some() || self.until.is_some()
    }
    /// Whether an item dated `date` is audited (without a range, every item is; with one, an
    /// item without a date is not).
    pub fn contains(&self, date: Option<&str>) -> bool {
        if !self.is_set() {
            return true;
        }
        let Some(d) = date.filter(|d| Date::iso(d).is_some()) else {
            return false;
        };
        self.since.as_deref().is_none_or(|s| d >= s) && self.until.as_deref().is_none_or(|u| d <= u)
    }
}
