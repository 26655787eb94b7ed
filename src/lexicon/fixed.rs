//! The fixed word lists of the analysis and the checks (点线面 words, enterprise suffixes,
//! suggestion actions, category words, title words …). They are not staff-editable, but they
//! are found by the same one scan of every document as the editable lists
//! ([`super::Lexicons::word_hits`]), so they live in the lexicon layer, below the modules that
//! read the hits ([`super::Kind`] says which list a hit is on).

// ---- from text/numbers.rs ----
/// Words that set the level of the figures after them in a clause (found by the document's
/// one word scan, [`super::Kind`]).
pub const LEVEL_POINT_WORDS: &[&str] = &["公司", "合作社", "家庭农场", "某", "厂"];
#[rustfmt::skip]
pub const LEVEL_LINE_WORDS: &[&str] = &["其中", "行业", "领域", "产业", "板块", "类", "群体", "系统"];
#[rustfmt::skip]
pub const LEVEL_AREA_WORDS: &[&str] = &[
    "全县", "全市", "全区", "全省", "全州", "全旗", "全域", "县域", "市域", "全镇", "全乡", "共计", "累计", "总计", "全年",
];

// ---- from elements/cases.rs ----
#[rustfmt::skip]
pub const ENTERPRISE_SUFFIXES: &[&str] = &[
    "有限责任公司", "股份有限公司", "有限公司", "集团", "公司", "专业合作社", "合作社", "家庭农场", "工厂", "民宿", "酒店",
    "超市", "商行", "养殖场",
];
#[rustfmt::skip]
pub const ROLES: &[&str] = &[
    "村民", "居民", "群众", "农户", "商户", "店主", "业主", "老人", "学生", "家长", "职工", "工人", "教师", "书记", "主任",
    "负责人", "老板", "党员", "网格员", "志愿者", "村医", "医生", "种植户", "养殖户", "经理", "董事长", "带头人", "队长", "站长",
    "所长", "社长", "理事长", "青年", "大学生", "退役军人",
];

// ---- from elements/suggestions.rs ----
#[rustfmt::skip]
pub const ORG_SUFFIXES: &[&str] = &[
    "局", "厅", "委员会", "办公室", "中心", "专班", "领导小组", "指挥部", "法院", "检察院", "银行", "集团", "公司", "街道办",
    "镇政府", "乡政府", "管委会", "供电所", "卫生院", "派出所", "商会", "协会", "部门",
];
pub const LEAD_VERBS: &[&str] = &["牵头", "负责", "会同", "联合", "统筹"];
pub const GOVERNMENT: &[&str] = &["委", "政府", "人大", "政协", "纪委", "监委"];
/// Concrete actions (found by the document's one word scan, [`super::Kind::Action`]).
#[rustfmt::skip]
pub const ACTIONS: &[&str] = &[
    "设立", "设置", "出台", "制定", "开通", "组建", "配备", "拨付", "修订", "增设", "新建", "改造", "举办", "开设", "划拨",
    "安排资金", "安排专项", "招录", "引进", "补贴", "奖励", "减免", "延长", "缩短", "取消", "上线", "建设", "纳入", "试点",
    "储备", "派驻", "轮训", "培训", "排查", "清理", "核查", "公开", "发布", "对接", "签订", "采购", "投放", "布设", "安装",
    "更换", "修建", "疏浚", "整治", "督查", "约谈", "通报",
];

// ---- from elements/category.rs ----
#[rustfmt::skip]
pub const PROBLEM_WORDS: &[&str] = &[
    "问题", "隐患", "风险", "困难", "难题", "短板", "不足", "亟需", "亟待", "引起关注", "值得关注", "需关注", "引起重视", "堪忧", "担忧",
    "矛盾", "困境", "瓶颈", "缺口", "下滑", "滞后", "凸显", "频发", "隐忧", "苗头", "警惕", "难以", "不到位", "薄弱", "制约", "压力",
    "投诉", "纠纷", "欠薪", "流失", "空转", "负担", "跑路", "闲置", "违规", "乱象",
];
#[rustfmt::skip]
pub const EXPERIENCE_WORDS: &[&str] = &[
    "做法", "经验", "探索", "创新", "破解", "走出", "打造", "激活", "赋能", "蹚出", "新路", "模式", "成效", "实现", "推动", "助力",
    "有效", "提升", "带动", "盘活", "增收", "机制", "先行", "示范",
];
#[rustfmt::skip]
pub const RESEARCH_WORDS: &[&str] = &[
    "调研", "调查", "走访", "问卷", "座谈", "抽样", "样本", "基本情况", "原因分析", "存在问题", "对策建议", "思考", "研究",
];
#[rustfmt::skip]
pub const SPECIAL_WORDS: &[&str] = &[
    "突发", "事故", "险情", "灾情", "台风", "暴雨", "洪涝", "火灾", "舆情", "社情民意", "群众反映", "反映强烈", "热议", "呼声", "期盼",
    "诉求", "重要情况", "紧急", "伤亡", "受灾", "转移", "处置", "应急", "干部群众", "网民", "民意", "市民反映", "遇险", "火情", "强降雨",
];
/// Title words of an item that reports what worked (让山区群众在家门口就业, 推行屋场会).
#[rustfmt::skip]
pub const EXPERIENCE_TITLE: &[&str] = &[
    "让", "推行", "构建", "带动", "撑起", "做大", "做强", "延伸", "活化", "化解", "蹚出", "走出", "探索", "打造", "激活",
    "盘活", "家门口", "新路", "模式", "机制",
];
#[rustfmt::skip]
pub const DYNAMIC_TITLE: &[&str] = &[
    "召开", "举行", "举办", "启动", "开展", "部署", "出台", "印发", "签约", "开工", "发布", "调度", "会议", "培训", "活动", "开幕",
    "揭牌", "成立", "上线", "完成", "推进会", "观摩", "督查", "上市", "投产", "投用", "开园", "起捕", "首批", "开通", "通车", "落地", "开市",
    "演练", "大检查", "推介会", "招聘会", "宣讲", "签约",
];
/// Lists whose words are counted, in the order of the fields of `elements::category::Counts`.
pub const CATEGORY_LISTS: [&[&str]; 8] = [
    PROBLEM_WORDS,
    EXPERIENCE_WORDS,
    RESEARCH_WORDS,
    SPECIAL_WORDS,
    DYNAMIC_TITLE,
    &["调研", "调查", "思考", "报告", "分析"],
    EXPERIENCE_TITLE,
    &["反映"],
];
/// Verbs that make a problem word the object of work done (化解纠纷, 整改隐患, 隐患排查):
/// the text reports the work, not the problem.
pub const SOLVING: &[&str] = &[
    "化解", "整改", "排查", "针对", "解决", "消除", "防范", "排除",
];

// ---- from checks/generic_title.rs ----
/// Words that make a title say something: a change, a finding, a judgement, a result.
pub const TITLE_FINDINGS: &[&str] = &[
    "过半",
    "带富",
    "进入",
    "丰收",
    "开镰",
    "收割",
    "采摘",
    "交付",
    "投运",
    "竣工",
    "落户",
    "启用",
    "并存",
    "增长",
    "上涨",
    "涨价",
    "跌价",
    "走低",
    "攀升",
    "收窄",
    "萎缩",
    "缩水",
    "坍塌",
    "事故",
    "滑坡",
    "延期",
    "停产",
    "停工",
    "拖欠",
    "下降",
    "下滑",
    "下跌",
    "减少",
    "增加",
    "提高",
    "提升",
    "缺口",
    "扩大",
    "突破",
    "达",
    "超",
    "翻",
    "亟待",
    "亟需",
    "需引起",
    "值得关注",
    "引起关注",
    "需关注",
    "隐忧",
    "风险",
    "隐患",
    "难题",
    "短板",
    "问题",
    "困境",
    "矛盾",
    "瓶颈",
    "不足",
    "难",
    "压力",
    "投用",
    "投产",
    "开园",
    "上市",
    "首批",
    "实现",
    "带动",
    "让",
    "破解",
    "化解",
    "探索",
    "推行",
    "模式",
    "机制",
    "新路",
    "撑起",
    "激活",
    "盘活",
    "打造",
    "遇险",
    "突发",
    "反映",
    "火情",
    "降雨",
    "受灾",
    "成功率",
    "增收",
    "缩短",
    "清零",
    "全覆盖",
    "构建",
    "延伸",
    "做大",
    "活化",
];
/// Events that are the fact of a 动态 item.
pub const TITLE_EVENTS: &[&str] = &[
    "召开", "举行", "举办", "启动", "开展", "部署", "出台", "印发", "签约", "开工", "发布", "揭牌",
    "成立", "上线", "完成",
];
/// Units that are a subject without a place name in the title.
/// A city department writes 我市…: the city is the subject.
pub const TITLE_SUBJECTS: &[&str] = &["我市", "全市", "我县", "全县", "我区", "全区"];
pub const TITLE_UNITS: &[&str] = &[
    "局",
    "委",
    "办公室",
    "公司",
    "合作社",
    "学校",
    "医院",
    "法院",
    "检察院",
    "街道",
    "社区",
    "银行",
];

// ---- from checks/incomplete_structure.rs ----
pub const STRUCTURE_RESULT: &[&str] = &[
    "成效",
    "效果",
    "实现",
    "带动",
    "增收",
    "提升",
    "提高",
    "增长",
    "下降",
    "减少",
    "达到",
    "达",
    "累计",
    "成功率",
    "降至",
    "升至",
    "增至",
    "缩短",
    "增加",
    "节约",
    "节省",
];
pub const STRUCTURE_PROBLEM: &[&str] = &[
    "问题", "困难", "短板", "不足", "风险", "隐患", "矛盾", "瓶颈", "难",
];
