//! [`Audit::build`]: checked items → the audit, step by step (admit, batch duplicates, units,
//! weeks, type mix, worst findings, totals).

use std::collections::BTreeMap;

use crate::date::Date;

use crate::index::minhash;
use crate::text::Positions;
use crate::{Category, DocReport, SourceError};

use super::*;

impl Audit {
    /// Builds the audit from checked items (see [`Item::from_report`]) or read errors.
    pub fn build(entries: Vec<Result<Item, SourceError>>, range: &DateRange) -> Audit {
        let (items, skipped, errors) = admit(entries, range);
        let (items, duplicates) = batch_duplicates(items);
        let units = units(&items);
        let weeks = weeks(&items, range);
        let type_mix = TypeMix::of(&items);
        let worst = worst_findings(&items);
        let n = items.len();
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

/// The items inside the date range in order (date, unit, path) with their ids, the ones
/// outside it, and the files that could not be read. An archived item that is also in this
/// batch (offices index submissions as they come in) is a batch duplicate, not history: it
/// is kept once.
fn admit(
    entries: Vec<Result<Item, SourceError>>,
    range: &DateRange,
) -> (Vec<Item>, Vec<Skipped>, Vec<FileError>) {
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
    let hashes: std::collections::HashSet<String> = items.iter().map(|i| i.hash.clone()).collect();
    let paths: std::collections::HashSet<String> = items.iter().map(|i| i.path.clone()).collect();
    for it in items.iter_mut() {
        it.duplicate_of
            .retain(|d| !(hashes.contains(&d.hash) || paths.contains(&d.path)));
    }

    (items, skipped, errors)
}

/// Duplicates within the set, added to each item's `duplicate_of`, and their groups.
fn batch_duplicates(mut items: Vec<Item>) -> (Vec<Item>, Vec<Cluster>) {
    // Shingles re-computed from the text when needed, so memory stays at the sketches.
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

    (items, duplicates)
}

/// Per unit: items, categories, findings, duplicates and points, most items first.
fn units(items: &[Item]) -> Vec<UnitSummary> {
    let mut units: BTreeMap<String, UnitSummary> = BTreeMap::new();
    for it in items {
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

    units
}

/// Per ISO week (undated last: 日期不详 sorts after digits); weeks in which nobody submitted
/// anything are shown too, from the start of the range (or the first item) to its end (or
/// the last item).
fn weeks(items: &[Item], range: &DateRange) -> Vec<WeekSummary> {
    let mut weeks: BTreeMap<String, WeekSummary> = BTreeMap::new();
    for it in items {
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

    weeks
}

impl TypeMix {
    /// The mix of categories against the targets, with how far inferred categories could
    /// move the shares.
    fn of(items: &[Item]) -> TypeMix {
        let mut counts = CategoryCounts::default();
        for it in items {
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
        TypeMix {
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
        }
    }
}

/// The worst findings: errors before warnings, lower quality first; at most 20.
fn worst_findings(items: &[Item]) -> Vec<WorstFinding> {
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

    worst
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
            Finding {
                location: Some(crate::report::word_location(&r.doc, d.start, d.end)),
                excerpt: Some(char_prefix(text.get(d.start..d.end).unwrap_or(""), 40)),
                ..Finding::of(d, pos.line_col(d.start))
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
