//! Village names: a gazetteer township or county followed by a name ending in 村/社区, or a
//! name read from its context (a role after it, a cue before it), with the generic prefixes
//! that make no village (一名村, 边境村) turned away.

use super::*;

impl Gazetteer {
    /// Villages and communities have no gazetteer: a name of two to four characters ending in
    /// 村/社区 counts only where the context says it is a specific one — right after a named
    /// township or county (桥头镇新联村), or followed by its office or people (新联村党支部、
    /// 新联村村民). Generic words (全村, 行政村, 美丽乡村, 城中村, 未来社区) never count.
    pub(super) fn find_villages(
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
                if crate::text::any_overlap(out, |p| (p.start, p.end), start, end) {
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
                    && !crate::text::any_overlap(out, |p| (p.start, p.end), s, e)
                    && !crate::text::any_overlap(&found, |p| (p.start, p.end), s, e)
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
        .is_some_and(|c| crate::text::is_cn_numeral(c) || matches!(c, '几' | '多' | '每' | '某'))
        && pc
            .next()
            .is_some_and(|c| matches!(c, '名' | '位' | '个' | '户' | '家' | '批' | '些'))
    {
        return true;
    }
    let plain_core = !prefix.contains(FUNCTION_CHARS)
        && !prefix.contains(['个', '村'])
        && !prefix.ends_with(|c: char| crate::text::is_cn_numeral(c) && !matches!(c, '万' | '亿'))
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
