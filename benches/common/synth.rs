//! Synthetic information items for the scale measurements (`benches/archive.rs`,
//! `examples/scale.rs`): ~1,500 characters each, built from sentence templates with real
//! county and township names, topics, departments and numbers, so that no two items share
//! more than stock phrases — except the planted near-duplicates (a known share: re-sent by
//! another unit with a few numbers changed, lightly edited, or two thirds of an earlier
//! item inside a new one) and the long quotations many items share.
//!
//! Every item is a pure function of its number: item `i` can be re-generated at any time,
//! which is how the scale example re-reads a million items without keeping them.

#![allow(dead_code)]

const COUNTIES: &str = include_str!("../../lexicons/divisions/counties.tsv");
const TOWNSHIPS: &str = include_str!("../../lexicons/divisions/townships.tsv");

/// Share of items that are planted near-duplicates of an earlier item.
pub const DUP_SHARE: f64 = 0.03;
/// Share of items quoting one of the long quotations.
pub const QUOTE_SHARE: f64 = 0.3;

/// A small deterministic PRNG (splitmix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x853c_49e6_748f_ea9b)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

fn names(tsv: &'static str) -> Vec<&'static str> {
    tsv.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').nth(1))
        .filter(|n| n.chars().count() >= 2)
        .collect()
}

const TOPICS: &[&str] = &[
    "纽扣产业用工",
    "电动自行车充电",
    "居家养老服务",
    "秸秆综合利用",
    "村医队伍建设",
    "民宿淡季经营",
    "预付式消费投诉",
    "中小企业应收账款",
    "农村饮用水安全",
    "生活垃圾分类",
    "农村集体经济",
    "高标准农田建设",
    "城中村改造",
    "物业服务纠纷",
    "外卖骑手权益",
    "校外培训治理",
    "山区教师流失",
    "乡镇卫生院服务",
    "农产品冷链物流",
    "茶叶品牌建设",
    "渔船安全生产",
    "林下经济发展",
    "小微企业融资",
    "老旧小区加装电梯",
    "农村公路养护",
    "河道垃圾清理",
    "留守儿童关爱",
    "残疾人就业帮扶",
    "快递包装回收",
    "夜间经济发展",
    "乡村旅游配套",
    "闲置农房盘活",
    "宅基地规范管理",
    "耕地撂荒整治",
    "生猪养殖污染",
    "汛期地质灾害防范",
    "燃气安全隐患",
    "自建房安全排查",
    "工业园区用地",
    "返乡创业扶持",
    "农村电商直播",
    "特色小镇运营",
    "基层减负落实",
    "网格员队伍管理",
    "信访积案化解",
    "矛盾纠纷调解",
    "社区食堂运营",
    "托育服务供给",
    "医保基金监管",
    "职业技能培训",
    "新能源汽车推广",
    "光伏发电并网",
    "数字乡村建设",
    "农机作业补贴",
];

const DEPTS: &[&str] = &[
    "人力社保局",
    "民政局",
    "农业农村局",
    "市场监管局",
    "卫健局",
    "文旅局",
    "住建局",
    "自然资源局",
    "生态环境局",
    "交通运输局",
    "教育局",
    "商务局",
    "发改局",
    "财政局",
    "应急管理局",
    "水利局",
    "统计局",
    "信访局",
    "司法局",
    "经信局",
    "医保局",
    "公安局",
    "城管局",
    "供销社",
];

const SUBJECTS: &[&str] = &[
    "经营主体",
    "从业人员",
    "相关企业",
    "农户",
    "村集体",
    "合作社",
    "家庭农场",
    "个体工商户",
    "服务站点",
    "项目",
    "网点",
    "养殖场",
    "民宿",
    "门店",
    "种植大户",
    "务工人员",
    "老年人",
    "适龄儿童",
    "志愿者",
];

const PROBLEMS: &[&str] = &[
    "资金投入不足",
    "专业人才短缺",
    "配套设施滞后",
    "管理机制不顺",
    "监管力量薄弱",
    "群众参与不够",
    "部门协同不畅",
    "政策落地不实",
    "市场需求萎缩",
    "运营成本上升",
    "信息共享不充分",
    "考核激励不足",
    "基础数据不清",
    "服务供给不均",
    "后续管护缺位",
    "风险底数不明",
];

const MEASURES: &[&str] = &[
    "建立联席会议制度",
    "设立专项资金",
    "开展集中排查整治",
    "组建专班推进",
    "出台实施细则",
    "开展业务培训",
    "建立台账清单",
    "引入第三方评估",
    "推行积分管理",
    "建设数字化平台",
    "落实包片联系责任",
    "开展结对帮扶",
    "实行月通报制度",
    "试点先行逐步推开",
];

const VILLAGE_HEADS: &[&str] = &[
    "东岙", "西坑", "下岙", "上垟", "前岸", "后山", "南溪", "北湾", "石门", "枫林", "桥头", "塘下",
    "岭根", "溪口", "新屋", "竹园", "茶山", "黄坦", "白岩", "龙湾", "青田", "金竹", "梅岙", "沙岗",
];

const SURNAMES: &[&str] = &[
    "陈", "王", "李", "张", "刘", "林", "黄", "吴", "周", "徐", "郑", "潘",
];

/// Long quotations many items share (left out of duplicate detection as quoted text).
pub const QUOTES: &[&str] = &[
    "坚持以人民为中心的发展思想，着力解决好人民群众急难愁盼问题，不断实现人民对美好生活的向往",
    "全面推进乡村振兴，坚持农业农村优先发展，巩固拓展脱贫攻坚成果，加快建设农业强国",
    "统筹发展和安全，坚持人民至上、生命至上，把保护人民生命安全摆在首位，全面提高公共安全保障能力",
    "坚持和发展新时代“枫桥经验”，把矛盾纠纷化解在基层、化解在萌芽状态，做到小事不出村、大事不出镇",
    "完善覆盖全民、统筹城乡、公平统一、安全规范、可持续的多层次社会保障体系，健全社会保障兜底机制",
    "以高质量发展为首要任务，完整准确全面贯彻新发展理念，加快构建新发展格局，着力推动高质量发展",
    "深入践行绿水青山就是金山银山的理念，站在人与自然和谐共生的高度谋划发展，推进生态优先绿色发展",
    "持续优化营商环境，依法保护民营企业产权和企业家权益，促进民营经济发展壮大，激发各类经营主体活力",
];

/// Stock closing sentences (boilerplate: each in a sixth of the items).
const CLOSINGS: &[&str] = &[
    "下一步，我们将继续加强统筹协调，压实工作责任，确保各项任务落地见效。",
    "下一步，将持续跟踪问题整改情况，及时总结经验做法，推动工作提质增效。",
    "我们将进一步细化工作举措，强化督导检查，以钉钉子精神抓好各项工作落实。",
    "对此，我们将保持工作力度不减，建立长效机制，切实巩固好整治成果。",
    "有关情况我们将持续关注，适时作进一步报告。",
    "以上情况，供领导参阅。",
];

/// Vocabulary for queries: topics and departments as the index segments them.
pub fn query_words() -> Vec<&'static str> {
    let mut w: Vec<&'static str> = vec![
        "纽扣",
        "用工",
        "缺口",
        "充电",
        "电动自行车",
        "养老",
        "秸秆",
        "综合利用",
        "村医",
        "民宿",
        "淡季",
        "预付",
        "投诉",
        "应收账款",
        "饮用水",
        "垃圾分类",
        "集体经济",
        "农田",
        "城中村",
        "物业",
        "纠纷",
        "骑手",
        "培训",
        "教师",
        "卫生院",
        "冷链",
        "物流",
        "茶叶",
        "品牌",
        "渔船",
        "安全生产",
        "林下经济",
        "融资",
        "电梯",
        "公路",
        "河道",
        "留守儿童",
        "残疾人",
        "就业",
        "快递",
        "夜间经济",
        "乡村旅游",
        "农房",
        "宅基地",
        "撂荒",
        "生猪",
        "地质灾害",
        "燃气",
        "自建房",
        "园区",
        "用地",
        "返乡",
        "创业",
        "电商",
        "直播",
        "小镇",
        "减负",
        "网格员",
        "信访",
        "调解",
        "食堂",
        "托育",
        "医保",
        "基金",
        "技能",
        "新能源",
        "光伏",
        "数字",
        "农机",
        "补贴",
        "资金",
        "人才",
        "监管",
        "排查",
        "整治",
        "台账",
        "专班",
        "试点",
    ];
    w.sort_unstable();
    w.dedup();
    w
}

/// One generated item.
pub struct Synth {
    pub title: String,
    pub unit: String,
    /// ISO date.
    pub date: String,
    /// The canonical text: title line, then the body.
    pub text: String,
    /// The earlier item this one was planted from, if any.
    pub source: Option<usize>,
}

/// The generator: name lists loaded once.
pub struct Generator {
    counties: Vec<&'static str>,
    townships: Vec<&'static str>,
}

impl Default for Generator {
    fn default() -> Generator {
        Generator::new()
    }
}

impl Generator {
    pub fn new() -> Generator {
        Generator {
            counties: names(COUNTIES),
            townships: names(TOWNSHIPS),
        }
    }

    /// Which earlier item item `i` is planted from, if it is one.
    pub fn planted(&self, i: usize) -> Option<usize> {
        let mut r = Rng::new(i as u64 ^ 0xd1b5_4a32_d192_ed03);
        (i >= 10 && r.chance(DUP_SHARE)).then(|| r.below(i))
    }

    /// Item `i`.
    pub fn item(&self, i: usize) -> Synth {
        match self.planted(i) {
            Some(src) => self.near_copy(i, src),
            None => self.fresh(i),
        }
    }

    /// Item `i` as a file would give it: front matter with title, unit and date.
    pub fn document(&self, i: usize) -> xinjian::source::Document {
        let s = self.item(i);
        xinjian::source::from_text(
            format!("synth/{i:07}.txt"),
            &format!(
                "---\n标题: {}\n单位: {}\n日期: {}\n---\n{}",
                s.title, s.unit, s.date, s.text
            ),
        )
        .expect("generated items are valid drafts")
    }

    fn date(r: &mut Rng) -> String {
        format!(
            "{}-{:02}-{:02}",
            2020 + r.below(7),
            1 + r.below(12),
            1 + r.below(28)
        )
    }

    fn num(r: &mut Rng, lo: usize, hi: usize) -> usize {
        lo + r.below(hi - lo)
    }

    fn pct(r: &mut Rng) -> String {
        format!("{}.{}%", 1 + r.below(89), r.below(10))
    }

    fn fresh(&self, i: usize) -> Synth {
        let mut r = Rng::new(i as u64);
        let county = self.counties[r.below(self.counties.len())];
        let towns: Vec<&str> = (0..4)
            .map(|_| self.townships[r.below(self.townships.len())])
            .collect();
        let topic = r.pick(TOPICS);
        let dept = r.pick(DEPTS);
        let subject = r.pick(SUBJECTS);
        let unit = if r.chance(0.6) {
            format!("{county}委办")
        } else {
            format!("{county}{}", r.pick(DEPTS))
        };
        let title = match r.below(4) {
            0 => format!("{county}{}{topic}问题需引起关注", towns[0]),
            1 => format!("{county}{topic}面临{}难题", r.pick(PROBLEMS)),
            2 => format!("关于{county}{topic}情况的调查"),
            _ => format!("{county}{}{topic}出现新变化", towns[0]),
        };
        let mut b = String::with_capacity(5000);
        b.push_str(&title);
        b.push('\n');
        // Opening.
        b.push_str(&format!(
            "今年以来，{county}{topic}工作取得一定进展，但{}、{}的问题仍较突出。据县{dept}统计，截至{}月底，全县共有{topic}相关{subject}{}家（个），同比{}{}，其中{}、{}两地合计占{}。",
            r.pick(PROBLEMS), r.pick(PROBLEMS), 1 + r.below(12), Self::num(&mut r, 40, 9000),
            if r.chance(0.5) { "增长" } else { "下降" }, Self::pct(&mut r), towns[0], towns[1], Self::pct(&mut r)
        ));
        if r.chance(QUOTE_SHARE) {
            b.push_str(&format!("“{}”。", r.pick(QUOTES)));
        }
        b.push('\n');
        let sections = [
            ("一、主要表现", 0usize),
            ("二、原因分析", 1),
            ("三、意见建议", 2),
        ];
        let ordinals = ["一是", "二是", "三是", "四是", "五是"];
        for (heading, kind) in sections {
            b.push('\n');
            b.push_str(heading);
            b.push_str("\n\n");
            for ord in ordinals.iter().take(3 + r.below(3)) {
                b.push_str(ord);
                let town = towns[r.below(towns.len())];
                let village = format!("{}村", r.pick(VILLAGE_HEADS));
                match kind {
                    0 => b.push_str(&format!(
                        "{}。{town}{village}{}共{}户，其中{}户反映{topic}方面存在困难，占{}；{}月份{town}受理相关诉求{}件，比上月增加{}件。{}某{}负责人{}某反映，{}以来{}，已造成直接损失约{}万元。",
                        r.pick(PROBLEMS), r.pick(SUBJECTS), Self::num(&mut r, 30, 900), Self::num(&mut r, 5, 300), Self::pct(&mut r),
                        1 + r.below(12), Self::num(&mut r, 10, 500), Self::num(&mut r, 1, 90), village, r.pick(SUBJECTS),
                        r.pick(SURNAMES), if r.chance(0.5) { "去年" } else { "今年" }, r.pick(PROBLEMS), Self::num(&mut r, 2, 800)
                    )),
                    1 => b.push_str(&format!(
                        "{}。全县{topic}方面{}年投入{}万元，仅为{}的{}；{town}现有{}{}名，平均每名联系{}{}个，{}与{}之间的矛盾日益显现。",
                        r.pick(PROBLEMS), 2020 + r.below(7), Self::num(&mut r, 20, 5000), r.pick(TOPICS), Self::pct(&mut r),
                        r.pick(SUBJECTS), Self::num(&mut r, 3, 120), r.pick(SUBJECTS), Self::num(&mut r, 5, 400),
                        r.pick(PROBLEMS), r.pick(PROBLEMS)
                    )),
                    _ => b.push_str(&format!(
                        "{}。建议由县{}牵头，会同{}、{}等部门，于{}年{}月底前在{town}{}，对{}{}以上的{}实行{}，每{}开展一次督查，力争{}覆盖率达到{}。",
                        r.pick(MEASURES), r.pick(DEPTS), r.pick(DEPTS), r.pick(DEPTS), 2021 + r.below(7), 1 + r.below(12),
                        r.pick(MEASURES), Self::num(&mut r, 10, 200), if r.chance(0.5) { "户" } else { "家" }, r.pick(SUBJECTS),
                        r.pick(MEASURES), if r.chance(0.5) { "季度" } else { "半年" }, r.pick(TOPICS), Self::pct(&mut r)
                    )),
                }
                b.push('\n');
            }
        }
        b.push('\n');
        b.push_str(r.pick(CLOSINGS));
        Synth {
            title,
            unit,
            date: Self::date(&mut r),
            text: b,
            source: None,
        }
    }

    /// Item `i` made from item `src`: re-sent by another unit with numbers changed, lightly
    /// edited, or two thirds of it inside a new item.
    fn near_copy(&self, i: usize, src: usize) -> Synth {
        let mut r = Rng::new(i as u64 ^ 0x2545_f491_4f6c_dd1d);
        let orig = self.item(src);
        let paras: Vec<&str> = orig.text.split('\n').collect();
        let text = match r.below(3) {
            0 => {
                // Re-sent: a few digits changed, the unit's own name for itself.
                let mut t: String = orig
                    .text
                    .chars()
                    .map(|c| {
                        if c.is_ascii_digit() && r.chance(0.08) {
                            char::from(b'0' + r.below(10) as u8)
                        } else {
                            c
                        }
                    })
                    .collect();
                t = t.replacen("全县", "我县", 2);
                format!("关于{}的报告\n{}", orig.title, t)
            }
            1 => {
                // Lightly edited: one paragraph dropped, one new.
                let drop = 1 + r.below(paras.len().saturating_sub(1).max(1));
                let mut kept: Vec<String> = paras
                    .iter()
                    .enumerate()
                    .filter(|&(k, _)| k != drop)
                    .map(|(_, p)| p.to_string())
                    .collect();
                let fresh = self.fresh(i);
                let extra = fresh.text.split('\n').nth(1).unwrap_or("").to_string();
                kept.insert(kept.len().min(3), extra);
                kept.join("\n")
            }
            _ => {
                // Contained: two thirds of the earlier item's body under a new title and
                // opening.
                let fresh = self.fresh(i);
                let fp: Vec<&str> = fresh.text.split('\n').collect();
                let body = &paras[2..];
                format!(
                    "{}\n{}\n{}",
                    fp[0],
                    fp[1],
                    body[..body.len() * 2 / 3].join("\n")
                )
            }
        };
        let title = text.lines().next().unwrap_or("").to_string();
        Synth {
            title,
            unit: format!("{}{}", orig.unit.trim_end_matches("委办"), r.pick(DEPTS)),
            date: Self::date(&mut r),
            text,
            source: Some(src),
        }
    }
}
