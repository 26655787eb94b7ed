//! Whether two items are the same information item sent again, as an editor judges it, and
//! why: the one verdict that `dups`, `similar`, `check --index` and the audit report.
//!
//! Two kinds of evidence, either enough:
//! - **Wording**: 5-character shingles (see [`minhash`]), Jaccard ≥ 0.5 or the smaller item
//!   ≥ 60 % inside the larger. Before measuring, every verbatim passage the two share that is
//!   ≥ 30 characters long and carries no figure and no township or village is left out of both:
//!   a quotation of a central document, a provincial formula or a standard opening is
//!   boilerplate for this pair wherever it sits, even if only these two items carry it.
//! - **Facts**: the same specific figures (at least two, and at least half of those of the item
//!   with fewer), with the townships, villages and names, at least four shared facts in all.
//!   A heavy rewrite, or another unit's own write-up of the same event, keeps the facts and
//!   changes the words. A report on the same subject with new facts (next month's results,
//!   another county's problem) shares a few baseline figures at most, never half.
//!   An item written with few precise figures (its counts rounded: 20多个村、2000多户) is
//!   judged on all its figures: at least one specific figure shared (and half of the item
//!   with fewer), at least three figures shared counting the round ones with their units (and
//!   half of all the figures of the item with fewer), at least two townships, villages or
//!   people shared, six facts in all.
//! - **Wording and facts together**: a heavy rewrite of an item with few figures (叶塘镇一个
//!   工地20多名工人被拖欠10多万元，包工头王某) keeps a fifth or more of its wording and its
//!   example: at least [`CORROBORATED_CONTAINMENT`] of the smaller item inside the larger
//!   (boilerplate left out), with a township or village shared, at least half the figures of
//!   the item with fewer (round ones counted) and three shared facts in all. Reports on the
//!   same subject share far less of their own wording (under a tenth in the labelled sets) and
//!   bring new figures; a shared standard passage is boilerplate.

use std::collections::HashSet;

use serde::Serialize;

use crate::index::facts::{Facts, Shared};
use crate::index::minhash::{self, Ignore, Similarity, Thresholds, SHINGLE};
use crate::text::Resources;

/// A shared passage this long (characters, punctuation not counted) or longer, with no
/// figure and no township or village in it, is boilerplate for the pair.
pub const BOILERPLATE_CHARS: usize = 30;

/// Fact evidence: at least this many shared specific figures…
pub const MIN_SHARED_FIGURES: usize = 2;
/// …making up at least this share of the figures of the item with fewer…
pub const MIN_FIGURE_SHARE: f64 = 0.5;
/// …and at least this many shared facts in all (figures, townships and villages, names).
pub const MIN_SHARED_FACTS: usize = 4;

/// Fact evidence for an item written with few precise figures: at least this many shared
/// figures, round ones (with their unit) counted…
pub const MIN_ALL_FIGURES: usize = 3;
/// …at least this many shared townships, villages and people…
pub const MIN_LOCAL_FACTS: usize = 2;
/// …and at least this many shared facts in all.
pub const MIN_ALL_FACTS: usize = 6;

/// Wording and facts together: at least this share of the smaller item's own shingles in
/// the larger…
pub const CORROBORATED_CONTAINMENT: f64 = 0.15;
/// …with at least one township or village and this many facts in all shared.
pub const CORROBORATED_FACTS: usize = 3;

/// Dates this many days apart or more make a re-sent text 旧稿翻炒 rather than 重复报送.
pub const RECYCLED_DAYS: i64 = 60;

/// What kind of duplicate a pair is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The same text sent again, by the same or another unit (重复报送).
    Resubmission,
    /// An old item sent again months later with dates and some figures refreshed (旧稿翻炒).
    Recycled,
    /// One item copied whole or in large part into the other (整段套用).
    CopiedPassage,
    /// The same facts in other words: a rewrite, or another unit's write-up of the same
    /// event (同一事实改写重报).
    Rewrite,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Resubmission => "重复报送",
            Kind::Recycled => "旧稿翻炒",
            Kind::CopiedPassage => "整段套用",
            Kind::Rewrite => "同一事实改写重报",
        }
    }
}

/// Why a pair is a duplicate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Why {
    pub kind: Kind,
    /// Wording similarity with the pair's boilerplate left out.
    pub similarity: Similarity,
    /// The facts both items state.
    pub shared: Shared,
    /// Sentences of the first item found (almost) whole in the second, at most two.
    pub sentences: Vec<String>,
}

impl Why {
    /// The kind given the two items' dates: the same text sent again
    /// [`RECYCLED_DAYS`] or more later with figures refreshed is 旧稿翻炒.
    pub fn dated(mut self, a: Option<&str>, b: Option<&str>) -> Why {
        let apart = match (a, b) {
            (Some(x), Some(y)) => {
                crate::date::days_between(x.min(y), x.max(y)).is_some_and(|d| d >= RECYCLED_DAYS)
            }
            _ => false,
        };
        if self.kind == Kind::Resubmission
            && apart
            && self.shared.specific < self.shared.fewer_figures
        {
            self.kind = Kind::Recycled;
        }
        self
    }

    /// One line in Chinese: the kind, the similarity and the shared facts.
    pub fn describe(&self) -> String {
        let mut parts = vec![format!(
            "{}（文字相似度{:.0}%）",
            self.kind.label(),
            self.similarity.score() * 100.0
        )];
        let list = |v: &[String], max: usize| {
            let mut s = v.iter().take(max).cloned().collect::<Vec<_>>().join("、");
            if v.len() > max {
                s.push_str(&format!("等{}项", v.len()));
            }
            s
        };
        if !self.shared.figures.is_empty() {
            parts.push(format!("相同数字：{}", list(&self.shared.figures, 6)));
        }
        if !self.shared.places.is_empty() {
            parts.push(format!("相同地点：{}", list(&self.shared.places, 4)));
        }
        if !self.shared.names.is_empty() {
            parts.push(format!("相同名称：{}", list(&self.shared.names, 4)));
        }
        parts.join("；")
    }
}

/// Own shingles of a text in order, each with the byte range of its five characters
/// (quotations ≥ 20 characters left out, as in [`minhash::own_shingle_hashes`]), and a
/// flag for each: consecutive with the previous one in the text's skeleton.
fn positioned(text: &str) -> Vec<(u64, usize, usize, bool)> {
    let hashes = minhash::shingle_hashes_with_quoted(text);
    let chars: Vec<(usize, char)> = text
        .char_indices()
        .filter(|&(_, c)| crate::text::alphanumeric(c))
        .collect();
    let mut out = Vec::with_capacity(hashes.0.len());
    let mut prev_kept = false;
    for (k, &h) in hashes.0.iter().enumerate() {
        if hashes.1[k] {
            prev_kept = false;
            continue;
        }
        let (s, _) = chars[k];
        let (e, c) = chars[k + SHINGLE - 1];
        out.push((h, s, e + c.len_utf8(), prev_kept));
        prev_kept = true;
    }
    out
}

/// The shingles of the passages of `a` found verbatim in `b` that are boilerplate for the
/// pair: at least [`BOILERPLATE_CHARS`] long, without digits or townships and villages.
fn pair_boilerplate(
    a_text: &str,
    a: &[(u64, usize, usize, bool)],
    b: &HashSet<u64>,
    a_facts: &Facts,
) -> Vec<u64> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < a.len() {
        if !b.contains(&a[k].0) {
            k += 1;
            continue;
        }
        let mut end = k + 1;
        while end < a.len() && a[end].3 && b.contains(&a[end].0) {
            end += 1;
        }
        let chars = end - k + SHINGLE - 1;
        let (from, to) = (a[k].1, a[end - 1].2);
        let passage = &a_text[from..to];
        if chars >= BOILERPLATE_CHARS
            && !passage
                .chars()
                .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
            && !a_facts.place_spans.iter().any(|p| p.overlaps(from, to))
        {
            out.extend(a[k..end].iter().map(|x| x.0));
        }
        k = end;
    }
    out
}

/// Sentences of `a` (≥ 15 characters) with ≥ 80 % of their shingles in `b`, at most two.
pub fn shared_sentences(a: &str, b: &HashSet<u64>) -> Vec<String> {
    a.split(['。', '！', '？', '\n'])
        .filter(|s| s.chars().count() >= 15)
        .filter(|s| {
            let own = minhash::own_shingles(s);
            !own.is_empty() && own.iter().filter(|x| b.contains(x)).count() * 10 >= own.len() * 8
        })
        .take(2)
        .map(|s| s.trim().to_string())
        .collect()
}

/// The figures two items share, counted for the rules: from their facts (the verdict) or from
/// their candidate keys (before the verdict), so that both apply the same conditions.
#[derive(Debug, Clone, Copy)]
struct FigureCounts {
    /// Shared specific figures.
    specific: usize,
    /// Shared figures, round ones counted.
    all: usize,
    /// Specific figures of the item with fewer of them.
    fewer_specific: usize,
    /// Figures, round ones counted, of the item with fewer of them.
    fewer_all: usize,
}

impl FigureCounts {
    fn half_specific(self) -> bool {
        self.specific as f64 >= MIN_FIGURE_SHARE * self.fewer_specific as f64
    }

    fn half_all(self) -> bool {
        self.all as f64 >= MIN_FIGURE_SHARE * self.fewer_all as f64
    }

    /// The figures of the precise rule.
    fn precise(self) -> bool {
        self.specific >= MIN_SHARED_FIGURES && self.half_specific()
    }

    /// The figures of the rule for items with few precise figures.
    fn rounded(self) -> bool {
        self.specific >= 1 && self.half_specific() && self.all >= MIN_ALL_FIGURES && self.half_all()
    }

    /// The figures of the rule for wording and facts together.
    fn corroborating(self) -> bool {
        self.all >= 1 && self.half_all()
    }
}

fn counts(shared: &Shared) -> FigureCounts {
    FigureCounts {
        specific: shared.specific,
        all: shared.figures.len(),
        fewer_specific: shared.fewer_figures,
        fewer_all: shared.fewer_all,
    }
}

/// Whether the facts alone make two items the same item (see the module's documentation).
pub fn same_facts(shared: &Shared) -> bool {
    let c = counts(shared);
    let local = shared.places.len() + shared.names.len();
    (c.precise() && c.specific + local >= MIN_SHARED_FACTS)
        || (c.rounded() && local >= MIN_LOCAL_FACTS && c.all + local >= MIN_ALL_FACTS)
}

/// Whether wording and facts together make two items the same item (see the module's
/// documentation).
pub fn corroborated(similarity: &Similarity, shared: &Shared) -> bool {
    let c = counts(shared);
    similarity.containment >= CORROBORATED_CONTAINMENT
        && !shared.places.is_empty()
        && c.corroborating()
        && c.all + shared.places.len() + shared.names.len() >= CORROBORATED_FACTS
}

/// What candidate keys say of a pair (see [`facts_may_match`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeysMatch {
    /// Not enough shared facts for any rule.
    No,
    /// The shared figures may make the pair one item by themselves.
    Alone,
    /// A township and a figure shared: one item only with [`CORROBORATED_CONTAINMENT`] of
    /// the wording.
    WithWording,
}

impl KeysMatch {
    /// Whether a pair with this wording similarity is worth the verdict.
    pub fn worth_judging(self, similarity: &Similarity) -> bool {
        match self {
            KeysMatch::No => false,
            KeysMatch::Alone => true,
            KeysMatch::WithWording => similarity.containment >= CORROBORATED_CONTAINMENT,
        }
    }
}

/// The fact rules on candidate keys alone ([`crate::index::facts::candidate_keys`], or their
/// low 32 bits; names are not known there, places only as the scanner reads them): whether
/// the facts may make two items one, by themselves or with some wording.
pub fn facts_may_match<K: Copy + PartialEq + Into<u64>>(a: &[K], b: &[K]) -> KeysMatch {
    use crate::index::facts::{key_kind, KeyKind};
    // One pass over each side, no allocation: this runs on every candidate pair.
    let figures = |v: &[K]| -> (usize, usize) {
        let mut n = (0, 0);
        for &k in v {
            match key_kind(k.into()) {
                KeyKind::Specific => n.0 += 1,
                KeyKind::Round => n.1 += 1,
                KeyKind::Place => {}
            }
        }
        n
    };
    let (mut specific, mut round, mut places) = (0usize, 0usize, 0usize);
    for &k in a {
        if b.contains(&k) {
            match key_kind(k.into()) {
                KeyKind::Specific => specific += 1,
                KeyKind::Round => round += 1,
                KeyKind::Place => places += 1,
            }
        }
    }
    let (fa, fb) = (figures(a), figures(b));
    let c = FigureCounts {
        specific,
        all: specific + round,
        fewer_specific: fa.0.min(fb.0),
        fewer_all: (fa.0 + fa.1).min(fb.0 + fb.1),
    };
    if c.precise() || c.rounded() {
        KeysMatch::Alone
    } else if places >= 1 && c.corroborating() {
        KeysMatch::WithWording
    } else {
        KeysMatch::No
    }
}

/// One side of a comparison: its text, facts and date.
pub struct Side<'a> {
    pub text: &'a str,
    pub facts: &'a Facts,
    pub date: Option<&'a str>,
}

/// Judges a pair. `common` holds the shingles of the batch's boilerplate (in many items).
pub fn judge(a: &Side, b: &Side, common: &impl Ignore, t: Thresholds) -> Option<Why> {
    #[cfg(feature = "fault-injection")]
    if a.text.contains(crate::source::isolate::FAULT_MARKER)
        || b.text.contains(crate::source::isolate::FAULT_MARKER)
    {
        panic!(
            "planted fault: the item contains {}",
            crate::source::isolate::FAULT_MARKER
        );
    }
    let pa = positioned(a.text);
    let pb = positioned(b.text);
    let set_a: HashSet<u64> = pa.iter().map(|x| x.0).collect();
    let set_b: HashSet<u64> = pb.iter().map(|x| x.0).collect();
    let mut ignore: HashSet<u64> = pair_boilerplate(a.text, &pa, &set_b, a.facts)
        .into_iter()
        .collect();
    ignore.extend(pair_boilerplate(b.text, &pb, &set_a, b.facts));
    struct Both<'x, C: Ignore>(&'x HashSet<u64>, &'x C);
    impl<C: Ignore> Ignore for Both<'_, C> {
        fn ignored(&self, s: u64) -> bool {
            self.0.contains(&s) || self.1.ignored(s)
        }
    }
    let mut sa: Vec<u64> = set_a.iter().copied().collect();
    let mut sb: Vec<u64> = set_b.iter().copied().collect();
    sa.sort_unstable();
    sb.sort_unstable();
    let similarity = minhash::similarity(&sa, &sb, &Both(&ignore, common));
    let shared = Shared::between(a.facts, b.facts);
    let worded = similarity.jaccard >= t.jaccard || similarity.containment >= t.containment;
    let kind = if worded {
        if similarity.jaccard < t.jaccard {
            Kind::CopiedPassage
        } else {
            Kind::Resubmission
        }
    } else if same_facts(&shared) || corroborated(&similarity, &shared) {
        Kind::Rewrite
    } else {
        return None;
    };
    let kept: HashSet<u64> = set_b.difference(&ignore).copied().collect();
    Some(
        Why {
            kind,
            similarity,
            sentences: shared_sentences(a.text, &kept),
            shared,
        }
        .dated(a.date, b.date),
    )
}

/// [`judge`] for two texts, their facts read here.
pub fn judge_texts(
    res: &Resources,
    a: (&str, Option<&str>),
    b: (&str, Option<&str>),
    t: Thresholds,
) -> Option<Why> {
    let (fa, fb) = (Facts::of(res, a.0), Facts::of(res, b.0));
    judge(
        &Side {
            text: a.0,
            facts: &fa,
            date: a.1,
        },
        &Side {
            text: b.0,
            facts: &fb,
            date: b.1,
        },
        &HashSet::<u64>::new(),
        t,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVENT: &str = "永嘉县桥头镇纽扣企业用工缺口扩大。全镇312家纽扣企业用工缺口达4860人，同比扩大37.2%，其中一线熟练工缺口2950人。东岙村某纽扣厂负责人王某说，今年开出月薪7800元仍招不满。";

    fn judge2(a: &str, b: &str) -> Option<Why> {
        judge_texts(
            &Resources::shared(),
            (a, None),
            (b, None),
            Thresholds::default(),
        )
    }

    #[test]
    fn a_rewrite_with_the_same_facts_is_the_same_item() {
        let rewrite = "桥头镇纽扣行业招工难问题凸显。据镇里摸排，312家纽扣企业目前共缺工4860人，缺口比去年同期增加37.2%；熟练的一线工人就缺2950人。东岙村一家纽扣厂的王某反映，厂里把月薪提到7800元也招不到人。";
        let why = judge2(EVENT, rewrite).expect("same facts");
        assert_eq!(why.kind, Kind::Rewrite);
        assert!(why.similarity.score() < 0.5, "{why:?}");
        assert!(why.shared.figures.len() >= 4, "{why:?}");
        assert!(
            why.describe().contains("相同数字：312家"),
            "{}",
            why.describe()
        );
    }

    #[test]
    fn the_same_subject_with_new_figures_is_not() {
        let next_month = "永嘉县桥头镇纽扣企业用工缺口有所收窄。经过专场招聘，全镇312家纽扣企业用工缺口降至3120人，比上月减少1740人，其中一线熟练工缺口1680人。东岙村王某的纽扣厂已招满。";
        assert_eq!(judge2(EVENT, next_month), None);
    }

    /// An item written with one precise figure and its counts rounded, as many county items
    /// are.
    const ROUNDED: &str = "林西县部分农村供水管网冬季冻裂 群众吃水受影响\n入冬以来全县共有20多个村发生管道冻裂，累计影响群众2000多户。县委办在官地镇、统部镇调研了解到：部分早年建设的供水管网埋深不到1.5米，官地镇某村主管道冻裂后全村断水3天；统部镇村民赵某家的水表今冬已冻坏2次。乡镇水管员少，每个乡镇只有30多名。";

    #[test]
    fn a_rewrite_of_an_item_with_rounded_figures_is_the_same_item() {
        let bureau = "林西县农村供水工程防冻能力弱 冬季断水时有发生\n据县水利局统计，今冬全县已有20多个村出现供水管道冻裂，涉及2000多户群众。我局在官地镇、统部镇调查发现，官地镇某村主管道冻裂，全村断水3天，群众只能到邻村拉水；统部镇村民赵某家的水表已经冻坏2次。原因是部分管网埋深不足1.5米，达不到冻土层以下的要求。";
        let why = judge2(ROUNDED, bureau).expect("same facts");
        assert_eq!(why.kind, Kind::Rewrite);
        assert_eq!(why.shared.specific, 1, "{why:?}");
        assert!(
            why.describe().contains("相同数字：1.5米、20多个、2000多户"),
            "{}",
            why.describe()
        );
    }

    #[test]
    fn rounded_figures_and_the_same_townships_with_new_facts_are_not() {
        // The same county's next report on the subject: the same townships and the same
        // round baseline, new precise figures and a new example.
        let later = "林西县农村供水管网防冻改造进展顺利\n全县20多个村的老旧管网已列入改造计划，今年改造管网46公里，惠及群众2000多户。官地镇、统部镇已完成改造，埋深达到1.8米，今冬未再发生断水；统部镇村民钱某说，今年水表再没冻坏过。";
        assert_eq!(judge2(ROUNDED, later), None);
        // Another county's report with the same round counts: no township or person shared.
        let other = "巴林左旗部分农村供水管网冬季冻裂\n入冬以来全旗共有20多个村发生管道冻裂，影响群众2000多户。部分管网埋深不到1.5米，林东镇某村断水3天。";
        assert_eq!(judge2(ROUNDED, other), None);
        // 200元 and 200个 are two facts.
        let f = |t: &str| crate::index::facts::Facts::of(&Resources::shared(), t).round_keys;
        assert_ne!(f("月收入200元"), f("站点200个"));
        assert_eq!(f("站点200余个"), f("站点200个"));
        // Percentages and bare numbers are not round facts.
        assert!(f("增长20%，共300").is_empty());
    }

    #[test]
    fn a_shared_quotation_without_facts_is_boilerplate_for_the_pair() {
        let quote = "坚持以人民为中心的发展思想，着力解决好人民群众急难愁盼问题，不断实现人民对美好生活的向往，推动共同富裕取得更为明显的实质性进展";
        let a = format!("平阳县电动自行车充电设施建设滞后。{quote}。今年已建成充电端口1860个。");
        let b = format!("文成县山区养老服务短板突出。{quote}。全县养老床位缺口约600张。");
        // Without quotation marks the passage counts for the plain measure…
        let none = HashSet::<u64>::new();
        let plain = minhash::similarity(
            &minhash::own_shingles(&a),
            &minhash::own_shingles(&b),
            &none,
        );
        assert!(plain.containment >= 0.6, "{plain:?}");
        // …but not for the pair.
        assert_eq!(judge2(&a, &b), None);
        // A shared passage with figures or a township is evidence.
        let c = format!("{EVENT}此外，县里还在瓯北街道开展用工调剂试点。");
        assert!(judge2(EVENT, &c).is_some());
    }
}
