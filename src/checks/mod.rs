//! Checks: pure functions from an analysed document to diagnostics. No I/O, no formatting.
//! Each check is one file whose `DOC` (also its doc comment) is the user documentation that
//! `xinjian rule NAME` prints; all checks are registered in [`registry::RULES`].

macro_rules! rule_doc {
    ($s:literal) => {
        #[doc = $s]
        pub const DOC: &str = $s;
    };
}

pub mod registry;

mod broken_hierarchy;
mod category_mismatch;
mod cliche;
mod cliche_density;
mod duplicate_of_earlier;
mod empty_sentence;
pub(crate) mod generic_title;
pub(crate) mod incomplete_structure;
mod long_title;
mod missing_county_coverage;
mod missing_data;
mod missing_suggestion;
mod missing_township_coverage;
mod missing_typical_case;
mod no_problem_stated;
mod outdated_formulation;
mod outdated_place_name;
mod stale_topic;
mod too_long;
mod too_short;
mod vague_suggestion;
mod vague_time;

use serde::Serialize;

use crate::category::{Category, PerCategory};
use crate::elements::Elements;
use crate::source::Meta;
use crate::text::{Analysis, Gazetteer};

pub use crate::diagnostic::{Diagnostic, Severity};
pub use registry::{Rule, RULES};

/// The thresholds of the checks, as configured (`[thresholds]` in `xinjian.toml`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Thresholds {
    /// 套话 per 100 characters above which `cliche-density` reports.
    pub cliche_per_100: f64,
    /// Share of sentences with no figure, place, unit or named subject above which
    /// `empty-sentence` reports.
    pub empty_sentence_share: f64,
    /// A 动态 item reporting an event dated more than this many days before its 日期 is late.
    pub stale_event_days: i64,
    /// Titles longer than this (characters) get `long-title`.
    pub title_max_chars: usize,
    /// Look-back window (days) of `stale-topic`.
    pub stale_topic_days: i64,
    /// Earlier items on the same topic within the window that make a topic stale.
    pub stale_topic_count: usize,
}

/// An earlier archived item, as the checks see it (the engine fills it from the archive; the
/// checks do not read the archive's own types).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EarlierItem {
    pub title: String,
    pub unit: Option<String>,
    pub date: Option<String>,
}

/// An earlier archived item that the draft is the same item as.
#[derive(Debug, Clone, PartialEq)]
pub struct EarlierDuplicate {
    pub item: EarlierItem,
    /// Why the two are the same item, in Chinese (the kind and the shared facts).
    pub why: Option<String>,
    /// Sentences of the draft found (almost) whole in the earlier item.
    pub shared: Vec<String>,
}

/// Earlier archived items on a draft's topic within the look-back window.
#[derive(Debug, Clone, Default)]
pub struct TopicHistory {
    /// The items with the closeness of their topic to the draft's, most similar first.
    pub items: Vec<(EarlierItem, f64)>,
    /// How many distinct items they are: items that are one item sent twice count once.
    pub distinct: usize,
}

/// What a check sees.
pub struct Context<'a> {
    pub text: &'a str,
    pub analysis: &'a Analysis,
    pub elements: &'a Elements,
    pub category: Category,
    pub meta: &'a Meta,
    /// The thresholds and the length range per category, as configured.
    pub thresholds: &'a Thresholds,
    pub length: &'a PerCategory<[usize; 2]>,
    pub gazetteer: &'a Gazetteer,
    /// Earlier archived items this draft is the same item as (empty without an archive).
    pub history: &'a [EarlierDuplicate],
    /// Earlier archived items on the same topic within the look-back window.
    pub topic_history: &'a TopicHistory,
}

/// Characters of the body (the text after the title line), spaces not counted.
pub(crate) fn body_chars(ctx: &Context) -> usize {
    ctx.analysis.body_chars
}

/// How much the rules ask of an element in an item of a given category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Required: reported at the rule's severity.
    Required,
    /// Expected: reported one level lower.
    Expected,
    /// Not asked for in this category: not reported.
    NotNeeded,
}

/// Elements whose need depends on the category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Element {
    Data,
    County,
    Township,
    Case,
    Suggestion,
}

/// The per-category requirements, from the seed speech: 问题类/调研类 need everything; 典型经验
/// needs data, places and cases but no suggestions; a 200-字 动态 needs a figure and its county.
/// This one table decides both how a missing element is reported (the rule's severity when
/// required, one level lower when expected) and 要素齐全 (every element the category asks for,
/// required or expected, is present): see [`crate::scoring::points`].
pub fn need(element: Element, category: Category) -> Need {
    use Category::*;
    use Element::*;
    use Need::*;
    match (element, category) {
        (Data, Problem | Research | Experience) => Required,
        (Data, Special | Dynamic) => Expected,
        (County, Problem | Research | Experience) => Required,
        (County, Special | Dynamic) => Expected,
        (Township, Problem | Research) => Required,
        (Township, Experience | Special) => Expected,
        (Township, Dynamic) => NotNeeded,
        (Case, Problem | Research) => Required,
        (Case, Experience) => Expected,
        (Case, Special | Dynamic) => NotNeeded,
        (Suggestion, Problem | Research) => Required,
        (Suggestion, _) => NotNeeded,
    }
}

/// The severity for a finding about `element`, or `None` when the category does not ask for it.
pub fn severity_for(base: Severity, element: Element, category: Category) -> Option<Severity> {
    match need(element, category) {
        Need::Required => Some(base),
        Need::Expected => Some(base.lower()),
        Need::NotNeeded => None,
    }
}

/// Runs the enabled rules. `severity_of` maps a rule to its configured severity, `None` = off.
/// Checks whose requirement depends on the category: on a draft whose category is a guess
/// ([`crate::elements::CategoryGuess::uncertain`]) they report at most a 提示 and say so.
pub const CATEGORY_DEPENDENT: &[&str] = &[
    "missing-suggestion",
    "incomplete-structure",
    "too-long",
    "too-short",
    "no-problem-stated",
];

#[cfg(feature = "fault-injection")]
pub use crate::source::isolate::FAULT_MARKER;

pub fn run(ctx: &Context, severity_of: &dyn Fn(&Rule) -> Option<Severity>) -> Vec<Diagnostic> {
    #[cfg(feature = "fault-injection")]
    if ctx.text.contains(FAULT_MARKER) {
        panic!("planted fault: the draft contains {FAULT_MARKER}");
    }
    let mut out = Vec::new();
    for rule in RULES {
        if let Some(sev) = severity_of(rule) {
            let before = out.len();
            (rule.check)(ctx, sev, &mut out);
            let guessed =
                ctx.elements.category.uncertain() && CATEGORY_DEPENDENT.contains(&rule.name);
            for d in &mut out[before..] {
                d.code = rule.code;
                d.name = rule.name;
                if guessed {
                    d.severity = d.severity.min(Severity::Info);
                    d.message.push_str(&format!(
                        "（类别“{}”是推断的，把握不大（置信度{:.2}），仅供参考；类别不对时请在元数据、文档属性或报送台账中写明类别）",
                        ctx.category.label(),
                        ctx.elements.category.confidence
                    ));
                }
            }
        }
    }
    out.sort_by_key(|d| (d.start, std::cmp::Reverse(d.severity)));
    out
}

/// How the draft's own area is named as a whole in a suggestion: 全市 for a city office or a
/// county-level city (市市场监管局, 瑞安市委办), 全区 for a district, 全县 for a county — from
/// the reporting unit, else from the first county-level place the draft names, else 全县.
pub(crate) fn whole_area(ctx: &Context) -> &'static str {
    let by_suffix = |name: &str| {
        name.chars().find_map(|c| match c {
            '县' => Some("全县"),
            '市' => Some("全市"),
            '区' => Some("全区"),
            '旗' => Some("全旗"),
            _ => None,
        })
    };
    if let Some(unit) = ctx.meta.unit.as_deref() {
        // 省委办公厅 names no area of its own; the draft's places then tell.
        if !unit.trim_start().starts_with('省') {
            if let Some(w) = by_suffix(unit) {
                return w;
            }
        }
    }
    ctx.analysis
        .places
        .iter()
        .find(|p| p.level == crate::text::places::PlaceLevel::County)
        .and_then(|p| {
            let name = p.canonical.as_deref().unwrap_or(&p.name);
            name.chars().last().and_then(|c| by_suffix(&c.to_string()))
        })
        .unwrap_or("全县")
}

/// A diagnostic about the whole draft, anchored on its title line.
pub(crate) fn on_title(
    ctx: &Context,
    severity: Severity,
    message: String,
    suggestion: &str,
) -> Diagnostic {
    let t = ctx.analysis.title();
    Diagnostic {
        code: "",
        name: "",
        severity,
        message,
        start: t.start,
        end: t.end,
        suggestion: Some(suggestion.to_string()),
    }
}
