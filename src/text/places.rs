//! Place names: the national gazetteer of counties and townships, and their detection in
//! segmented text.
//!
//! Detection is token-aligned: a gazetteer name counts only where it starts and ends on jieba
//! token boundaries. Because the gazetteer is also added to the segmenter (with a modest
//! frequency), real names come out as tokens while ordinary words keep their usual cut:
//! 发展/乡村 hides the township name 发展乡, 文明/村镇 hides 明村镇, 祥云县 is one token so the
//! county 云县 inside it is never seen, and 镇平县 is read as the county it is.

use std::collections::HashSet;

use once_cell::sync::Lazy;
use rustc_hash::{FxHashMap as HashMap, FxHashSet};

use serde::Serialize;

use super::{is_han, Span};

/// Administrative level of a place mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Hash)]
#[serde(rename_all = "lowercase")]
pub enum PlaceLevel {
    Province,
    City,
    County,
    Township,
    Village,
}

impl PlaceLevel {
    pub fn label(self) -> &'static str {
        match self {
            PlaceLevel::Province => "省级",
            PlaceLevel::City => "市级",
            PlaceLevel::County => "县级",
            PlaceLevel::Township => "乡镇级",
            PlaceLevel::Village => "村（社区）级",
        }
    }
}

#[derive(Debug, Clone)]
pub struct County {
    pub code: String,
    pub name: String,
    pub city: String,
    pub province: String,
}

/// A county-level rename: 2017-04-09 玉环县 → 玉环市.
#[derive(Debug, Clone)]
pub struct Rename {
    pub date: String,
    pub old: String,
    pub new: String,
    /// The county (index) it is now.
    pub county: u32,
}

#[derive(Debug, Clone)]
pub struct Township {
    pub code: String,
    pub name: String,
    /// Index into [`Gazetteer::counties`], if the county is a real county-level unit.
    pub county: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NameRef {
    County {
        idx: u32,
        alias: bool,
    },
    /// A county's former name (玉环县, now 玉环市): index into [`Gazetteer::renames`].
    Renamed {
        idx: u32,
    },
    Township {
        idx: u32,
    },
    City {
        idx: u32,
    },
    Province {
        idx: u32,
    },
}

/// The gazetteer: counties, townships, cities, provinces and their names, loaded once.
pub struct Gazetteer {
    pub counties: Vec<County>,
    /// Former county names still found in drafts.
    pub renames: Vec<Rename>,
    pub townships: Vec<Township>,
    pub cities: Vec<String>,
    /// The province of each of [`Gazetteer::cities`].
    city_provinces: Vec<String>,
    pub provinces: Vec<String>,
    by_name: HashMap<String, Vec<NameRef>>,
    /// Every name, character by character: a token is looked up by walking it, and most
    /// tokens leave the trie at their first or second character.
    trie: NameTrie,
}

/// A character trie over the gazetteer's names (hand-written: what is needed is a walk that
/// can stop at any token boundary, which no matcher crate exposes cheaply).
struct NameTrie {
    /// Child of the root per BMP character (0: none).
    root: Vec<u32>,
    /// (node << 32 | char) → child, below the root.
    edges: HashMap<u64, u32>,
    /// Whether a node ends a name.
    terminal: Vec<bool>,
    /// Bit set over the hashed first six bytes of the names (two Han characters): most token
    /// starts are rejected with one load and one bit test instead of a walk with hash-map steps.
    bigrams: Vec<u64>,
    /// Whether some name is shorter than six bytes (then the prefix test cannot reject).
    has_single: bool,
}

const BIGRAM_BITS: u32 = 20;

const PREFIX_BYTES: usize = 6;

/// The bit-set slot of the first six bytes of `s`, or `None` when it is shorter.
#[inline]
fn prefix_slot(s: &[u8]) -> Option<usize> {
    let p: &[u8; PREFIX_BYTES] = s.get(..PREFIX_BYTES)?.try_into().ok()?;
    let mut w = [0u8; 8];
    w[..PREFIX_BYTES].copy_from_slice(p);
    let h = u64::from_le_bytes(w).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    Some((h >> (64 - BIGRAM_BITS)) as usize)
}

impl NameTrie {
    fn new() -> NameTrie {
        NameTrie {
            root: vec![0; 65536],
            edges: HashMap::default(),
            // Node 0 is the root.
            terminal: vec![false],
            bigrams: vec![0; 1 << (BIGRAM_BITS - 6)],
            has_single: false,
        }
    }

    /// Whether a name can start at the beginning of `rest` (false: certainly not).
    #[inline]
    fn may_start(&self, rest: &[u8]) -> bool {
        match prefix_slot(rest) {
            Some(h) => self.has_single || self.bigrams[h >> 6] >> (h & 63) & 1 == 1,
            None => self.has_single,
        }
    }

    fn insert(&mut self, name: &str) {
        let mut node = 0u32;
        for c in name.chars() {
            let next = self.terminal.len() as u32;
            let slot = if node == 0 && (c as usize) < 65536 {
                &mut self.root[c as usize]
            } else {
                self.edges.entry(key(node, c)).or_insert(0)
            };
            if *slot == 0 {
                *slot = next;
                self.terminal.push(false);
            }
            node = *slot;
        }
        self.terminal[node as usize] = true;
        match prefix_slot(name.as_bytes()) {
            Some(h) => self.bigrams[h >> 6] |= 1 << (h & 63),
            None => self.has_single = true,
        }
    }

    #[inline]
    fn step(&self, node: u32, c: char) -> Option<u32> {
        let n = if node == 0 && (c as usize) < 65536 {
            self.root[c as usize]
        } else {
            self.edges.get(&key(node, c)).copied().unwrap_or(0)
        };
        (n != 0).then_some(n)
    }
}

fn key(node: u32, c: char) -> u64 {
    (node as u64) << 32 | c as u64
}

const COUNTIES_TSV: &str = include_str!("../../lexicons/divisions/counties.tsv");
const ALIASES_TSV: &str = include_str!("../../lexicons/divisions/county_aliases.tsv");
const TOWNSHIPS_TSV: &str = include_str!("../../lexicons/divisions/townships.tsv");
const RENAMES_TSV: &str = include_str!("../../lexicons/divisions/county_renames.tsv");

fn rows(tsv: &str) -> impl Iterator<Item = Vec<&str>> {
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
}

impl Gazetteer {
    /// The embedded national gazetteer (NBS 统计用区划代码 2023).
    pub fn embedded() -> Gazetteer {
        let mut g = Gazetteer {
            counties: Vec::with_capacity(3000),
            renames: Vec::new(),
            townships: Vec::with_capacity(40000),
            cities: Vec::new(),
            city_provinces: Vec::new(),
            provinces: Vec::new(),
            by_name: HashMap::default(),
            trie: NameTrie::new(),
        };
        let mut county_by_code = HashMap::default();
        let mut city_idx: HashMap<String, u32> = HashMap::default();
        let mut prov_idx: HashMap<String, u32> = HashMap::default();
        for r in rows(COUNTIES_TSV) {
            let idx = g.counties.len() as u32;
            county_by_code.insert(r[0].to_string(), idx);
            g.counties.push(County {
                code: r[0].into(),
                name: r[1].into(),
                city: r[2].into(),
                province: r[3].into(),
            });
            g.add(r[1], NameRef::County { idx, alias: false });
            if !r[2].is_empty() && !city_idx.contains_key(r[2]) {
                city_idx.insert(r[2].into(), g.cities.len() as u32);
                g.cities.push(r[2].into());
                g.city_provinces.push(r[3].into());
            }
            if !prov_idx.contains_key(r[3]) {
                prov_idx.insert(r[3].into(), g.provinces.len() as u32);
                g.provinces.push(r[3].into());
            }
        }
        for (name, idx) in city_idx {
            // A county-level city may share a name with nothing else; a prefecture name that
            // is also a county name (rare) stays a county.
            if !g.by_name.contains_key(&name) {
                g.add(&name, NameRef::City { idx });
            }
        }
        for (name, idx) in prov_idx {
            g.add(&name, NameRef::Province { idx });
        }
        for r in rows(ALIASES_TSV) {
            if let Some(&idx) = county_by_code.get(r[1]) {
                g.add(r[0], NameRef::County { idx, alias: true });
            }
        }
        // Former names: only where the old name is no current name, and the new one (or, when
        // the record is off, a current county of the same stem in the same province) exists.
        for r in rows(RENAMES_TSV) {
            let (date, old, new, province) = (r[0], r[1], r[2], r[3]);
            // 城区, 郊区, 矿区 were names of districts that are gone; in drafts they are words.
            const GENERIC_OLD: &[&str] = &[
                "城区",
                "郊区",
                "矿区",
                "新区",
                "市中区",
                "南郊区",
                "北郊区",
                "东郊区",
                "西郊区",
            ];
            if old == new
                || g.by_name.contains_key(old)
                || old.chars().count() < 2
                || GENERIC_OLD.contains(&old)
            {
                continue;
            }
            let stem = old.trim_end_matches(['县', '市', '区', '旗']);
            let now = g
                .counties
                .iter()
                .position(|k| k.name == new && k.province == province)
                .or_else(|| {
                    g.counties.iter().position(|k| {
                        k.province == province
                            && stem.chars().count() >= 2
                            && k.name.starts_with(stem)
                    })
                });
            if let Some(county) = now {
                let idx = g.renames.len() as u32;
                g.renames.push(Rename {
                    date: date.into(),
                    old: old.into(),
                    new: g.counties[county].name.clone(),
                    county: county as u32,
                });
                g.add(old, NameRef::Renamed { idx });
            }
        }
        for r in rows(TOWNSHIPS_TSV) {
            let idx = g.townships.len() as u32;
            let county = county_by_code.get(&r[0][..6]).copied();
            g.townships.push(Township {
                code: r[0].into(),
                name: r[1].into(),
                county,
            });
            g.add(r[1], NameRef::Township { idx });
        }
        g
    }

    fn add(&mut self, name: &str, r: NameRef) {
        self.trie.insert(name);
        let v = self.by_name.entry(name.to_string()).or_default();
        if !v.contains(&r) {
            v.push(r);
        }
    }

    /// Every name with the segmenter frequency it should get: full names strongly enough to
    /// be one token, short forms weaker so that ordinary words still win.
    pub fn segmenter_words(&self) -> impl Iterator<Item = (&str, usize)> {
        self.by_name.iter().map(|(name, refs)| {
            let freq = match refs[0] {
                NameRef::County { alias: false, .. }
                | NameRef::City { .. }
                | NameRef::Province { .. } => 2000,
                NameRef::County { alias: true, .. } => 300,
                NameRef::Renamed { .. } => 2000,
                NameRef::Township { .. } => 300,
            };
            (name.as_str(), freq)
        })
    }

    /// Counties whose name, city or province is `region` (温州市, 浙江省, 永嘉县, 永嘉).
    pub fn region_counties(&self, region: &str) -> Option<HashSet<u32>> {
        let region = region.trim();
        let set: HashSet<u32> = self
            .counties
            .iter()
            .enumerate()
            .filter(|(_, c)| c.name == region || c.city == region || c.province == region)
            .map(|(i, _)| i as u32)
            .collect();
        if !set.is_empty() {
            return Some(set);
        }
        match self.by_name.get(region).map(|v| v.as_slice()) {
            Some([NameRef::County { idx, .. }]) => Some([*idx].into_iter().collect()),
            _ => None,
        }
    }

    /// Whether some name of the gazetteer starts at byte `i` of `text` (whole words or not):
    /// where the analysis must segment. Runs on most characters of every draft, so the
    /// two-character prefix is tested before the trie is walked.
    #[inline]
    pub fn name_at(&self, text: &str, i: usize) -> bool {
        self.trie.may_start(&text.as_bytes()[i..]) && self.name_starts_at(&text[i..])
    }

    /// Whether some name starts at the beginning of `rest`.
    fn name_starts_at(&self, rest: &str) -> bool {
        let mut node = 0u32;
        for c in rest.chars() {
            match self.trie.step(node, c) {
                Some(n) if self.trie.terminal[n as usize] => return true,
                Some(n) => node = n,
                None => return false,
            }
        }
        false
    }

    /// Whether `text` names a product by a county's short form (泰和乌鸡, 宣威火腿): not a
    /// place mention, but specific all the same (a title's subject, a sentence's content).
    /// The product words are found first (rare), then the two to four characters before one
    /// are looked up as a short form.
    pub fn names_a_local_product(&self, text: &str) -> bool {
        PRODUCT_FINDER.find_iter(text).any(|m| {
            let head = &text[..m.start()];
            head.char_indices().rev().take(4).skip(1).any(|(i, _)| {
                self.by_name.get(&head[i..]).is_some_and(|refs| {
                    refs.iter()
                        .all(|r| matches!(r, NameRef::County { alias: true, .. }))
                })
            })
        })
    }

    /// Finds place mentions in `text` given its tokens. `region` (county indices) resolves
    /// townships whose name exists in several counties and marks mentions outside it.
    pub fn find(
        &self,
        text: &str,
        tokens: &[Span],
        region: Option<&HashSet<u32>>,
        dict: &dyn Dictionary,
    ) -> Vec<Place> {
        let mut out: Vec<Place> = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            // The longest name made of up to five whole tokens from token i.
            let s = tokens[i].start;
            if !self.trie.may_start(&text.as_bytes()[s..]) {
                i += 1;
                continue;
            }
            let last = tokens.len().min(i + 5);
            let (mut node, mut j, mut best) = (0u32, i, None);
            for (off, c) in text[s..].char_indices() {
                let Some(n) = self.trie.step(node, c) else {
                    break;
                };
                node = n;
                let p = s + off + c.len_utf8();
                while j < last && tokens[j].end < p {
                    j += 1;
                }
                if j == last {
                    break;
                }
                if tokens[j].end == p && self.trie.terminal[n as usize] {
                    best = Some(j);
                }
            }
            let Some((j, refs)) =
                best.and_then(|j| Some((j, self.by_name.get(&text[s..tokens[j].end])?)))
            else {
                i += 1;
                continue;
            };
            let (start, mut end) = (tokens[i].start, tokens[j].end);
            let is_alias = refs
                .iter()
                .all(|r| matches!(r, NameRef::County { alias: true, .. }));
            let is_township = matches!(refs[0], NameRef::Township { .. });
            if is_alias
                && (!alias_context_ok(&text[end..])
                    || listed_as_brands(text, start, end)
                    || common_word_in_a_list(text, start, end, dict, &|w| {
                        self.by_name.contains_key(w)
                    })
                    || slogan(text, start, end))
            {
                i += 1;
                continue;
            }
            // 旅游兴镇、工业强镇 are slogans (X兴镇, X强镇), not the townships 兴镇 or 强镇.
            if is_township && slogan(text, start, end) {
                i += 1;
                continue;
            }
            // 以古镇文旅融合为抓手 is 以 + 古镇, not the township 以古镇.
            // 会同乡镇 is 会同 + 乡镇, not the township 会同乡.
            let next = text[end..].chars().next();
            if is_township && text[..end].ends_with('乡') && next == Some('镇') {
                i += 1;
                continue;
            }
            if is_township && function_word_then_word(text, start, end, dict) {
                i += 1;
                continue;
            }
            // 文明村镇 must not give 明村镇, nor 其中本镇 give 中本镇, nor 常德城区 (cut 常/德城区)
            // the county 德城区: when the segmenter left a single character before a name and
            // that character and the name's first one make a word (文明, 其中, 常德), the name
            // is not a name here.
            if i > 0
                && tokens[i - 1].end - tokens[i - 1].start <= 3
                && steals_from_previous_word(text, start, dict)
            {
                i += 1;
                continue;
            }
            // 永嘉县委 is cut 永嘉/县委: give the mention its full name when the text has it.
            if is_alias {
                if let Some(NameRef::County { idx, .. }) = refs.first() {
                    let full = &self.counties[*idx as usize].name;
                    if text[start..].starts_with(full.as_str()) {
                        end = start + full.len();
                    }
                }
            }
            out.push(self.make_place(text, start, end, refs));
            i = j + 1;
            while i < tokens.len() && tokens[i].start < end {
                i += 1;
            }
        }
        out.sort_by_key(|p| p.start);
        self.drop_ambiguous_counties(text, &mut out);
        // After the drop: 公安县委 needs no other context.
        if self.county_before_organ(text, tokens, &mut out) {
            out.sort_by_key(|p| p.start);
        }
        self.listed_counties(text, &mut out);
        self.city_or_county(&mut out);
        self.resolve(&mut out, region);
        self.find_villages(text, tokens, &mut out, dict);
        out.sort_by_key(|p| p.start);
        out
    }

    /// 公安县委 is cut 公安/县委 (or 公安/县委书记), and 公安 alone is a common word, no short
    /// form: a county's full name whose last character begins the token of its Party
    /// committee, government, congress or commission still names the county. Only the full
    /// name of exactly one county counts, and not 会同县 or 比如县: 会同县委 is as often
    /// 会同 (jointly with) + 县委, 比如县委 比如 (for example) + 县委. (Run after the drop of
    /// counties that need context: the organ is context enough for the others.)
    fn county_before_organ(&self, text: &str, tokens: &[Span], out: &mut Vec<Place>) -> bool {
        const ORGANS: &[&str] = &[
            "县委",
            "县政府",
            "县人民政府",
            "县人大",
            "县政协",
            "县纪委",
            "市委",
            "市政府",
            "市人民政府",
            "市人大",
            "市政协",
            "市纪委",
            "区委",
            "区政府",
            "区人民政府",
            "区人大",
            "区政协",
            "区纪委",
            "旗委",
            "旗政府",
            "旗人民政府",
        ];
        let mut found = Vec::new();
        for (j, t) in tokens.iter().enumerate().skip(1) {
            let w = &text[t.start..t.end];
            if !ORGANS.iter().any(|o| w.starts_with(o)) {
                continue;
            }
            // 县, 市, 区 and 旗 are three bytes each.
            let end = t.start + 3;
            for k in (j.saturating_sub(2)..j).rev() {
                let start = tokens[k].start;
                let Some(refs) = self.by_name.get(&text[start..end]) else {
                    continue;
                };
                if matches!(refs.as_slice(), [NameRef::County { alias: false, .. }])
                    && !["会同县", "比如县"].contains(&&text[start..end])
                    && !out.iter().any(|p| p.start < end && start < p.end)
                {
                    found.push(self.make_place(text, start, end, refs));
                }
                break;
            }
        }
        let any = !found.is_empty();
        out.extend(found);
        any
    }

    /// 枣阳、枝江、汉川、天门等经济强县; 赤壁、恩施等14个县市: short forms that the alias list
    /// leaves out because they are ordinary words or city names (汉川, 天门, 恩施) are counties
    /// in a list that ends in 等…县. Each item is read as its full name (+市/县/区/旗) and
    /// counts when that is one county, or one in the province of a county the list names.
    fn listed_counties(&self, text: &str, places: &mut Vec<Place>) {
        let mut added: Vec<Place> = Vec::new();
        static DENG: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
            std::sync::LazyLock::new(|| memchr::memmem::Finder::new("等"));
        for deng in DENG.find_iter(text.as_bytes()) {
            let after = &text[deng + "等".len()..];
            if !after.chars().take(9).any(|c| c == '县') || !text[..deng].ends_with(is_han) {
                continue;
            }
            let items = list_before(text, deng);
            if items.len() < 2 {
                continue;
            }
            let known: Vec<&Place> = places
                .iter()
                .filter(|p| {
                    p.level == PlaceLevel::County
                        && items.iter().any(|&(s, e)| p.start < e && s < p.end)
                })
                .collect();
            let provinces: HashSet<&str> = known
                .iter()
                .flat_map(|p| p.candidates.iter())
                .map(|&c| self.counties[c as usize].province.as_str())
                .collect();
            for &(s, e) in &items {
                if places.iter().any(|p| p.start < e && s < p.end) {
                    continue;
                }
                let seg = &text[s..e];
                let found: Vec<NameRef> = ["市", "县", "区", "旗"]
                    .iter()
                    .filter_map(|suffix| self.by_name.get(&format!("{seg}{suffix}")))
                    .flatten()
                    .copied()
                    .filter(|r| matches!(r, NameRef::County { alias: false, .. }))
                    .collect();
                let in_province: Vec<NameRef> = found
                    .iter()
                    .copied()
                    .filter(|r| match r {
                        NameRef::County { idx, .. } => {
                            provinces.contains(self.counties[*idx as usize].province.as_str())
                        }
                        _ => false,
                    })
                    .collect();
                let pick = match (found.len(), in_province.len()) {
                    (1, _) => found[0],
                    (_, 1) => in_province[0],
                    _ => continue,
                };
                let mut p = self.make_place(text, s, e, &[pick]);
                p.short_form = true;
                added.push(p);
            }
        }
        if !added.is_empty() {
            places.extend(added);
            places.sort_by_key(|p| p.start);
        }
    }

    /// A short form that a prefecture-level city and one of its counties share (通化: 通化市 and
    /// 通化县; 岳阳: 岳阳市 and 岳阳县) means the city, as people write it, unless the draft names
    /// one of that county's own townships (with 县 written out it is no short form).
    fn city_or_county(&self, places: &mut [Place]) {
        let named_counties: HashSet<u32> = places
            .iter()
            .filter(|p| p.level == PlaceLevel::Township && p.candidates.len() == 1)
            .filter_map(|p| self.townships[p.candidates[0] as usize].county)
            .collect();
        for p in places.iter_mut() {
            if p.level != PlaceLevel::County || !p.short_form || p.candidates.len() != 1 {
                continue;
            }
            let c = p.candidates[0];
            let k = &self.counties[c as usize];
            if k.city.strip_suffix('市') != Some(p.name.as_str()) || named_counties.contains(&c) {
                continue;
            }
            let Some(city) = self.cities.iter().position(|x| *x == k.city) else {
                continue;
            };
            p.level = PlaceLevel::City;
            p.candidates = vec![city as u32];
            p.code = None;
            p.canonical = Some(k.city.clone());
            p.short_form = false;
        }
    }

    /// County names that are also ordinary phrases (会同县住建局 is 会同 + 县住建局; 山区县比
    /// 平原县高 means plains counties) count only when the draft also names their city or
    /// province.
    ///
    /// Short forms get the same test when the draft names full county, city or province
    /// names of other provinces only: in a Wenzhou draft, 海城 is a neighbourhood, not 海城市
    /// in Liaoning; in a Sichuan report, 武都引水 is a Sichuan project, not 武都区 in Gansu.
    fn drop_ambiguous_counties(&self, text: &str, places: &mut Vec<Place>) {
        let full_provinces: HashSet<&str> = places
            .iter()
            .filter(|p| !p.short_form)
            .flat_map(|p| p.candidates.iter().map(move |&c| (p.level, c as usize)))
            .filter_map(|(level, c)| match level {
                PlaceLevel::County => Some(self.counties[c].province.as_str()),
                PlaceLevel::City => Some(self.city_provinces[c].as_str()),
                PlaceLevel::Province => Some(self.provinces[c].as_str()),
                _ => None,
            })
            .collect();
        // (start, province) of the short forms that name one county.
        let short_provinces: Vec<(usize, &str)> = places
            .iter()
            .filter(|p| p.level == PlaceLevel::County && p.short_form && p.candidates.len() == 1)
            .map(|p| {
                let k = &self.counties[p.candidates[0] as usize];
                (p.start, k.province.as_str())
            })
            .collect();
        // Counties of the townships the draft names, where the name is one township only
        // (公安县 with 埠河镇; 城关镇 exists in hundreds of counties and says nothing).
        // (Only gathered when some county needs context: most drafts have none.)
        let township_counties: HashSet<u32> = if places.iter().any(needs_context) {
            places
                .iter()
                .filter(|p| p.level == PlaceLevel::Township && p.candidates.len() == 1)
                .filter_map(|p| self.townships[p.candidates[0] as usize].county)
                .collect()
        } else {
            HashSet::default()
        };
        let context_names = |c: u32| {
            let k = &self.counties[c as usize];
            (!k.city.is_empty() && text.contains(k.city.as_str()))
                || text.contains(k.province.as_str())
                || text.contains(short_province(&k.province))
                || township_counties.contains(&c)
        };
        places.retain(|p| {
            if p.level != PlaceLevel::County {
                return true;
            }
            if needs_context(p) {
                return p.candidates.iter().any(|&c| context_names(c));
            }
            if p.short_form && !full_provinces.is_empty() {
                return p.candidates.iter().any(|&c| {
                    full_provinces.contains(self.counties[c as usize].province.as_str())
                        || context_names(c)
                });
            }
            // Short forms only: when all the others name one province, at least twice, one of
            // another province that the draft does not name is a word (九寨沟、若尔盖 … 武都引水).
            if p.short_form {
                let others: Vec<&str> = short_provinces
                    .iter()
                    .filter(|(start, _)| *start != p.start)
                    .map(|(_, prov)| *prov)
                    .collect();
                if others.len() >= 2 && others.iter().all(|o| *o == others[0]) {
                    return p.candidates.iter().any(|&c| {
                        self.counties[c as usize].province == others[0] || context_names(c)
                    });
                }
            }
            true
        });
    }

    fn make_place(&self, text: &str, start: usize, end: usize, refs: &[NameRef]) -> Place {
        let name = text[start..end].to_string();
        let (level, candidates, code, canonical) = match refs[0] {
            NameRef::County { .. } => {
                let c: Vec<u32> = refs
                    .iter()
                    .filter_map(|r| match r {
                        NameRef::County { idx, .. } => Some(*idx),
                        _ => None,
                    })
                    .collect();
                let (code, canonical) = if c.len() == 1 {
                    let k = &self.counties[c[0] as usize];
                    (Some(k.code.clone()), Some(k.name.clone()))
                } else {
                    (None, None)
                };
                (PlaceLevel::County, c, code, canonical)
            }
            NameRef::Renamed { idx } => {
                let r = &self.renames[idx as usize];
                let k = &self.counties[r.county as usize];
                (
                    PlaceLevel::County,
                    vec![r.county],
                    Some(k.code.clone()),
                    Some(k.name.clone()),
                )
            }
            NameRef::Township { .. } => {
                let c: Vec<u32> = refs
                    .iter()
                    .filter_map(|r| match r {
                        NameRef::Township { idx } => Some(*idx),
                        _ => None,
                    })
                    .collect();
                (PlaceLevel::Township, c, None, Some(name.clone()))
            }
            NameRef::City { idx } => (PlaceLevel::City, vec![idx], None, Some(name.clone())),
            NameRef::Province { idx } => {
                (PlaceLevel::Province, vec![idx], None, Some(name.clone()))
            }
        };
        Place {
            renamed: match refs[0] {
                NameRef::Renamed { idx } => Some(idx),
                _ => None,
            },
            short_form: refs
                .iter()
                .all(|r| matches!(r, NameRef::County { alias: true, .. })),
            name,
            canonical,
            level,
            code,
            start,
            end,
            candidates,
            county: None,
            in_region: None,
        }
    }

    /// Settles which county each county/township mention belongs to, using the counties the
    /// draft itself names, then the configured region.
    fn resolve(&self, places: &mut [Place], region: Option<&HashSet<u32>>) {
        let named: HashSet<u32> = places
            .iter()
            .filter(|p| p.level == PlaceLevel::County && p.candidates.len() == 1)
            .map(|p| p.candidates[0])
            .collect();
        for p in places.iter_mut() {
            match p.level {
                PlaceLevel::County => {
                    let mut c = p.candidates.clone();
                    if c.len() > 1 {
                        if let Some(r) = region {
                            let inside: Vec<u32> =
                                c.iter().copied().filter(|x| r.contains(x)).collect();
                            if !inside.is_empty() {
                                c = inside;
                            }
                        }
                    }
                    if c.len() == 1 {
                        let k = &self.counties[c[0] as usize];
                        p.county = Some(c[0]);
                        p.code = Some(k.code.clone());
                        p.canonical = Some(k.name.clone());
                    }
                    p.in_region = region.map(|r| c.iter().any(|x| r.contains(x)));
                }
                PlaceLevel::Township => {
                    let counties_of = |ts: &[u32]| -> Vec<u32> {
                        ts.iter()
                            .copied()
                            .filter(|t| self.townships[*t as usize].county.is_some())
                            .collect()
                    };
                    let mut c = counties_of(&p.candidates);
                    if c.len() > 1 {
                        let by_named: Vec<u32> = c
                            .iter()
                            .copied()
                            .filter(|t| {
                                named.contains(&self.townships[*t as usize].county.unwrap())
                            })
                            .collect();
                        if !by_named.is_empty() {
                            c = by_named;
                        }
                    }
                    if c.len() > 1 {
                        if let Some(r) = region {
                            let inside: Vec<u32> = c
                                .iter()
                                .copied()
                                .filter(|t| {
                                    r.contains(&self.townships[*t as usize].county.unwrap())
                                })
                                .collect();
                            if !inside.is_empty() {
                                c = inside;
                            }
                        }
                    }
                    if c.len() == 1 {
                        let t = &self.townships[c[0] as usize];
                        p.code = Some(t.code.clone());
                        p.county = t.county;
                    }
                    p.in_region = region.map(|r| {
                        c.iter().any(|t| {
                            self.townships[*t as usize]
                                .county
                                .is_some_and(|k| r.contains(&k))
                        })
                    });
                }
                PlaceLevel::City => {
                    let city = &self.cities[p.candidates[0] as usize];
                    p.in_region =
                        region.map(|r| r.iter().any(|k| &self.counties[*k as usize].city == city));
                }
                PlaceLevel::Province => {
                    let prov = &self.provinces[p.candidates[0] as usize];
                    p.in_region = region.map(|r| {
                        r.iter()
                            .any(|k| &self.counties[*k as usize].province == prov)
                    });
                }
                PlaceLevel::Village => {}
            }
        }
    }

    /// Villages and communities have no gazetteer: a name of two to four characters ending in
    /// 村/社区 counts only where the context says it is a specific one — right after a named
    /// township or county (桥头镇新联村), or followed by its office or people (新联村党支部、
    /// 新联村村民). Generic words (全村, 行政村, 美丽乡村, 城中村, 未来社区) never count.
    fn find_villages(
        &self,
        text: &str,
        tokens: &[Span],
        out: &mut Vec<Place>,
        dict: &dyn Dictionary,
    ) {
        let anchors: Vec<(usize, Option<bool>, PlaceLevel)> = out
            .iter()
            .filter(|p| matches!(p.level, PlaceLevel::Township | PlaceLevel::County))
            .map(|p| (p.end, p.in_region, p.level))
            .collect();
        let mut found = Vec::new();
        for (ti, t) in tokens.iter().enumerate() {
            // Only names ending in 村 or 社区 go further (a byte comparison per token).
            let w = &text.as_bytes()[t.start..t.end];
            // 西川/村有, 灵山/村工坊: the segmenter glued 村 to the next character or word; the
            // name then ends inside the token, after its 村.
            // Only when 村 + the rest is no word of the dictionary: 村级, 村中, 村干部 are words
            // of their own (新建/村级, 抽样/村中), 村有, 村退 are not.
            // (Checked last: a dictionary lookup, and 村民, 村集体 … are frequent. A glued 村 is
            // only read after a township, so that comes first.)
            // Last bytes of 村 (E6 9D 91) and 区 (E5 8C BA), first byte of 村: most tokens stop
            // here.
            let ends_like = matches!(w.last(), Some(0x91 | 0xBA));
            if !ends_like && w.first() != Some(&0xE6) {
                continue;
            }
            let glued = !ends_like
                && ti > 0
                && w.len() > 3
                && w.starts_with("村".as_bytes())
                && (ti.saturating_sub(3)..ti).any(|k| {
                    anchors
                        .binary_search_by_key(&tokens[k].start, |a| a.0)
                        .is_ok_and(|i| anchors[i].2 == PlaceLevel::Township)
                })
                && !dict.is_word(&text[t.start..t.end]);
            if !ends_like && !glued {
                continue;
            }
            let suffix_len = if glued || w.ends_with("村".as_bytes()) {
                if !glued && (w.ends_with("乡村".as_bytes()) || w.ends_with("农村".as_bytes()))
                {
                    continue;
                }
                '村'.len_utf8()
            } else if w.ends_with("社区".as_bytes()) {
                "社区".len()
            } else {
                continue;
            };
            let end = if glued {
                t.start + '村'.len_utf8()
            } else {
                t.end
            };
            // Try starts from the nearest token boundary backwards, longest accepted wins (a
            // glued 村 needs at least the token before it).
            let mut accepted: Option<(usize, Option<bool>)> = None;
            let last = if glued { ti - 1 } else { ti };
            for k in (ti.saturating_sub(3)..=last).rev() {
                let start = tokens[k].start;
                let prefix = &text[start..end - suffix_len];
                let n = prefix.chars().count();
                if n < 2 {
                    continue;
                }
                if n > 4 || !prefix.chars().all(is_han) {
                    break;
                }
                if village_prefix_rejected(text, start, end, prefix, suffix_len) {
                    continue;
                }
                if super::any_overlap(out, |p| (p.start, p.end), start, end) {
                    continue;
                }
                let after_place = anchors
                    .binary_search_by_key(&start, |a| a.0)
                    .ok()
                    .map(|i| &anchors[i]);
                if let Some((_, in_region, level)) = after_place {
                    // A glued 村 only right after a township (米粮镇西川/村有), never after a
                    // county (泰顺县抽样/村中) or in context alone.
                    if !TIME_WORDS.iter().any(|w| prefix.starts_with(w))
                        && (!glued || *level == PlaceLevel::Township)
                    {
                        accepted = Some((start, *in_region));
                        continue;
                    }
                }
                if glued {
                    continue;
                }
                // Without a township before it, the name needs a context that introduces a
                // specific village, and must be made of tokens the dictionary does not know
                // as ordinary words (其中村集体 is not a village).
                let context = village_context(text, start, end);
                let name_like = || {
                    tokens[k..=ti]
                        .iter()
                        .map(|t| &text[t.start..t.end.min(end - suffix_len)])
                        .filter(|w| !w.is_empty())
                        .all(|w| w.chars().count() == 1 || dict.kind(w) != WordKind::Common)
                };
                if context && name_like() {
                    accepted = Some((start, None));
                }
            }
            if let Some((start, in_region)) = accepted {
                found.push(Place {
                    name: text[start..end].to_string(),
                    canonical: Some(text[start..end].to_string()),
                    level: PlaceLevel::Village,
                    code: None,
                    start,
                    end,
                    candidates: Vec::new(),
                    county: None,
                    in_region,
                    short_form: false,
                    renamed: None,
                });
            }
        }
        // A village seen once in a strong context is the same village everywhere in the draft.
        let mut names: Vec<(String, Option<bool>)> = Vec::new();
        for p in &found {
            if !names.iter().any(|(n, _)| *n == p.name) {
                names.push((p.name.clone(), p.in_region));
            }
        }
        let mut more = Vec::new();
        for (name, in_region) in names {
            for (s, _) in text.match_indices(name.as_str()) {
                let e = s + name.len();
                let ends_village = |e: usize| {
                    tokens.binary_search_by_key(&e, |t| t.end).is_ok()
                        || name.ends_with('村')
                            && tokens
                                .binary_search_by_key(&(e - '村'.len_utf8()), |t| t.start)
                                .is_ok_and(|i| text[tokens[i].start..].starts_with('村'))
                };
                let aligned =
                    tokens.binary_search_by_key(&s, |t| t.start).is_ok() && ends_village(e);
                if aligned
                    && !super::any_overlap(out, |p| (p.start, p.end), s, e)
                    && !super::any_overlap(&found, |p| (p.start, p.end), s, e)
                {
                    more.push(Place {
                        name: name.clone(),
                        canonical: Some(name.clone()),
                        level: PlaceLevel::Village,
                        code: None,
                        start: s,
                        end: e,
                        candidates: Vec::new(),
                        county: None,
                        in_region,
                        short_form: false,
                        renamed: None,
                    });
                }
            }
        }
        found.extend(more);
        out.extend(found);
    }
}

/// The checks on a village name's prefix (`text[start..end - suffix_len]`) that do not
/// depend on the segmentation: generic words (示范村), counts of people (一名村), function
/// words, 个/村 or a trailing numeral inside, a verb or scope word in front (依托村集体,
/// 部分村民), and 强村公司 after 全镇.
fn village_prefix_rejected(
    text: &str,
    start: usize,
    end: usize,
    prefix: &str,
    suffix_len: usize,
) -> bool {
    if is_generic_village_prefix(prefix, suffix_len == '村'.len_utf8()) {
        return true;
    }
    // 一名村党支部书记, 两位村干部: a count of people, not a name.
    let mut pc = prefix.chars();
    if pc
        .next()
        .is_some_and(|c| super::is_cn_numeral(c) || matches!(c, '几' | '多' | '每' | '某'))
        && pc
            .next()
            .is_some_and(|c| matches!(c, '名' | '位' | '个' | '户' | '家' | '批' | '些'))
    {
        return true;
    }
    let plain_core = !prefix.contains(FUNCTION_CHARS)
        && !prefix.contains(['个', '村'])
        && !prefix.ends_with(|c: char| super::is_cn_numeral(c) && !matches!(c, '万' | '亿'))
        && !VERBISH.iter().any(|v| prefix.starts_with(v));
    if !plain_core {
        return true;
    }
    // 全镇强村公司, 镇强村公司作为出资方: 强村公司 (a village-collective company) and
    // 强村富民 are terms; 镇强村 is no village.
    prefix.starts_with(['镇', '乡', '县', '市', '区'])
        && (text[..start].ends_with(['全', '本', '该', '各', '每'])
            || prefix.ends_with('强')
                && ["公司", "富民", "项目", "计划", "行动"]
                    .iter()
                    .any(|w| text[end..].starts_with(w)))
}

/// A context that introduces a specific village without a township or county before it:
/// its office or people after the name (新联村党支部), or the name opening a clause or
/// following a cue (例如岭东村).
fn village_context(text: &str, start: usize, end: usize) -> bool {
    village_role_after(text, end) || village_cue_before(text, start)
}

fn village_role_after(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    VILLAGE_ROLES.iter().any(|r| rest.starts_with(r))
}

fn village_cue_before(text: &str, start: usize) -> bool {
    let before = &text[..start];
    before.is_empty()
        || before.ends_with(['。', '！', '？', '；', '，', '\n', '：', '、'])
        || VILLAGE_CUES_BEFORE.iter().any(|c| before.ends_with(c))
}

/// Whether the 村 at byte `at` could end a village name where no township or county comes
/// before it, whatever the segmentation: some two to four Han characters before it pass
/// the checks of [`Gazetteer::find_villages`] that read no token. A clause in which no 村
/// can ([`super::segments`] asks) needs no cutting for villages: 农村, 村集体, 美丽乡村建设.
pub(crate) fn village_possible_alone(text: &str, at: usize) -> bool {
    let end = at + '村'.len_utf8();
    let role_after = village_role_after(text, end);
    let mut start = at;
    for (n, c) in text[..at].chars().rev().enumerate() {
        let n = n + 1;
        if n > 4 || !is_han(c) {
            break;
        }
        start -= c.len_utf8();
        // The context first: it rules out most places.
        if n < 2 || !(role_after || village_cue_before(text, start)) {
            continue;
        }
        let prefix = &text[start..at];
        if !village_prefix_rejected(text, start, end, prefix, '村'.len_utf8()) {
            return true;
        }
    }
    false
}

const VILLAGE_ROLES: &[&str] = &[
    "村民",
    "党支部",
    "党总支",
    "村委",
    "两委",
    "居委会",
    "书记",
    "主任",
    "股份经济合作社",
    "经济合作社",
    "村干部",
    "小学",
    "卫生室",
    "幼儿园",
    "集体",
    "文化礼堂",
    "党群服务中心",
    "老年食堂",
    "居家养老",
];

/// Words right before a name that introduce a specific village (该镇贺庄村, 例如岭东村).
const VILLAGE_CUES_BEFORE: &[&str] = &[
    "该镇",
    "该乡",
    "该街道",
    "镇里",
    "乡里",
    "镇上",
    "全镇",
    "如",
    "例如",
    "比如",
    "其中",
    "对",
    "在",
    "像",
    "以",
];

/// Verbs and scope words that start phrases ending in 村 (依托村集体, 库区移民村).
const VERBISH: &[&str] = &[
    "依托", "推动", "带动", "组织", "指导", "联合", "引导", "帮助", "发动", "动员", "鼓励", "支持",
    "督促", "要求", "所辖", "下辖", "辖区", "全部", "多数", "部分", "个别", "相关", "周边", "沿线",
    "沿海", "山区", "库区", "平原", "城郊", "近郊", "偏远", "移民", "服务", "进", "覆盖", "实现",
    "完成", "推进", "开展", "建设", "打造", "培育", "创建", "评为", "获评", "列为", "纳入",
];

/// Characters that start a phrase, not a village name.
const FUNCTION_CHARS: &[char] = &[
    '是', '的', '和', '与', '对', '在', '将', '为', '由', '等', '及', '向', '从', '把', '被', '了',
    '其', '全', '各', '该', '本', '每', '某', '部', '此', '这', '那', '占', '给', '到', '如', '据',
    '比', '较', '共', '有', '并', '或', '以', '按', '于', '也', '不', '都', '还', '就', '才', '又',
    '再', '很', '最', '更', '回', '去', '来',
];

/// 浙江省 → 浙江, 广西壮族自治区 → 广西.
fn short_province(p: &str) -> &str {
    for suffix in [
        "壮族自治区",
        "回族自治区",
        "维吾尔自治区",
        "自治区",
        "特别行政区",
        "省",
        "市",
    ] {
        if let Some(s) = p.strip_suffix(suffix) {
            return s;
        }
    }
    p
}

const TIME_WORDS: &[&str] = &[
    "今年", "去年", "明年", "目前", "当前", "近年", "今后", "同期", "年底", "年初",
];

/// County names that read as ordinary phrases in drafts.
const AMBIGUOUS_COUNTIES: &[&str] = &[
    "会同县",
    "平原县",
    "比如县",
    "富裕县",
    "公安县",
    "同心县",
    "和平县",
    "安居区",
    "新市区",
];

/// A county mention that reads as a phrase and needs its city, province or one of its
/// townships in the draft: the listed names, and two-character names starting with a function
/// word (和县 after a conjunction).
fn needs_context(p: &Place) -> bool {
    p.level == PlaceLevel::County
        && (AMBIGUOUS_COUNTIES.contains(&p.name.as_str())
            || p.name.chars().count() == 2 && p.name.starts_with(FUNCTION_CHARS))
}

fn function_word_then_word(text: &str, start: usize, end: usize, dict: &dyn Dictionary) -> bool {
    let name = &text[start..end];
    let Some(first) = name.chars().next() else {
        return false;
    };
    FUNCTION_CHARS.contains(&first) && dict.is_word(&name[first.len_utf8()..])
}

fn steals_from_previous_word(text: &str, start: usize, dict: &dyn Dictionary) -> bool {
    let Some(prev) = text[..start].chars().next_back() else {
        return false;
    };
    let Some(first) = text[start..].chars().next() else {
        return false;
    };
    if !is_han(prev) {
        return false;
    }
    let mut pair = String::with_capacity(6);
    pair.push(prev);
    pair.push(first);
    dict.is_word(&pair)
}

fn is_generic_village_prefix(prefix: &str, village: bool) -> bool {
    const BOTH: &[&str] = &[
        "试点", "示范", "重点", "先进", "中心", "智慧", "数字", "未来", "共富", "和美", "文明",
        "明星", "新型", "老旧", "安置", "搬迁", "涉农", "城乡", "城市", "农村", "乡村", "美丽",
        "宜居", "样板", "标杆", "所在", "相关", "周边", "附近", "偏远", "边远", "这个", "那个",
        "个别",
    ];
    const VILLAGE: &[&str] = &[
        "行政",
        "自然",
        "边境",
        "抵边",
        "沿边",
        "城中",
        "空心",
        "薄弱",
        "贫困",
        "脱贫",
        "旅游",
        "新农",
        "美丽乡",
        "和美乡",
        "经济薄弱",
        "集体经济",
        "少数民族",
        "传统",
        "历史文化",
        "合并",
        "撤并",
        "插花",
        "留守",
        "移民",
        "搬迁",
        "库区",
        "易地",
        "中心",
        "示范",
    ];
    static SETS: Lazy<(FxHashSet<&str>, FxHashSet<&str>)> = Lazy::new(|| {
        (
            BOTH.iter().copied().collect(),
            VILLAGE.iter().copied().collect(),
        )
    });
    // 省级示范村 and 示范村 alike: a prefix that is, or ends in, a generic word (every word in
    // the lists has two characters or more).
    let (both, only_village) = &*SETS;
    prefix
        .char_indices()
        .map(|(i, _)| &prefix[i..])
        .any(|suffix| both.contains(suffix) || (village && only_village.contains(suffix)))
}

/// A short form (永嘉 for 永嘉县) right before 路/街/江/山… is a road, river or mountain.
/// The items of a 、 list that ends at byte `end` (before 等): two to four Han characters
/// each; the first must follow punctuation or the start of the text. Empty when the text
/// before `end` is no such list.
fn list_before(text: &str, end: usize) -> Vec<(usize, usize)> {
    let mut items = Vec::new();
    let mut e = end;
    loop {
        let head = &text[..e];
        let mut s = e;
        let mut n = 0;
        for (i, c) in head.char_indices().rev() {
            if !is_han(c) || n == 5 {
                break;
            }
            s = i;
            n += 1;
        }
        if !(2..=4).contains(&n) {
            return Vec::new();
        }
        items.push((s, e));
        match text[..s].chars().next_back() {
            Some('、') => e = s - '、'.len_utf8(),
            Some(c) if !is_han(c) => break,
            None => break,
            Some(_) => return Vec::new(),
        }
    }
    items.reverse();
    items
}

/// A short form standing in a list of things of its own kind (杨树、榆树: trees), not of
/// counties; a list with a place in it (永嘉、瑞安、平阳等县) still names counties.
fn common_word_in_a_list(
    text: &str,
    start: usize,
    end: usize,
    dict: &dyn Dictionary,
    is_place_name: &dyn Fn(&str) -> bool,
) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let listed = matches!(before, Some('、')) || matches!(after, Some('、'));
    if !listed {
        return false;
    }
    // The neighbours: the dictionary words right before and after the 、 (杨树 of 种植杨树、).
    let word_ending = |b: &str| -> String {
        let chars: Vec<char> = b.chars().collect();
        (2..=4)
            .rev()
            .filter(|&n| n <= chars.len())
            .map(|n| chars[chars.len() - n..].iter().collect::<String>())
            .find(|w| dict.is_word(w))
            .unwrap_or_default()
    };
    let word_starting = |a: &str| -> String {
        let chars: Vec<char> = a.chars().take(4).collect();
        (2..=chars.len().min(4))
            .rev()
            .map(|n| chars[..n].iter().collect::<String>())
            .find(|w| dict.is_word(w))
            .unwrap_or_default()
    };
    let item_before = text[..start]
        .strip_suffix('、')
        .map(word_ending)
        .unwrap_or_default();
    let item_after = text[end..]
        .strip_prefix('、')
        .map(word_starting)
        .unwrap_or_default();
    let (item_before, item_after) = (item_before.as_str(), item_after.as_str());
    // The dictionary's parts of speech are too noisy here (杨树 is tagged a person's name):
    // a neighbour is a place when the gazetteer knows it or it ends like one.
    let place_like = |item: &str| {
        !item.is_empty()
            && (is_place_name(item) || item.ends_with(['县', '市', '区', '镇', '乡', '旗']))
    };
    // A list of things of one kind shares their head character (杨树、榆树、柳树; 水稻、小麦 do
    // not, and are no county names either): require it, so that 安康、石泉 and 遗址、临洮 keep
    // their places.
    let last = text[start..end].chars().next_back();
    let same_kind =
        |item: &str| !item.is_empty() && dict.is_word(item) && item.chars().next_back() == last;
    (same_kind(item_before) || same_kind(item_after))
        && !place_like(item_before)
        && !place_like(item_after)
}

/// A short form in a list that the text calls brands or enterprises (伊利、金锣、兴和等一批品牌):
/// the brand 兴和, not the county.
fn listed_as_brands(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let rest = &text[end..];
    if !(matches!(before, Some('、')) || rest.starts_with(['、', '等'])) {
        return false;
    }
    let clause_end = rest
        .find(['，', '。', '；', '：', '\n'])
        .unwrap_or(rest.len());
    let clause = &rest[..clause_end];
    clause.find('等').is_some_and(|i| {
        let after: String = clause[i..].chars().take(8).collect();
        // 永嘉、瑞安等地企业 lists places.
        if after
            .chars()
            .nth(1)
            .is_some_and(|c| "地县市区乡镇省村".contains(c))
        {
            return false;
        }
        ["品牌", "企业", "商标", "产品", "公司"]
            .iter()
            .any(|w| after.contains(w))
    })
}

/// 旅游兴镇, 工业强镇, 产业富村: a slogan of the form X兴镇 / X强镇 / X富镇, where the name's
/// first character is the slogan's verb after a two-character noun.
fn slogan(text: &str, start: usize, end: usize) -> bool {
    let name = &text[start..end];
    let Some(first) = name.chars().next() else {
        return false;
    };
    ['兴', '强', '富', '美', '活'].contains(&first)
        && name.chars().count() == 2
        && text[..start].chars().rev().take(2).all(is_han)
        && !text[..start].ends_with(['县', '市', '区', '省'])
}

/// A short form that begins a registered enterprise name (通化葡萄酒股份有限公司, 伊利实业集团):
/// the company's name, not a mention of the county. Only the formal endings count, and not
/// when the words between say where (某, 县, 镇: 瑞安某纽扣有限公司 is a company in 瑞安).
fn begins_an_enterprise_name(rest: &str) -> bool {
    const ENDINGS: &[&str] = &["股份有限公司", "有限责任公司", "有限公司", "集团"];
    for (chars, (i, c)) in rest.char_indices().enumerate() {
        if ENDINGS.iter().any(|e| rest[i..].starts_with(e)) {
            return chars >= 2;
        }
        if !is_han(c) || "某的县市区镇乡村和与及在".contains(c) || chars >= 8 {
            return false;
        }
    }
    false
}

fn alias_context_ok(rest: &str) -> bool {
    const NOT_AFTER: &[&str] = &[
        "路", "街", "道", "巷", "大道", "站", "港", "湾", "桥", "江", "河", "湖", "溪", "山", "岛",
        "村", "镇", "乡", "社区", "小区", "贤", "系列", "”", "公园", "中学", "小学", "大学",
        "学院", "机场", "高速", "人", "话", "籍", "梯田",
    ];
    !NOT_AFTER.iter().any(|w| rest.starts_with(w))
        && !names_product(rest)
        && !begins_an_enterprise_name(rest)
}

/// A short form before a product, breed, opera or "spirit" names that thing (宣威火腿,
/// 泰和乌鸡, 甘谷辣椒, 黄梅戏, 井冈山精神), not the county: such a mention says nothing about
/// the county's level in the draft, and in another region's draft it is no out-of-region
/// place. (It still makes a title specific: see [`Gazetteer::names_a_local_product`].)
fn names_product(rest: &str) -> bool {
    PRODUCTS.iter().any(|w| rest.starts_with(w))
}

/// The words of [`names_product`], found anywhere; leftmost-longest, so that 乐陵金丝小枣
/// gives 金丝小枣 (right after 乐陵), not 小枣.
static PRODUCT_FINDER: Lazy<aho_corasick::AhoCorasick> = Lazy::new(|| {
    aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(PRODUCTS)
        .expect("product words")
});

const PRODUCTS: &[&str] = &[
    "火腿",
    "小米",
    "大米",
    "香米",
    "乌鸡",
    "土鸡",
    "黑猪",
    "小枣",
    "金丝小枣",
    "红枣",
    "蜜柚",
    "脐橙",
    "辣椒",
    "花椒",
    "白茶",
    "红茶",
    "绿茶",
    "黄酒",
    "白酒",
    "米粉",
    "腊肉",
    "牛肉",
    "羊肉",
    "香禾糯",
    "大蒜",
    "食用菌",
    "香菇",
    "木耳",
    "苹果",
    "山药",
    "油茶",
    "戏",
    "精神",
    "革命",
];

/// The segmenter's dictionary, as place detection needs it.
pub trait Dictionary {
    /// Whether `word` is a dictionary word (cheap).
    fn is_word(&self, word: &str) -> bool;
    /// Whether it is a name or an ordinary word (dearer: looks up its part of speech).
    fn kind(&self, word: &str) -> WordKind;
}

/// What the segmenter's dictionary says of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordKind {
    /// Not in the dictionary (names the HMM guessed often are).
    Unknown,
    /// In the dictionary as a person or place name (ns, nr, nz …).
    Name,
    /// An ordinary word.
    Common,
}

/// One place mention. `start`/`end` are byte offsets into the document text.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// As written.
    pub name: String,
    /// The full official name when known (北川 → 北川羌族自治县).
    pub canonical: Option<String>,
    pub level: PlaceLevel,
    /// The 12-digit (township) or 6-digit (county) statistical code when resolved.
    pub code: Option<String>,
    pub start: usize,
    pub end: usize,
    /// Gazetteer indices the name could refer to (counties, townships, cities or provinces,
    /// by level).
    pub candidates: Vec<u32>,
    /// The county (index) this mention belongs to, when resolved.
    pub county: Option<u32>,
    /// Inside the configured region; `None` when no region is set or it cannot be told.
    pub in_region: Option<bool>,
    /// Written as a short form (永嘉, 北川县), not the full name.
    pub short_form: bool,
    /// A former name (玉环县): index into [`Gazetteer::renames`].
    pub renamed: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_name_holds_a_character_that_ends_a_segmentation_piece() {
        // The analysis segments only the pieces where a name starts; a name running on past
        // a piece end (the NBS wrote （工业园区）城南街道) would lose its tokens there.
        let g = Gazetteer::embedded();
        for name in g.by_name.keys() {
            assert!(
                !name.chars().any(crate::text::segments::ends_piece),
                "{name}"
            );
        }
        assert!(g.by_name.contains_key("城南街道") && g.by_name.contains_key("官银号街道"));
    }

    #[test]
    fn a_rename_names_the_county_as_it_is_now() {
        // The messages say “玉环县已于2017-04-09更名为玉环市”: the new name must be right.
        let g = Gazetteer::embedded();
        let current: HashSet<&str> = g.counties.iter().map(|c| c.name.as_str()).collect();
        for r in &g.renames {
            assert!(
                current.contains(r.new.as_str()) || r.new == "西沙区",
                "{} -> {}",
                r.old,
                r.new
            );
        }
        let yuhuan = g.renames.iter().find(|r| r.old == "玉环县").unwrap();
        assert_eq!(yuhuan.new, "玉环市");
    }

    #[test]
    fn prefix_filter_never_rejects_a_name_start() {
        let mut t = NameTrie::new();
        for name in ["永嘉县", "瓯北镇", "永嘉", "镇平县"] {
            t.insert(name);
        }
        for rest in ["永嘉县委", "瓯北镇的", "永嘉", "镇平县人"] {
            assert!(t.may_start(rest.as_bytes()), "{rest}");
        }
        assert!(!t.may_start("发展乡村".as_bytes()));
        assert!(
            !t.may_start("永".as_bytes()),
            "one character cannot hold a two-character name"
        );
        t.insert("和");
        assert!(
            t.may_start("和县".as_bytes()) && t.may_start("和".as_bytes()),
            "short names switch it off"
        );
    }

    #[test]
    fn prefix_filter_on_the_whole_gazetteer() {
        // Every name of the shipped gazetteer passes the filter at its own start.
        let g = Gazetteer::embedded();
        assert!(!g.trie.has_single);
        for name in g.by_name.keys() {
            assert!(g.trie.may_start(name.as_bytes()), "{name}");
        }
    }
}
