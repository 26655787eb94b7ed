//! Near-duplicate detection: character shingles, MinHash sketches, LSH banding for
//! candidates, exact verification.
//!
//! Two items are duplicates when their wording is reused: Jaccard similarity of their
//! 5-character shingles, or containment (the share of the smaller item found in the larger,
//! so a short item copied into a long one is caught). Text everyone quotes must not make two
//! items duplicates (CNKI excludes quotations the same way): shingles inside long quotation
//! marks (“…”) and shingles shared by many items of the set are left out of both measures.
//!
//! Candidates come from LSH over a 128-bin one-permutation MinHash sketch in 64 bands of 2
//! rows, which finds pairs with Jaccard 0.25 (a short item inside a long one) with
//! probability 0.98; every candidate is verified exactly on the shingle sets.
//!
//! Scale: [`duplicate_pairs_by`] keeps 396 bytes per item in memory (band keys, an 8-bit
//! digest of the sketch, the shingle count and a fingerprint).
//! Shingles are recomputed when needed — from a sample, to find the boilerplate; per item,
//! for its sketch; per candidate, for the exact check — from whatever the caller can
//! re-read or re-generate. Boilerplate is estimated on an evenly spread sample of at most
//! [`SAMPLE`] items (exact below that) and left out before sketching, so it does not make
//! everyone a candidate of everyone; a bucket that is still larger than [`BUCKET_CAP`]
//! (copies of one text, or a phrase just under the boilerplate share) pairs each member with its [`WINDOW`] nearest neighbours
//! in the order of their sketches' fingerprints instead of with all the others, which keeps the same clusters without n²
//! pairs.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use rayon::prelude::*;
use rustc_hash::FxHashSet;
use serde::Serialize;

/// Characters per shingle.
pub const SHINGLE: usize = 5;
/// MinHash values (bins) per sketch.
pub const HASHES: usize = 128;
/// LSH bands (rows per band = HASHES / BANDS).
pub const BANDS: usize = 64;
const ROWS: usize = HASHES / BANDS;
/// At most this many items are read to find boilerplate shingles; smaller sets are counted
/// exactly. 4,096 items put the 5% threshold at ~205 occurrences, ±7% (one sigma).
pub const SAMPLE: usize = 4096;
/// An LSH bucket with more members than this is not expanded into all its pairs.
pub const BUCKET_CAP: usize = 20;
/// In an oversized bucket, each member is paired with this many following members in
/// the order of the sketches' fingerprints (copies sort next to each other, so a group of
/// copies stays connected).
pub const WINDOW: usize = 3;

/// A quotation this long (characters) or longer is quoted text, not the author's.
const LONG_QUOTE: usize = 20;

/// A pair met in an LSH bucket is verified exactly when its digest estimate of Jaccard is
/// within this of the threshold (standard deviation of the estimate ≤ 0.045 at 128 bins)…
const JACCARD_MARGIN: f64 = 0.2;
/// …or its estimate of containment within this (the estimate is noisier: it scales the
/// Jaccard estimate by the sizes; for a short item inside one four times as long, at
/// containment 0.6, its standard deviation is about 0.12).
const CONTAINMENT_MARGIN: f64 = 0.3;

/// Verification recomputes the shingles of at most this many distinct items at a time
/// (~1,500 shingles × 8 bytes each: ~250 MB for 1,500-character items).
const VERIFY_CHUNK: usize = 20_000;

fn mix(mut x: u64) -> u64 {
    // splitmix64 finaliser: a fast, well-distributed 64-bit mix.
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Every shingle hash of `text` in text order (repeats included), and the sorted unique
/// hashes of those that lie wholly inside long quotations. Punctuation and spaces are
/// skipped, so re-punctuated copies still match.
fn shingle_hashes(text: &str) -> (Vec<u64>, Vec<u64>) {
    // One mix per character, one per shingle: the characters' hashes are combined with
    // distinct rotations, so the order of the characters counts.
    let mut chars: Vec<u64> = Vec::with_capacity(text.len() / 3);
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
            _ if crate::text::alphanumeric(c) => chars.push(mix(c as u64 ^ 0x5851_f42d_4c95_7f2d)),
            _ => {}
        }
    }
    let all: Vec<u64> = chars
        .windows(SHINGLE)
        .map(|w| {
            mix(w[0]
                ^ w[1].rotate_left(13)
                ^ w[2].rotate_left(26)
                ^ w[3].rotate_left(39)
                ^ w[4].rotate_left(52))
        })
        .collect();
    let mut quoted = Vec::new();
    for (s, e) in quoted_ranges {
        if e - s >= SHINGLE {
            quoted.extend_from_slice(&all[s..=e - SHINGLE]);
        }
    }
    quoted.sort_unstable();
    quoted.dedup();
    (all, quoted)
}

/// Every shingle hash of `text` in text order, each with whether it lies wholly inside a
/// long quotation. Shingle `k` starts at the `k`-th letter or digit of the text.
pub fn shingle_hashes_with_quoted(text: &str) -> (Vec<u64>, Vec<bool>) {
    let (all, quoted) = shingle_hashes(text);
    let flags = if quoted.is_empty() {
        vec![false; all.len()]
    } else {
        all.iter()
            .map(|s| quoted.binary_search(s).is_ok())
            .collect()
    };
    (all, flags)
}

/// The set of shingle hashes of `text`, sorted and unique, and those that lie inside long
/// quotations. Punctuation and spaces are skipped, so re-punctuated copies still match.
pub fn shingles(text: &str) -> (Vec<u64>, Vec<u64>) {
    let (mut all, quoted) = shingle_hashes(text);
    all.sort_unstable();
    all.dedup();
    (all, quoted)
}

/// The item's own shingles: quoted ones removed, sorted and unique.
pub fn own_shingles(text: &str) -> Vec<u64> {
    let mut all = own_shingle_hashes(text);
    all.sort_unstable();
    all.dedup();
    all
}

/// The item's own shingle hashes (quoted ones removed) in text order, repeats included.
pub fn own_shingle_hashes(text: &str) -> Vec<u64> {
    let (mut all, quoted) = shingle_hashes(text);
    if !quoted.is_empty() {
        all.retain(|s| quoted.binary_search(s).is_err());
    }
    all
}

/// One-permutation MinHash: each shingle falls into one of [`HASHES`] bins by its top bits
/// and each bin keeps its smallest hash — one pass instead of one hash per shingle and bin.
/// Empty bins (short items) borrow a filled bin chosen by a fixed sequence per bin
/// (Shrivastava's optimal densification), so two items still agree on a bin with
/// probability equal to their Jaccard similarity. Repeats and order do not matter.
pub fn sketch(shingles: &[u64]) -> Vec<u64> {
    sketch_filtered(shingles.iter().copied())
}

fn sketch_filtered(shingles: impl Iterator<Item = u64>) -> Vec<u64> {
    const BIN_BITS: u32 = HASHES.trailing_zeros();
    let mut bins = vec![u64::MAX; HASHES];
    let mut any = false;
    for s in shingles {
        let bin = (s >> (64 - BIN_BITS)) as usize;
        if s < bins[bin] {
            bins[bin] = s;
        }
        any = true;
    }
    if !any {
        return bins;
    }
    let filled = bins.clone();
    for (i, b) in bins.iter_mut().enumerate() {
        let mut attempt = 0u64;
        while *b == u64::MAX {
            let j = mix(((i as u64) << 32) ^ attempt ^ 0x2545_f491_4f6c_dd1d) as usize % HASHES;
            *b = filled[j];
            attempt += 1;
        }
    }
    bins
}

/// The values found at least `min_df` times in `all` (each item's shingles are unique, so
/// this is the document frequency).
///
/// Sorting every shingle of the sample was the largest single cost of an audit (about 800
/// instructions per shingle). Instead, 16-bit counters indexed by hash bits give an upper
/// bound of each count (colliding shingles add up), and only the values whose bound reaches
/// `min_df` are sorted and counted exactly: the result is the same.
///
/// One table for the whole sample (4.4 M shingles of 4,096 items: 32 MB of counters) made
/// nearly every count a cache miss, and it ran on one thread: 0.2–0.4 s of a 10,000-item
/// audit. So the values are first scattered by their top bits into partitions of about
/// 16,000 (shingle hashes are uniform), and each partition is counted in a table that stays
/// in the cache, the partitions in parallel.
fn frequent<S: AsRef<[u64]> + Sync>(all: &[S], min_df: usize) -> FxHashSet<u64> {
    let len: usize = all.iter().map(|s| s.as_ref().len()).sum();
    let part_bits = (len / 16_384)
        .max(1)
        .next_power_of_two()
        .trailing_zeros()
        .min(12);
    frequent_with_bits(all, min_df, part_bits, 16)
}

/// [`frequent`] with `2^part_bits` partitions and counting tables of at most
/// `2^max_table_bits` counters (tests force collisions with a small one).
fn frequent_with_bits<S: AsRef<[u64]> + Sync>(
    all: &[S],
    min_df: usize,
    part_bits: u32,
    max_table_bits: u32,
) -> FxHashSet<u64> {
    let part = |x: u64| x.checked_shr(64 - part_bits).unwrap_or(0) as usize;
    let parts = 1usize << part_bits;
    let values = || all.iter().flat_map(|s| s.as_ref().iter().copied());
    let mut bounds = vec![0usize; parts + 1];
    for x in values() {
        bounds[part(x) + 1] += 1;
    }
    for p in 0..parts {
        bounds[p + 1] += bounds[p];
    }
    let mut next = bounds.clone();
    let mut scattered = vec![0u64; bounds[parts]];
    for x in values() {
        let p = part(x);
        scattered[next[p]] = x;
        next[p] += 1;
    }
    // A saturated counter (65,535) is above any reachable `min_df` as well.
    let bound = min_df.min(u16::MAX as usize) as u16;
    (0..parts)
        .into_par_iter()
        .flat_map_iter(|p| {
            let values = &scattered[bounds[p]..bounds[p + 1]];
            // About two counters per value: few collisions.
            let bits = (values.len().max(1) * 2)
                .next_power_of_two()
                .trailing_zeros()
                .clamp(1, max_table_bits);
            let slot = |x: u64| (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize;
            let mut counts = vec![0u16; 1 << bits];
            for &x in values {
                let c = &mut counts[slot(x)];
                *c = c.saturating_add(1);
            }
            let mut candidates: Vec<u64> = values
                .iter()
                .copied()
                .filter(|&x| counts[slot(x)] >= bound)
                .collect();
            candidates.sort_unstable();
            let frequent: Vec<u64> = candidates
                .chunk_by(|x, y| x == y)
                .filter(|run| run.len() >= min_df)
                .map(|run| run[0])
                .collect();
            frequent
        })
        .collect()
}

/// 64-bit key of one band of a sketch.
fn band_hash(sketch: &[u64], band: usize) -> u64 {
    let mut h = (band as u64).wrapping_add(0x9e37_79b9_7f4a_7c15);
    for v in &sketch[band * ROWS..(band + 1) * ROWS] {
        h = mix(h ^ v);
    }
    h
}

/// The LSH band keys of a sketch as the archive keeps them: 32 bits of each band's hash
/// (the band number is part of the hash). 32 bits are plenty for candidates: a chance match
/// costs one exact check.
pub fn band_hashes(sketch: &[u64]) -> [u32; BANDS] {
    std::array::from_fn(|b| band_hash(sketch, b) as u32)
}

/// 64-bit words of a sketch's 8-bit digest (8 bins per word).
const DIGEST_WORDS: usize = HASHES / 8;

/// Writes the 8-bit digest of a sketch: bits 16–23 of each bin (the band keys use bits
/// 0–15, the bin number the top bits), 8 bins to a word.
fn write_digest(sketch: &[u64], out: &mut [u64]) {
    for (w, word) in out.iter_mut().enumerate() {
        *word = sketch[w * 8..(w + 1) * 8]
            .iter()
            .enumerate()
            .fold(0u64, |acc, (k, v)| acc | ((v >> 16) & 0xff) << (8 * k));
    }
}

/// Jaccard similarity estimated from two 8-bit digests of sketches (b-bit minwise hashing,
/// Li and König): bins agree with probability J + (1 − J)/256, so J is estimated as
/// (agree − 1/256) / (255/256). With 8 bits the estimate is nearly as precise as with the
/// full bins (standard deviation 0.031 against 0.030 at J = 0.14, where a short item sits
/// inside a long one); 4 bits were cheaper but raised it to 0.037, which let the candidate
/// filter drop more of the pairs near the containment threshold.
fn digest_jaccard(a: &[u64], b: &[u64]) -> f64 {
    const LOW: u64 = 0x0101_0101_0101_0101;
    let differ: u32 = a
        .iter()
        .zip(b)
        .map(|(x, y)| {
            // Fold each byte's bits onto its lowest bit: set when the byte differs.
            let mut d = x ^ y;
            d |= d >> 4;
            d |= d >> 2;
            d |= d >> 1;
            (d & LOW).count_ones()
        })
        .sum();
    let agree = (HASHES as u32 - differ) as f64 / HASHES as f64;
    ((agree - 1.0 / 256.0) / (255.0 / 256.0)).max(0.0)
}

/// The sketch of a text's own shingles (long quotations left out), without sorting them:
/// what the archive stores for each added item.
pub fn sketch_text(text: &str) -> Vec<u64> {
    sketch_filtered(own_shingle_hashes(text).into_iter())
}

/// One item as duplicate detection sees it, everything in memory (for small sets; large
/// ones go through [`duplicate_pairs_by`]).
#[derive(Debug, Clone)]
pub struct Item {
    /// The item's own shingles (quoted ones removed), sorted.
    pub shingles: Vec<u64>,
    pub sketch: Vec<u64>,
}

impl Item {
    pub fn new(text: &str) -> Item {
        let own = own_shingles(text);
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

/// A set of shingles to leave out of a comparison (boilerplate).
pub trait Ignore {
    fn ignored(&self, s: u64) -> bool;
}

impl<S: std::hash::BuildHasher> Ignore for HashSet<u64, S> {
    fn ignored(&self, s: u64) -> bool {
        self.contains(&s)
    }
}

/// Exact similarity of two sorted shingle sets, ignoring the shingles in `common` (shared
/// by many items).
pub fn similarity(a: &[u64], b: &[u64], common: &impl Ignore) -> Similarity {
    let (mut i, mut j, mut inter, mut na, mut nb) = (0, 0, 0usize, 0usize, 0usize);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        if x == y {
            if !common.ignored(x) {
                inter += 1;
                na += 1;
                nb += 1;
            }
            i += 1;
            j += 1;
        } else if x < y {
            na += usize::from(!common.ignored(x));
            i += 1;
        } else {
            nb += usize::from(!common.ignored(y));
            j += 1;
        }
    }
    na += a[i..].iter().filter(|&&x| !common.ignored(x)).count();
    nb += b[j..].iter().filter(|&&y| !common.ignored(y)).count();
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

/// A duplicate pair (indices into the items, `a < b`) with its similarity and, when the
/// items were given by their texts, why it is one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pair {
    pub a: usize,
    pub b: usize,
    pub similarity: Similarity,
    pub why: Option<crate::index::same_item::Why>,
}

/// All duplicate pairs among `items`, each verified exactly, sorted by (a, b).
pub fn duplicate_pairs(items: &[Item], t: Thresholds) -> Vec<Pair> {
    duplicate_pairs_by(
        items.len(),
        |i| Cow::Borrowed(items[i].shingles.as_slice()),
        t,
    )
    .pairs
}

/// What a duplicate search found, with figures about the work it did.
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// Verified pairs, sorted by (a, b).
    pub pairs: Vec<Pair>,
    /// Boilerplate shingles left out.
    pub common: usize,
    /// Pairs met in LSH buckets (with repeats across bands), compared on their digests.
    pub examined: usize,
    /// Distinct candidate pairs verified exactly: those whose digests were close enough,
    /// and those sharing enough figures.
    pub candidates: usize,
    /// Candidate pairs met through their shared figures (some also met in LSH buckets).
    pub from_facts: usize,
    /// LSH buckets larger than [`BUCKET_CAP`], paired by neighbours only.
    pub capped_buckets: usize,
    /// Seconds spent in each phase: boilerplate sample, sketches, candidates, verification.
    pub seconds: [f64; 4],
}

/// All duplicate pairs among `n` items whose own shingles (sorted, unique: see
/// [`own_shingles`]) `shingles_of` returns, verified exactly.
///
/// Memory is bounded: 396 bytes per item (64 band keys of 32 bits, an 8-bit digest of each
/// of the 128 bins, the number of own shingles and a fingerprint), the sample, the candidate
/// pairs, and the shingles of at most 20,000 items at a time during verification. Pairs met
/// in LSH buckets are first compared on their digests, so the many chance meetings of a
/// large set (stock phrases just under the boilerplate share) cost two cache lines each, not
/// a re-read. `shingles_of` is called about three times per item involved in a candidate
/// pair and once for the rest; it may re-read or re-generate the text.
pub fn duplicate_pairs_by<'a, F>(n: usize, shingles_of: F, t: Thresholds) -> Found
where
    F: Fn(usize) -> Cow<'a, [u64]> + Sync,
{
    let read = |i: usize| (shingles_of(i), Vec::new());
    let verify = |ids: &[u32], pairs: &[(u32, u32)], common: &FxHashSet<u64>| {
        let cache: HashMap<u32, Cow<'a, [u64]>> = ids
            .par_iter()
            .map(|&i| (i, shingles_of(i as usize)))
            .collect();
        pairs
            .par_iter()
            .filter_map(|&(a, b)| {
                let s = similarity(&cache[&a], &cache[&b], common);
                (s.jaccard >= t.jaccard || s.containment >= t.containment).then_some(Pair {
                    a: a as usize,
                    b: b as usize,
                    similarity: s,
                    why: None,
                })
            })
            .collect::<Vec<Pair>>()
    };
    find_pairs(n, &read, &read, true, &verify, t)
}

/// [`duplicate_pairs_by`] for items given by their texts, which `text_of` may re-read or
/// re-generate. Each item's sketch is made from its shingle hashes as they come, without
/// sorting them (a sketch ignores order and repeats), so an item outside the boilerplate
/// sample and outside every candidate pair has its shingles hashed once and never sorted.
pub fn duplicate_pairs_of_texts<'a, F>(n: usize, text_of: F, t: Thresholds) -> Found
where
    F: Fn(usize) -> Cow<'a, str> + Sync,
{
    let sorted = |i: usize| {
        let text = text_of(i);
        (
            Cow::Owned(own_shingles(&text)),
            crate::index::facts::candidate_keys(&text),
        )
    };
    let hashes = |i: usize| {
        let text = text_of(i);
        (
            Cow::Owned(own_shingle_hashes(&text)),
            crate::index::facts::candidate_keys(&text),
        )
    };
    let verify = |ids: &[u32], pairs: &[(u32, u32)], common: &FxHashSet<u64>| {
        verify_texts(&text_of, ids, pairs, common, t)
    };
    find_pairs(n, &sorted, &hashes, false, &verify, t)
}

/// Exact verification of candidate pairs of items given by their texts: the shingles first
/// (cheap), then, for the pairs whose wording or figures may make them one item, the
/// editor's verdict ([`same_item::judge`](crate::index::same_item::judge)), which reads the
/// facts and leaves out the pair's own boilerplate.
fn verify_texts<'a, F>(
    text_of: &F,
    ids: &[u32],
    pairs: &[(u32, u32)],
    common: &FxHashSet<u64>,
    t: Thresholds,
) -> Vec<Pair>
where
    F: Fn(usize) -> Cow<'a, str> + Sync,
{
    use crate::index::facts::{candidate_keys, Facts};
    use crate::index::same_item::{self, Side};
    struct Read<'a> {
        text: Cow<'a, str>,
        shingles: Vec<u64>,
        figures: Vec<u64>,
        facts: std::sync::OnceLock<Facts>,
    }
    let res = crate::Resources::shared();
    let cache: HashMap<u32, Read<'a>> = ids
        .par_iter()
        .map(|&i| {
            let text = text_of(i as usize);
            let shingles = own_shingles(&text);
            let figures = candidate_keys(&text);
            (
                i,
                Read {
                    text,
                    shingles,
                    figures,
                    facts: std::sync::OnceLock::new(),
                },
            )
        })
        .collect();
    fn facts<'r>(res: &crate::Resources, r: &'r Read) -> &'r Facts {
        r.facts.get_or_init(|| Facts::of(res, &r.text))
    }
    pairs
        .par_iter()
        .filter_map(|&(a, b)| {
            let (ra, rb) = (&cache[&a], &cache[&b]);
            let s = similarity(&ra.shingles, &rb.shingles, common);
            let worded = s.jaccard >= t.jaccard || s.containment >= t.containment;
            let figured = same_item::facts_may_match(&ra.figures, &rb.figures).worth_judging(&s);
            if !worded && !figured {
                return None;
            }
            // The verdict reads the facts of two texts from the batch; a panic there (a
            // bug on one odd text) must not end the run: the pair is then judged on its
            // wording alone, without the why.
            let judged = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                same_item::judge(
                    &Side {
                        text: &ra.text,
                        facts: facts(&res, ra),
                        date: None,
                    },
                    &Side {
                        text: &rb.text,
                        facts: facts(&res, rb),
                        date: None,
                    },
                    common,
                    t,
                )
            }));
            let (similarity, why) = match judged {
                Ok(why) => {
                    let why = why?;
                    (why.similarity, Some(why))
                }
                Err(_) if worded => (s, None),
                Err(_) => return None,
            };
            Some(Pair {
                a: a as usize,
                b: b as usize,
                similarity,
                why,
            })
        })
        .collect()
}

/// `shingles_of` gives an item's own shingles sorted and unique (for the boilerplate sample
/// and the exact check); `hashes_of` gives them for the sketch, in any order, with repeats
/// unless `hashes_unique`.
fn find_pairs<'a, F, G, V>(
    n: usize,
    shingles_of: &F,
    hashes_of: &G,
    hashes_unique: bool,
    verify: &V,
    t: Thresholds,
) -> Found
where
    F: Fn(usize) -> (Cow<'a, [u64]>, Vec<u64>) + Sync,
    G: Fn(usize) -> (Cow<'a, [u64]>, Vec<u64>) + Sync,
    V: Fn(&[u32], &[(u32, u32)], &FxHashSet<u64>) -> Vec<Pair> + Sync,
{
    let clock = std::time::Instant::now();
    let mut seconds = [0.0; 4];
    let mut lap =
        |k: usize| seconds[k] = clock.elapsed().as_secs_f64() - seconds.iter().sum::<f64>();
    // Boilerplate: shingles in many items, counted on all items or on an even sample.
    let sample: Vec<usize> = if n <= SAMPLE {
        (0..n).collect()
    } else {
        (0..SAMPLE).map(|k| k * n / SAMPLE).collect()
    };
    // At least 10 items: a cluster of resubmissions (rarely more than a handful) is not
    // boilerplate.
    let min_df = if n <= SAMPLE {
        ((n as f64 * t.common_share).ceil() as usize).max(10)
    } else {
        (sample.len() as f64 * t.common_share).ceil() as usize
    };
    // The sample's shingles (and figure keys) are kept for its items' sketches below: with
    // up to 4,096 items every item is in the sample and is read once.
    let (sampled, sampled_figures): (Vec<Cow<'a, [u64]>>, Vec<Vec<u64>>) =
        sample.par_iter().map(|&i| shingles_of(i)).unzip();
    let common: FxHashSet<u64> = frequent(&sampled, min_df);
    let mut in_sample = vec![u32::MAX; n];
    for (k, &i) in sample.iter().enumerate() {
        in_sample[i] = k as u32;
    }

    lap(0);
    // Per item, without the boilerplate: its band keys (16 bits of each of a band's two
    // bins), an 8-bit digest of every bin for the candidate filter (128 bytes: two cache lines,
    // where the filter's random reads of a million items miss the cache), its number of own
    // shingles (0: nothing of its own left; in no bucket) and a fingerprint of the whole
    // sketch (copies have equal ones).
    let mut keys = vec![0u32; n * BANDS];
    let mut digests = vec![0u64; n * DIGEST_WORDS];
    let per_item: Vec<(u32, u64, Vec<u32>)> = keys
        .par_chunks_mut(BANDS)
        .zip(digests.par_chunks_mut(DIGEST_WORDS))
        .enumerate()
        .map(|(i, (keys_out, digest_out))| {
            let (sh, unique, figures) = match in_sample[i] {
                u32::MAX => {
                    let (sh, figures) = hashes_of(i);
                    (sh, hashes_unique, figures)
                }
                k => (
                    Cow::Borrowed(sampled[k as usize].as_ref()),
                    true,
                    sampled_figures[k as usize].clone(),
                ),
            };
            // The containment estimate needs the number of distinct shingles: counted by
            // occurrence, a short item that repeats itself would look larger than it is and
            // its copy in a long item could be filtered out.
            let mut seen = if unique {
                FxHashSet::default()
            } else {
                FxHashSet::with_capacity_and_hasher(sh.len(), Default::default())
            };
            let mut size = 0u32;
            let sk = sketch_filtered(
                sh.iter()
                    .copied()
                    .filter(|s| !common.contains(s))
                    .inspect(|&s| size += u32::from(unique || seen.insert(s))),
            );
            let mut print = 0u64;
            for v in &sk {
                print = mix(print ^ (*v as u16) as u64);
            }
            for (b, k) in keys_out.iter_mut().enumerate() {
                *k = (sk[b * ROWS] as u16 as u32) << 16 | sk[b * ROWS + 1] as u16 as u32;
            }
            write_digest(&sk, digest_out);
            // 32 bits of each figure key are plenty: a chance match costs one check.
            (size, print, figures.iter().map(|&f| f as u32).collect())
        })
        .collect();
    let mut sizes = Vec::with_capacity(n);
    let mut prints = Vec::with_capacity(n);
    let mut figures: Vec<Vec<u32>> = Vec::with_capacity(n);
    for (size, print, f) in per_item {
        sizes.push(size);
        prints.push(print);
        figures.push(f);
    }
    drop(sampled);
    drop(sampled_figures);
    drop(in_sample);
    lap(1);
    let digest = |i: u32| &digests[i as usize * DIGEST_WORDS..(i as usize + 1) * DIGEST_WORDS];
    // A candidate is kept for exact verification only if its digests say it may pass: the
    // estimates' margins are 2.5 standard deviations or more at 128 bins.
    let promising = |a: u32, b: u32| -> bool {
        let j = digest_jaccard(digest(a), digest(b));
        let (na, nb) = (sizes[a as usize] as f64, sizes[b as usize] as f64);
        let c = j / (1.0 + j) * (na + nb) / na.min(nb);
        j >= t.jaccard - JACCARD_MARGIN || c >= t.containment - CONTAINMENT_MARGIN
    };

    // Candidates, band by band: sort (key, item), expand each run of equal keys.
    // Per band: the promising pairs, the capped buckets, the pairs compared.
    type BandResult = (Vec<(u32, u32)>, usize, usize);
    let per_band: Vec<BandResult> = (0..BANDS)
        .into_par_iter()
        .map(|b| {
            let mut col: Vec<(u32, u32)> = (0..n)
                .filter(|&i| sizes[i] > 0)
                .map(|i| (keys[i * BANDS + b], i as u32))
                .collect();
            col.sort_unstable();
            let mut pairs = Vec::new();
            let (mut capped, mut examined) = (0, 0);
            let mut consider = |i: u32, j: u32| {
                examined += 1;
                if promising(i, j) {
                    pairs.push((i.min(j), i.max(j)));
                }
            };
            for run in col.chunk_by(|x, y| x.0 == y.0) {
                if run.len() < 2 {
                    continue;
                }
                if run.len() <= BUCKET_CAP {
                    for (x, &(_, i)) in run.iter().enumerate() {
                        for &(_, j) in &run[x + 1..] {
                            consider(i, j);
                        }
                    }
                } else {
                    // Copies have equal sketches: sorted by the sketch's fingerprint they
                    // sit together, and a chain of neighbours joins them.
                    capped += 1;
                    let mut members: Vec<u32> = run.iter().map(|&(_, i)| i).collect();
                    members.sort_unstable_by_key(|&x| (prints[x as usize], x));
                    for (x, &i) in members.iter().enumerate() {
                        for &j in members[x + 1..].iter().take(WINDOW) {
                            consider(i, j);
                        }
                    }
                }
            }
            (pairs, capped, examined)
        })
        .collect();
    let capped_buckets = per_band.iter().map(|p| p.1).sum();
    let examined = per_band.iter().map(|p| p.2).sum();
    let mut candidates: Vec<(u32, u32)> = per_band.into_iter().flat_map(|p| p.0).collect();
    // Fact candidates: pairs sharing enough specific figures to be the same item whatever
    // their wording (see `same_item`), found by the figures themselves.
    let fact_candidates = figure_candidates(&figures);
    let from_facts = fact_candidates.len();
    candidates.extend(fact_candidates);
    candidates.par_sort_unstable();
    candidates.dedup();
    drop(figures);
    drop(keys);
    drop(digests);
    drop(sizes);
    drop(prints);
    lap(2);

    // Exact verification, a chunk of items at a time.
    let mut out = Vec::new();
    let mut start = 0;
    while start < candidates.len() {
        let mut ids: FxHashSet<u32> = FxHashSet::default();
        let mut end = start;
        while end < candidates.len() && ids.len() < VERIFY_CHUNK {
            ids.insert(candidates[end].0);
            ids.insert(candidates[end].1);
            end += 1;
        }
        let ids: Vec<u32> = ids.into_iter().collect();
        out.extend(verify(&ids, &candidates[start..end], &common));
        start = end;
    }
    out.sort_by_key(|p| (p.a, p.b));
    lap(3);
    Found {
        pairs: out,
        common: common.len(),
        examined,
        candidates: candidates.len(),
        from_facts,
        capped_buckets,
        seconds,
    }
}

/// A figure-pair key found in more items than this is not a candidate key.
pub const FIGURE_BUCKET_CAP: usize = 64;

/// Figures of an item whose pairs make its candidate keys: its rarest ones.
const RARE_FIGURES: usize = 6;

/// Pairs of items that may state the same facts: sharing the figures the fact rule asks for
/// ([`same_item::facts_may_match`]: its own conditions, checked here on the keys, the
/// specific figures and the round ones with their units).
///
/// Keys are the figures found in at most [`FIGURE_BUCKET_CAP`] items (counted over all
/// items, in a table of counters where collisions only overcount): in a batch or a small
/// archive every figure is such a key, and a short item copied into a long one shares all
/// its figures with it. A figure alone is a poor key in a large archive, though: 37.2% or
/// 1860个 is in thousands of items. So the pairs of each item's [`RARE_FIGURES`] rarest
/// figures are keys too: two items stating the same facts share most figures, so their
/// rarest ones overlap and they share a pair key, and a pair of figures is rare even when
/// each figure is common.
///
/// [`same_item::facts_may_match`]: crate::index::same_item::facts_may_match
fn figure_candidates(figures: &[Vec<u32>]) -> Vec<(u32, u32)> {
    use crate::index::facts::{key_kind, KeyKind};
    const COUNTER_BITS: u32 = 22;
    let slot = |k: u32| (mix(k as u64) >> (64 - COUNTER_BITS)) as usize;
    let mut counts = vec![0u16; 1 << COUNTER_BITS];
    for f in figures {
        for &k in f {
            let c = &mut counts[slot(k)];
            *c = c.saturating_add(1);
        }
    }
    // Keys: each figure found in few items, and the pairs of the item's rarest figures.
    // Pair keys are hashed into the upper half of the key space, single figures into the
    // lower, so the two never meet.
    let cap = FIGURE_BUCKET_CAP.min(u16::MAX as usize) as u16;
    let mut postings: Vec<(u32, u32)> = figures
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, f)| {
            let mut rare: Vec<(u16, u32)> = f.iter().map(|&k| (counts[slot(k)], k)).collect();
            rare.sort_unstable();
            rare.dedup_by_key(|x| x.1);
            // Alone, only a specific figure: the round ones and the townships meet as pairs
            // (every rule on them asks for two facts or more).
            let mut keys: Vec<u32> = rare
                .iter()
                .filter(|x| x.0 <= cap && key_kind(x.1 as u64) == KeyKind::Specific)
                .map(|x| x.1 & 0x7fff_ffff)
                .collect();
            rare.truncate(RARE_FIGURES);
            for x in 0..rare.len() {
                for y in x + 1..rare.len() {
                    let (a, b) = (rare[x].1.min(rare[y].1), rare[x].1.max(rare[y].1));
                    keys.push(mix(((a as u64) << 32) | b as u64) as u32 | 0x8000_0000);
                }
            }
            keys.into_iter().map(move |k| (k, i as u32))
        })
        .collect();
    drop(counts);
    postings.par_sort_unstable();
    let mut met: Vec<(u32, u32)> = postings
        .chunk_by(|x, y| x.0 == y.0)
        .filter(|run| run.len() >= 2 && run.len() <= FIGURE_BUCKET_CAP)
        .flat_map(|run| {
            run.iter().enumerate().flat_map(move |(x, &(_, i))| {
                run[x + 1..].iter().map(move |&(_, j)| (i.min(j), i.max(j)))
            })
        })
        .collect();
    drop(postings);
    met.par_sort_unstable();
    met.dedup();
    met.retain(|&(a, b)| {
        crate::index::same_item::facts_may_match(&figures[a as usize], &figures[b as usize])
            != crate::index::same_item::KeysMatch::No
    });
    met
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
            groups.entry(r).or_default().push(x);
        }
    }
    let mut out: Vec<Vec<usize>> = groups
        .into_values()
        .map(|mut g| {
            g.sort_unstable();
            g.dedup();
            g
        })
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frequent_equals_sorting_and_counting() {
        // Values 0..3000 repeated (v % 37) times, mixed so collisions happen at few bits.
        let mut all = Vec::new();
        for v in 0..3000u64 {
            for _ in 0..v % 37 {
                all.push(mix(v));
            }
        }
        let mut sorted = all.clone();
        sorted.sort_unstable();
        for min_df in [0, 1, 10, 20, 36, 37] {
            let expected: FxHashSet<u64> = sorted
                .chunk_by(|x, y| x == y)
                .filter(|run| run.len() >= min_df)
                .map(|run| run[0])
                .collect();
            // As one item, and as items of 1,000 values each.
            assert_eq!(frequent(&[&all], min_df), expected, "min_df {min_df}");
            let items: Vec<&[u64]> = all.chunks(1000).collect();
            assert_eq!(frequent(&items, min_df), expected, "min_df {min_df}");
            // One partition, or 64; four counters per partition: every counter collides,
            // the result holds.
            for part_bits in [0, 6] {
                assert_eq!(
                    frequent_with_bits(&items, min_df, part_bits, 2),
                    expected,
                    "min_df {min_df}, {part_bits} partition bits"
                );
            }
        }
    }

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

    #[test]
    fn the_sketch_agrees_with_jaccard() {
        // Two sets with Jaccard 1/3 (1,000 shared of 3,000): the share of equal bins should
        // be near 1/3; unrelated sets agree on almost none.
        let shared: Vec<u64> = (0..1000u64).map(mix).collect();
        let a: Vec<u64> = shared
            .iter()
            .copied()
            .chain((1000..2000u64).map(mix))
            .collect();
        let b: Vec<u64> = shared
            .iter()
            .copied()
            .chain((2000..3000u64).map(mix))
            .collect();
        let c: Vec<u64> = (5000..6000u64).map(mix).collect();
        let agree = |x: &[u64], y: &[u64]| {
            let (sx, sy) = (sketch(x), sketch(y));
            sx.iter().zip(&sy).filter(|(p, q)| p == q).count() as f64 / HASHES as f64
        };
        let j = agree(&a, &b);
        assert!((0.2..0.47).contains(&j), "{j}");
        assert!(agree(&a, &c) < 0.05);
        // A short set leaves bins empty; they are filled, consistently across items.
        let short: Vec<u64> = (0..10u64).map(mix).collect();
        let s = sketch(&short);
        assert!(s.iter().all(|&v| v != u64::MAX));
        assert_eq!(s, sketch(&short));
        assert!(sketch(&[]).iter().all(|&v| v == u64::MAX));
        // The sketch of a text ignores order and repeats of its shingles.
        let mut rev = own_shingles(A);
        rev.reverse();
        assert_eq!(sketch_text(A), sketch(&rev));
    }

    /// Items given by their texts give the same pairs as items given by their shingles.
    #[test]
    fn texts_and_shingles_give_the_same_pairs() {
        let texts = [
            A.to_string(),
            A.replace("永嘉县", "瑞安市"),
            format!("{A}{A}此外还在瓯北街道开展了用工调剂试点。"),
            "完全无关的另一条动态信息，讲的是秸秆综合利用和农机作业补贴。".to_string(),
        ];
        let items: Vec<Item> = texts.iter().map(|t| Item::new(t)).collect();
        let by_text = duplicate_pairs_of_texts(
            texts.len(),
            |i| Cow::Borrowed(texts[i].as_str()),
            Thresholds::default(),
        );
        let ab = |pairs: &[Pair]| pairs.iter().map(|p| (p.a, p.b)).collect::<Vec<_>>();
        assert_eq!(
            ab(&by_text.pairs),
            ab(&duplicate_pairs(&items, Thresholds::default()))
        );
        assert_eq!(by_text.pairs.len(), 3);
        // Given their texts, pairs say why.
        assert!(by_text.pairs.iter().all(|p| p.why.is_some()));
    }

    /// A short item that repeats itself, copied whole into a long one: its distinct shingles
    /// count, not its repeats, so the candidate filter keeps the pair.
    #[test]
    fn a_repetitive_short_item_inside_a_long_one_is_found() {
        let run = |from: u32, len: u32| -> String {
            (0..len)
                .map(|k| char::from_u32(from + k).unwrap())
                .collect()
        };
        // 600 characters with 60 distinct shingles, inside 1,420: Jaccard 0.07, containment
        // 1. Counted by occurrence, the short item's 596 shingles made the containment
        // estimate too low and this pair was never verified. (A figure in it: a passage
        // without figures or places shared by two items is their boilerplate.)
        let short = format!("{}3721", run(0x4e00 + 180, 56)).repeat(10);
        let long = format!("{short}{}", run(0x6e00 + 820, 820));
        let texts = [short, long];
        let found = duplicate_pairs_of_texts(
            texts.len(),
            |i| Cow::Borrowed(texts[i].as_str()),
            Thresholds::default(),
        );
        assert_eq!(found.pairs.len(), 1, "{found:?}");
        assert!(found.pairs[0].similarity.containment > 0.99);
    }

    /// The 8-bit digests estimate Jaccard like the full sketches do.
    #[test]
    fn digests_estimate_jaccard() {
        let set = |range: std::ops::Range<u64>| -> Vec<u64> { range.map(mix).collect() };
        let digest_of = |s: &[u64]| -> Vec<u64> {
            let mut out = vec![0; DIGEST_WORDS];
            write_digest(&sketch(s), &mut out);
            out
        };
        let a = digest_of(&set(0..2000));
        assert_eq!(digest_jaccard(&a, &a), 1.0);
        // Jaccard 1/3, 1500/2750 and 0 (disjoint).
        for (other, expected) in [
            (1000..3000, 1.0 / 3.0),
            (500..2750, 1500.0 / 2750.0),
            (5000..7000, 0.0),
        ] {
            let j = digest_jaccard(&a, &digest_of(&set(other)));
            assert!((j - expected).abs() < 0.15, "{j} vs {expected}");
        }
    }

    /// Hundreds of copies of one text in a set: the bucket is not expanded into n² pairs,
    /// and the copies still form one cluster.
    #[test]
    fn many_copies_make_one_cluster_without_all_pairs() {
        let copies = 300;
        let mut texts: Vec<String> = (0..copies).map(|_| A.to_string()).collect();
        // Enough distinct items that the copies' shingles (5% threshold: 15,000 × 5% = 750
        // items) are not boilerplate.
        for k in 0..15_000 {
            texts.push(format!(
                "第{k}号动态：{}镇开展秸秆综合利用现场会{k}次",
                k * 7919 % 10007
            ));
        }
        let items: Vec<Item> = texts.iter().map(|t| Item::new(t)).collect();
        let found = duplicate_pairs_by(
            items.len(),
            |i| Cow::Borrowed(items[i].shingles.as_slice()),
            Thresholds::default(),
        );
        assert!(found.capped_buckets > 0);
        let copy_pairs = found
            .pairs
            .iter()
            .filter(|p| p.a < copies && p.b < copies)
            .count();
        assert!(copy_pairs >= copies - 1);
        assert!(copy_pairs <= copies * WINDOW, "{copy_pairs} pairs");
        let groups = clusters(items.len(), &found.pairs);
        assert!(
            groups.contains(&(0..copies).collect::<Vec<_>>()),
            "{groups:?}"
        );
    }

    /// Above the sample size, boilerplate is still found: a closing sentence in every item
    /// does not make items duplicates, and a real pair is still found.
    #[test]
    fn boilerplate_found_on_a_sample() {
        let closing = "下一步，我们将继续加强统筹协调，压实工作责任，确保各项任务落地见效。";
        let mut texts: Vec<String> = (0..SAMPLE + 500)
            .map(|k| {
                format!(
                    "第{k}号{}镇{}村动态。{closing}",
                    k * 31 % 997,
                    k * 17 % 1009
                )
            })
            .collect();
        texts.push(format!("{A}{closing}"));
        texts.push(format!("{}{closing}", A.replace("312", "321")));
        let items: Vec<Item> = texts.iter().map(|t| Item::new(t)).collect();
        let found = duplicate_pairs_by(
            items.len(),
            |i| Cow::Borrowed(items[i].shingles.as_slice()),
            Thresholds::default(),
        );
        assert!(found.common > 20, "{}", found.common);
        let n = items.len();
        assert_eq!(
            found
                .pairs
                .iter()
                .map(|p| (p.a, p.b))
                .filter(|&(a, _)| a >= SAMPLE + 500)
                .collect::<Vec<_>>(),
            vec![(n - 2, n - 1)]
        );
    }
}
