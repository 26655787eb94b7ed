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

mod gazetteer;
mod products;
mod villages;

use gazetteer::NameTrie;
use products::names_product;
pub(crate) use villages::village_possible_alone;

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

impl Gazetteer {
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
}

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
}
