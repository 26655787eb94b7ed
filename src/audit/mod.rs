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

use std::collections::BTreeMap;

use serde::Serialize;

use crate::date::Date;

use crate::index::minhash;
use crate::text::Positions;
use crate::{Category, DocReport, Severity, SourceError};

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
    fn add(&mut self, s: Severity) {
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
    fn add(&mut self, c: Category) {
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
    fn empty(unit: &str) -> UnitSummary {
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

impl Audit {
    /// Builds the audit from checked items (see [`Item::from_report`]) or read errors.
    pub fn build(entries: Vec<Result<Item, SourceError>>, range: &DateRange) -> Audit {
        let mut errors = Vec::new();
        let mut skipped = Vec::new();
        let mut items = Vec::new();
        for o in entries {
            match o {
                Ok(it) => {
                    if range.contains(it.date.as_deref()) {
                        items.push(it);
                    } else {
                        skipped.push(Skipped {
                            path: it.path,
                            date: it.date,
                        });
                    }
                }
                Err(e) => errors.push(FileError {
                    path: e.path().to_string(),
                    message: e.to_string(),
                }),
            }
        }
        errors.sort_by(|a, b| a.path.cmp(&b.path));
        skipped.sort_by(|a, b| a.path.cmp(&b.path));
        items.sort_by(|a, b| {
            let key = |i: &Item| {
                (
                    i.date.clone().unwrap_or_else(|| "9999".into()),
                    i.unit.clone(),
                    i.path.clone(),
                )
            };
            key(a).cmp(&key(b))
        });
        for (id, it) in items.iter_mut().enumerate() {
            it.id = id;
        }
        // An archived item that is also in this batch (offices index submissions as they come
        // in) is a batch duplicate, not history: keep it once.
        let hashes: std::collections::HashSet<String> =
            items.iter().map(|i| i.hash.clone()).collect();
        let paths: std::collections::HashSet<String> =
            items.iter().map(|i| i.path.clone()).collect();
        for it in items.iter_mut() {
            it.duplicate_of
                .retain(|d| !(hashes.contains(&d.hash) || paths.contains(&d.path)));
        }

        // Duplicates within the set: shingles re-computed from the text when needed, so
        // memory stays at the sketches.
        let mut pairs = minhash::duplicate_pairs_of_texts(
            items.len(),
            |i| std::borrow::Cow::Borrowed(items[i].text.as_str()),
            minhash::Thresholds::default(),
        )
        .pairs;
        let groups = minhash::clusters(items.len(), &pairs);
        // The kind depends on the dates (旧稿翻炒 is the same text months later).
        for p in pairs.iter_mut() {
            p.why = p
                .why
                .take()
                .map(|w| w.dated(items[p.a].date.as_deref(), items[p.b].date.as_deref()));
        }
        for p in &pairs {
            let sim = round(p.similarity.score(), 3);
            for (x, y) in [(p.a, p.b), (p.b, p.a)] {
                let other = &items[y];
                let d = DuplicateRef {
                    path: other.path.clone(),
                    title: other.title.clone(),
                    unit: Some(other.unit.clone()),
                    date: other.date.clone(),
                    similarity: sim,
                    source: "batch",
                    hash: other.hash.clone(),
                    why: p.why.clone(),
                };
                items[x].duplicate_of.push(d);
            }
        }
        let duplicates: Vec<Cluster> = groups
            .iter()
            .map(|g| {
                let members: Vec<ClusterMember> = g
                    .iter()
                    .map(|&i| ClusterMember {
                        id: i,
                        path: items[i].path.clone(),
                        title: items[i].title.clone(),
                        unit: items[i].unit.clone(),
                        date: items[i].date.clone(),
                    })
                    .collect();
                let across_units = members.iter().any(|m| m.unit != members[0].unit);
                Cluster {
                    pairs: pairs
                        .iter()
                        .filter(|p| g.contains(&p.a))
                        .map(|p| ClusterPair {
                            a: items[p.a].path.clone(),
                            b: items[p.b].path.clone(),
                            similarity: round(p.similarity.score(), 3),
                            why: p.why.clone(),
                        })
                        .collect(),
                    members,
                    across_units,
                }
            })
            .collect();

        // Units.
        let mut units: BTreeMap<String, UnitSummary> = BTreeMap::new();
        for it in &items {
            let u = units
                .entry(it.unit.clone())
                .or_insert_with(|| UnitSummary::empty(&it.unit));
            u.items += 1;
            u.by_category
                .add(Category::parse(it.category).unwrap_or(Category::Dynamic));
            u.findings.error += it.counts.error;
            u.findings.warning += it.counts.warning;
            u.findings.info += it.counts.info;
            u.duplicates += usize::from(!it.duplicate_of.is_empty());
            u.gate_passed += usize::from(it.points.gate);
            // 「要素齐全方可计为1条」: an item that fails the gate earns nothing if adopted.
            if it.points.gate {
                u.potential_points += it.points.potential.unwrap_or(0.0);
            }
            u.actual_points += it.points.actual.unwrap_or(0.0);
            *u.weeks.entry(it.week.clone()).or_default() += 1;
        }
        for u in units.values_mut() {
            u.average_quality = mean(items.iter().filter(|i| i.unit == u.unit).map(|i| i.quality));
            // Rounded once, after summing, like the totals.
            u.potential_points = round(u.potential_points, 2);
            u.actual_points = round(u.actual_points, 2);
        }
        let mut units: Vec<UnitSummary> = units.into_values().collect();
        units.sort_by(|a, b| b.items.cmp(&a.items).then(a.unit.cmp(&b.unit)));

        // Weeks (undated last: 日期不详 sorts after digits).
        let mut weeks: BTreeMap<String, WeekSummary> = BTreeMap::new();
        for it in &items {
            let w = weeks.entry(it.week.clone()).or_insert_with(|| WeekSummary {
                week: it.week.clone(),
                label: if it.week == UNKNOWN_WEEK {
                    UNKNOWN_WEEK.to_string()
                } else {
                    week_label(&it.week)
                },
                items: 0,
                by_category: CategoryCounts::default(),
                by_unit: BTreeMap::new(),
            });
            w.items += 1;
            w.by_category
                .add(Category::parse(it.category).unwrap_or(Category::Dynamic));
            *w.by_unit.entry(it.unit.clone()).or_default() += 1;
        }
        // Weeks in which nobody submitted anything are shown too, from the start of the range
        // (or the first item) to its end (or the last item).
        let days: Vec<Date> = items
            .iter()
            .filter_map(|i| i.date.as_deref().and_then(Date::iso))
            .collect();
        let first = range
            .since
            .as_deref()
            .and_then(Date::iso)
            .or(days.iter().copied().min());
        let last = range
            .until
            .as_deref()
            .and_then(Date::iso)
            .or(days.iter().copied().max());
        if let (Some(first), Some(last)) = (first, last) {
            let mut monday = first.monday();
            while monday <= last {
                let key = monday.to_string();
                weeks.entry(key.clone()).or_insert_with(|| WeekSummary {
                    label: week_label(&key),
                    week: key,
                    items: 0,
                    by_category: CategoryCounts::default(),
                    by_unit: BTreeMap::new(),
                });
                monday = monday.plus_days(7);
            }
        }
        let weeks: Vec<WeekSummary> = weeks.into_values().collect();

        // Type mix.
        let mut counts = CategoryCounts::default();
        for it in &items {
            counts.add(Category::parse(it.category).unwrap_or(Category::Dynamic));
        }
        let n = items.len();
        let key = counts.problem + counts.research + counts.special;
        let is_key = |c: &str| matches!(c, "problem" | "research" | "special");
        let uncertain: Vec<&Item> = items.iter().filter(|i| i.category_uncertain).collect();
        let share_range = |count: usize, member: &dyn Fn(&str) -> bool| {
            let inside = uncertain.iter().filter(|i| member(i.category)).count();
            let outside = uncertain.len() - inside;
            [share(count - inside, n), share(count + outside, n)]
        };
        let key_range = share_range(key, &is_key);
        let problem_range = share_range(counts.problem, &|c: &str| c == "problem");
        let straddles = |r: [f64; 2], target: f64| n > 0 && r[0] < target && r[1] >= target;
        let type_mix = TypeMix {
            inferred: items.iter().filter(|i| !i.category_declared).count(),
            uncertain: uncertain.len(),
            key_verdict_in_doubt: straddles(key_range, KEY_TARGET),
            problem_verdict_in_doubt: straddles(problem_range, PROBLEM_TARGET),
            key_share_range: key_range,
            problem_share_range: problem_range,
            shares: Category::ALL
                .iter()
                .map(|&c| (c.id(), share(counts.get(c), n)))
                .collect(),
            key_share: share(key, n),
            problem_share: share(counts.problem, n),
            key_target: KEY_TARGET,
            problem_target: PROBLEM_TARGET,
            key_target_met: n > 0 && key as f64 >= KEY_TARGET * n as f64,
            problem_target_met: n > 0 && counts.problem as f64 >= PROBLEM_TARGET * n as f64,
            counts,
        };

        // The worst findings: errors before warnings, lower quality first.
        let mut worst: Vec<WorstFinding> = items
            .iter()
            .flat_map(|it| {
                it.findings
                    .iter()
                    .filter(|f| f.severity != "info")
                    .map(move |f| WorstFinding {
                        id: it.id,
                        path: it.path.clone(),
                        unit: it.unit.clone(),
                        title: it.title.clone(),
                        quality: it.quality,
                        code: f.code,
                        name: f.name,
                        severity: f.severity,
                        message: f.message.clone(),
                    })
            })
            .collect();
        worst.sort_by(|a, b| {
            (a.severity != "error", a.quality, a.id, a.code).cmp(&(
                b.severity != "error",
                b.quality,
                b.id,
                b.code,
            ))
        });
        worst.truncate(20);

        let mut findings = SeverityCounts::default();
        for it in &items {
            findings.error += it.counts.error;
            findings.warning += it.counts.warning;
            findings.info += it.counts.info;
        }
        let dated: Vec<&str> = items.iter().filter_map(|i| i.date.as_deref()).collect();
        let totals = Totals {
            items: n,
            units: units.len(),
            units_sent_nothing: 0,
            errors: errors.len(),
            findings,
            average_quality: mean(items.iter().map(|i| i.quality)),
            gate_passed: items.iter().filter(|i| i.points.gate).count(),
            potential_points: round(
                items
                    .iter()
                    .filter(|i| i.points.gate)
                    .filter_map(|i| i.points.potential)
                    .sum(),
                2,
            ),
            actual_points: round(items.iter().filter_map(|i| i.points.actual).sum(), 2),
            duplicate_items: items.iter().filter(|i| !i.duplicate_of.is_empty()).count(),
        };
        Audit {
            schema_version: SCHEMA_VERSION,
            period: Period {
                since: range.since.clone(),
                until: range.until.clone(),
                first: dated.iter().min().map(|s| s.to_string()),
                last: dated.iter().max().map(|s| s.to_string()),
            },
            totals,
            type_mix,
            units,
            weeks,
            items,
            duplicates,
            worst_findings: worst,
            errors,
            skipped,
            unsupported: Vec::new(),
            ledger: None,
        }
    }
}

impl Item {
    /// What the audit keeps of a checked document (the analysis is dropped): `archive` lists
    /// the archived items it near-duplicates. The id is set by [`Audit::build`].
    pub fn from_report(r: DocReport, archive: Vec<DuplicateRef>) -> Item {
        let unit = r
            .doc
            .meta
            .unit
            .clone()
            .filter(|u| !u.trim().is_empty())
            .unwrap_or_else(|| UNKNOWN_UNIT.to_string());
        item_of(0, &r, unit, archive)
    }
}

/// Whether a finding is about the whole draft: it sits on the whole title, and its rule is
/// not one about the title itself (generic-title, long-title).
fn about_whole_draft(r: &DocReport, d: &crate::Diagnostic) -> bool {
    let t = r.analysis.title();
    d.start == t.start && d.end == t.end && !matches!(d.name, "generic-title" | "long-title")
}

fn item_of(id: usize, r: &DocReport, unit: String, archive: Vec<DuplicateRef>) -> Item {
    let text = &r.doc.text;
    let pos = Positions::new(text);
    let mut counts = SeverityCounts::default();
    let findings: Vec<Finding> = r
        .diagnostics
        .iter()
        .map(|d| {
            counts.add(d.severity);
            let (line, column) = pos.line_col(d.start);
            Finding {
                code: d.code,
                name: d.name,
                severity: d.severity.id(),
                message: d.message.clone(),
                start: None,
                end: None,
                line,
                column,
                location: Some(crate::report::word_location(&r.doc, d.start, d.end)),
                excerpt: Some(char_prefix(text.get(d.start..d.end).unwrap_or(""), 40)),
                suggestion: d.suggestion.clone(),
            }
        })
        .collect();
    let title = r
        .doc
        .meta
        .title
        .clone()
        .unwrap_or_else(|| text[r.analysis.title().start..r.analysis.title().end].to_string());
    let category = r.elements.category.category;
    let date = r.doc.meta.date.clone();
    Item {
        id,
        path: r.doc.path.display().to_string(),
        week: week_of(date.as_deref()),
        unit,
        date,
        title,
        category: category.id(),
        category_label: category.label(),
        category_declared: r.elements.category.declared.is_some(),
        category_confidence: r.elements.category.confidence,
        category_uncertain: r.elements.category.uncertain(),
        quality: r.quality.quality,
        findings,
        counts,
        points: r.points.clone(),
        adopted: r.doc.meta.adopted.clone(),
        instructions: r.doc.meta.instructions.clone(),
        penalties: r.doc.meta.penalties.clone(),
        duplicate_of: archive,
        outside_region: crate::outside_region(r),
        annotated: None,
        chars: text.chars().count(),
        spans: r
            .diagnostics
            .iter()
            .filter(|d| !about_whole_draft(r, d))
            .filter(|d| d.end > d.start && text.get(d.start..d.end).is_some())
            .map(|d| (d.start, d.end, d.severity, d.message.clone()))
            .collect(),
        whole: r
            .diagnostics
            .iter()
            .filter(|d| about_whole_draft(r, d))
            .map(|d| (d.severity, d.message.clone()))
            .collect(),
        hash: crate::index::archive::content_hash(text),
        text: text.clone(),
    }
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
