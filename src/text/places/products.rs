//! Local products named after a county (泰和乌鸡, 宣威火腿): the short form before a product
//! word is no county mention.

use once_cell::sync::Lazy;

use super::*;

impl Gazetteer {
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
}

/// A short form before a product, breed, opera or "spirit" names that thing (宣威火腿,
/// 泰和乌鸡, 甘谷辣椒, 黄梅戏, 井冈山精神), not the county: such a mention says nothing about
/// the county's level in the draft, and in another region's draft it is no out-of-region
/// place. (It still makes a title specific: see [`Gazetteer::names_a_local_product`].)
pub(super) fn names_product(rest: &str) -> bool {
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
