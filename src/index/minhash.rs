//! Near-duplicate detection: character shingles, MinHash sketches, LSH banding for
//! candidates, exact verification.
//!
//! Two items are duplicates when their wording is reused: Jaccard similarity of their
//! 5-character shingles, or containment (the share of the smaller item found in the larger,
//! so a short item copied into a long one is caught). Text everyone quotes must not make two
//! items duplicates (CNKI excludes quotations the same way): shingles inside long quotation
//! marks (“…”) and shingles shared by many items of the set are left out of both measures.
//!
//! Candidates come from LSH over 128 MinHash values in 64 bands of 2 rows, which finds pairs
//! with Jaccard 0.25 (a short item inside a long one) with probability 0.98; every candidate is
//! verified exactly on the shingle sets.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

/// Characters per shingle.
pub const SHINGLE: usize = 5;
/// MinHash values per sketch.
pub const HASHES: usize = 128;
/// LSH bands (rows per band = HASHES / BANDS).
pub const BANDS: usize = 64;

/// A quotation this long (characters) or longer is quoted text, not the author's.
const LONG_QUOTE: usize = 20;

fn mix(mut x: u64) -> u64 {
    // splitmix64 finaliser: a fast, well-distributed 64-bit mix.
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn keep(c: char) -> bool {
    c.is_alphanumeric()
}

/// The set of shingle hashes of `text`, sorted and unique, and those that lie inside long
/// quotations. Punctuation and spaces are skipped, so re-punctuated copies still match.
pub fn shingles(text: &str) -> (Vec<u64>, Vec<u64>) {
    let mut chars: Vec<(char, bool)> = Vec::with_capacity(text.len() / 3);
    let mut quote_start: Option<usize> = None;
    let mut quoted_ranges: Vec<(usize, usize)> = Vec::new();
    for c in text.chars() {
        match c {
            '“' | '「' => quote_start = Some(chars.len()),
            '”' | '」' => {
                if let Some(s) = quote_start.take() {
                    if chars.len() - s >= LONG_QUOTE {
                        quoted_ranges.push((s, chars.len()));
                    }
                }
            }
            _ if keep(c) => chars.push((c, false)),
            _ => {}
        }
    }
    for (s, e) in quoted_ranges {
        for ch in &mut chars[s..e] {
            ch.1 = true;
        }
    }
    let mut all = Vec::with_capacity(chars.len());
    let mut quoted = Vec::new();
    for w in chars.windows(SHINGLE) {
        let mut h = 0xcbf2_9ce4_8422_2325u64;
        for (c, _) in w {
            h = mix(h ^ *c as u64);
        }
        all.push(h);
        if w.iter().all(|(_, q)| *q) {
            quoted.push(h);
        }
    }
    all.sort_unstable();
    all.dedup();
    quoted.sort_unstable();
    quoted.dedup();
    (all, quoted)
}

/// MinHash sketch of a shingle set.
pub fn sketch(shingles: &[u64]) -> Vec<u64> {
    let mut mins = vec![u64::MAX; HASHES];
    for &s in shingles {
        for (i, m) in mins.iter_mut().enumerate() {
            let h = mix(s ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
            if h < *m {
                *m = h;
            }
        }
    }
    mins
}

/// One item as duplicate detection sees it.
#[derive(Debug, Clone)]
pub struct Item {
    /// The item's own shingles (quoted ones removed), sorted.
    pub shingles: Vec<u64>,
    pub sketch: Vec<u64>,
}

impl Item {
    pub fn new(text: &str) -> Item {
        let (all, quoted) = shingles(text);
        let own: Vec<u64> = if quoted.is_empty() {
            all
        } else {
            let q: HashSet<u64> = quoted.into_iter().collect();
            all.into_iter().filter(|s| !q.contains(s)).collect()
        };
        let sketch = sketch(&own);
        Item {
            shingles: own,
            sketch,
        }
    }
}

/// Similarity of a verified pair.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Similarity {
    /// |A∩B| / |A∪B| over the items' own shingles.
    pub jaccard: f64,
    /// |A∩B| / min(|A|, |B|): how much of the smaller item is in the larger.
    pub containment: f64,
}

impl Similarity {
    /// The figure reported as "similarity": the larger of the two.
    pub fn score(&self) -> f64 {
        self.jaccard.max(self.containment)
    }
}

/// Exact similarity, ignoring the shingles in `common` (shared by many items).
pub fn similarity(a: &[u64], b: &[u64], common: &HashSet<u64>) -> Similarity {
    let (mut i, mut j, mut inter, mut na, mut nb) = (0, 0, 0usize, 0usize, 0usize);
    while i < a.len() || j < b.len() {
        let x = a.get(i).copied();
        let y = b.get(j).copied();
        match (x, y) {
            (Some(x), Some(y)) if x == y => {
                if !common.contains(&x) {
                    inter += 1;
                    na += 1;
                    nb += 1;
                }
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x < y => {
                na += usize::from(!common.contains(&x));
                i += 1;
            }
            (Some(x), None) => {
                na += usize::from(!common.contains(&x));
                i += 1;
            }
            (_, Some(y)) => {
                nb += usize::from(!common.contains(&y));
                j += 1;
            }
            (None, None) => break,
        }
    }
    let union = na + nb - inter;
    let small = na.min(nb);
    Similarity {
        jaccard: if union == 0 {
            0.0
        } else {
            inter as f64 / union as f64
        },
        containment: if small == 0 {
            0.0
        } else {
            inter as f64 / small as f64
        },
    }
}

/// Thresholds for calling a pair a duplicate.
#[derive(Debug, Clone, Copy)]
pub struct Thresholds {
    pub jaccard: f64,
    pub containment: f64,
    /// A shingle in at least this share of the items (and at least 10) is boilerplate.
    pub common_share: f64,
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            jaccard: 0.5,
            containment: 0.6,
            common_share: 0.05,
        }
    }
}

/// A duplicate pair (indices into the items) with its similarity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pair {
    pub a: usize,
    pub b: usize,
    pub similarity: Similarity,
}

/// The LSH band keys of a sketch (`b{band}:{hash}`), as stored in the archive.
pub fn band_keys(sketch: &[u64]) -> Vec<String> {
    let rows = HASHES / BANDS;
    (0..BANDS)
        .map(|b| {
            let mut h = b as u64;
            for v in &sketch[b * rows..(b + 1) * rows] {
                h = mix(h ^ v);
            }
            format!("b{b}:{h:016x}")
        })
        .collect()
}

/// All duplicate pairs among `items`, each verified exactly, sorted by (a, b).
pub fn duplicate_pairs(items: &[Item], t: Thresholds) -> Vec<Pair> {
    // Boilerplate: shingles in many items.
    let mut df: HashMap<u64, u32> = HashMap::new();
    for it in items {
        for &s in &it.shingles {
            *df.entry(s).or_default() += 1;
        }
    }
    // At least 10 items: a cluster of resubmissions (rarely more than a handful) is not boilerplate.
    let min_df = ((items.len() as f64 * t.common_share).ceil() as u32).max(10);
    let common: HashSet<u64> = df
        .into_iter()
        .filter(|&(_, n)| n >= min_df)
        .map(|(s, _)| s)
        .collect();
    // LSH candidates.
    let rows = HASHES / BANDS;
    let mut buckets: HashMap<(usize, u64), Vec<usize>> = HashMap::new();
    for (i, it) in items.iter().enumerate() {
        if it.shingles.is_empty() {
            continue;
        }
        for b in 0..BANDS {
            let mut h = b as u64;
            for v in &it.sketch[b * rows..(b + 1) * rows] {
                h = mix(h ^ v);
            }
            buckets.entry((b, h)).or_default().push(i);
        }
    }
    let mut candidates: HashSet<(usize, usize)> = HashSet::new();
    for members in buckets.values() {
        for (x, &i) in members.iter().enumerate() {
            for &j in &members[x + 1..] {
                candidates.insert((i.min(j), i.max(j)));
            }
        }
    }
    let mut out: Vec<Pair> = candidates
        .into_iter()
        .filter_map(|(a, b)| {
            let s = similarity(&items[a].shingles, &items[b].shingles, &common);
            (s.jaccard >= t.jaccard || s.containment >= t.containment).then_some(Pair {
                a,
                b,
                similarity: s,
            })
        })
        .collect();
    out.sort_by_key(|p| (p.a, p.b));
    out
}

/// Groups pairs into clusters (connected components), each sorted, clusters sorted by first.
pub fn clusters(n: usize, pairs: &[Pair]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for p in pairs {
        let (ra, rb) = (root(&mut parent, p.a), root(&mut parent, p.b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for p in pairs {
        for x in [p.a, p.b] {
            let r = root(&mut parent, x);
            let g = groups.entry(r).or_default();
            if !g.contains(&x) {
                g.push(x);
            }
        }
    }
    let mut out: Vec<Vec<usize>> = groups
        .into_values()
        .map(|mut g| {
            g.sort_unstable();
            g
        })
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "永嘉县桥头镇纽扣企业用工缺口扩大需引起关注。全镇312家纽扣企业用工缺口达4860人，同比扩大37.2%，其中一线熟练工缺口2950人。";

    #[test]
    fn copies_and_containment() {
        let a = Item::new(A);
        let b = Item::new(&A.replace("永嘉县", "瑞安市"));
        let long = Item::new(&format!("{A}此外，县里还在瓯北街道开展了用工调剂试点，撮合企业用工412人，涉及企业127家，平均每家缺工从23人降至12人。建议由县人社局牵头设立服务站。"));
        let none = HashSet::new();
        assert!(similarity(&a.shingles, &b.shingles, &none).jaccard > 0.8);
        let s = similarity(&a.shingles, &long.shingles, &none);
        assert!(s.containment > 0.95 && s.jaccard < 0.6, "{s:?}");
        let pairs = duplicate_pairs(
            &[
                a,
                b,
                long,
                Item::new("完全无关的另一条动态信息，讲的是秸秆综合利用和农机作业补贴。"),
            ],
            Thresholds::default(),
        );
        assert_eq!(
            pairs.iter().map(|p| (p.a, p.b)).collect::<Vec<_>>(),
            vec![(0, 1), (0, 2), (1, 2)]
        );
        assert_eq!(clusters(4, &pairs), vec![vec![0, 1, 2]]);
    }

    #[test]
    fn long_quotations_are_not_the_authors_text() {
        let quote = "“坚持以人民为中心的发展思想，着力解决好人民群众急难愁盼问题，不断实现人民对美好生活的向往”";
        let a = Item::new(&format!(
            "平阳县电动自行车充电设施建设滞后。{quote}今年已建成充电端口1860个。"
        ));
        let b = Item::new(&format!(
            "文成县山区养老服务短板突出。{quote}全县养老床位缺口约600张。"
        ));
        let s = similarity(&a.shingles, &b.shingles, &HashSet::new());
        assert!(s.containment < 0.2, "{s:?}");
    }
}
