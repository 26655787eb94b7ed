"""核对脚本：按编写者事先写定的主题表，打印每篇草稿同主题存档稿的天数，
核对 stale.toml 中 earlier 是否恰为窗口内（1–365 天）的同主题稿，
并核对“换说法”草稿标题与全部同主题存档标题是否共用任何二字组合（汉字二元组）。
本脚本不产生、也不修改标签：stale 的真假由编写者在 stale.toml 中手工给定。
"""
import datetime as dt, os, re, tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# 编写者事先写定的主题表（存档键 -> 主题）；见 README 主题表
TOPICS = {
    "板栗价格/销售": ["T1a", "T1b", "T1c", "T1d", "T1e"],
    "山楂价格": ["T2a"],
    "猕猴桃价格/销售": ["T3a", "T3b", "T3c", "T3d"],
    "辣椒价格": ["T5a", "T5b", "T5c", "T5d", "T5e"],
    "肉牛价格低迷": ["T7a", "T7b", "T7c", "T7d"],
    "白酒小作坊安全": ["T8a", "T8b", "T8c", "T8d"],
    "酒企一线用工": ["T9a", "T9b"],
    "乡镇卫生院药品短缺": ["T10a", "T10b", "T10c"],
    "乡镇卫生院人才流失": ["T11a", "T11b"],
    "山区院前急救": ["T12a", "T12b"],
    "农村污水设施闲置": ["T13a", "T13b", "T13c", "T13d", "T13e"],
    "农村改厕后清掏管护": ["T14a", "T14b"],
    "留守儿童心理健康": ["T15a", "T15b", "T15c", "T15d"],
    "农村客运停运": ["T16a", "T16b", "T16c"],
    "耕地撂荒": ["T17a", "T17b", "T17c", "T17d"],
    "天麻价格": ["T18a", "T18b", "T18c"],
    "农村自建房安全": ["T19a", "T19b", "T19c", "T19d"],
    "电信网络诈骗": ["T20a", "T20b"],
    "农村寄递物流": ["T21a", "T21b", "T21c"],
    "村级光伏电站运维": ["T22a", "T22b"],
    "森林草原防火": ["T23a", "T23b", "T23c"],
    "坝上乡村旅游季节性": ["T24a", "T24b"],
    "寄宿制学校生活老师": ["T25a"],
    "土地流转费拖欠": ["T28a"],
    "方竹笋价格": ["T30a", "T30b"],
    "酱酒市场下行库存": ["T31a"],
    "马铃薯价格": ["T32a", "T32b", "T32c"],
    "非煤矿山安全": ["T34a", "T34b", "T34c"],
}
DRAFT_TOPIC = {
    "d01": "电信网络诈骗", "d02": "留守儿童心理健康", "d03": "肉牛价格低迷",
    "d04": "猕猴桃溃疡病", "d05": "村级光伏电站运维", "d06": "乡镇卫生院药品短缺",
    "d07": "板栗价格/销售", "d08": "耕地撂荒", "d09": "农村学生上下学交通",
    "d10": "白酒小作坊安全", "d11": "天麻价格", "d12": "辣椒价格",
    "d13": "农村寄递物流", "d14": "农村污水设施闲置", "d15": "山楂价格",
    "d16": "农村客运停运", "d17": "肉牛养殖融资", "d18": "板栗低产园改造",
    "d19": "农村改厕后清掏管护", "d20": "辣椒连作病害", "d21": "农村自建房安全",
    "d22": "酒企一线用工", "d23": "乡镇卫生院人才流失", "d24": "老旧小区加装电梯",
}
PARAPHRASED = ["d02", "d06", "d12", "d14", "d16", "d21"]


def front(path):
    txt = open(path, encoding="utf-8").read()
    m = re.search(r"标题: (.*)\n.*\n日期: (\d{4}-\d{2}-\d{2})", txt)
    return m.group(1), dt.date.fromisoformat(m.group(2))


def bigrams(s):
    s = re.sub(r"[^\u4e00-\u9fff]", " ", s)
    return {w[i:i + 2] for w in s.split() for i in range(len(w) - 1)}


def main():
    keymap = {}
    for line in open(os.path.join(HERE, "keymap.tsv"), encoding="utf-8"):
        k, name, *_ = line.rstrip("\n").split("\t")
        keymap[k] = name
    arch = {n: front(os.path.join(ROOT, "archive", n)) for n in keymap.values()}
    labels = tomllib.load(open(os.path.join(ROOT, "stale.toml"), "rb"))["draft"]
    bad = 0
    for d in labels:
        did = d["file"][:3]
        title, date = front(os.path.join(ROOT, "stale", d["file"]))
        topic = DRAFT_TOPIC[did]
        same = [keymap[k] for k in TOPICS.get(topic, [])]
        days = {n: (date - arch[n][1]).days for n in same}
        inwin = sorted(n for n in same if 1 <= days[n] <= 365)
        print(f"{d['file']} {date} stale={d['stale']} topic={topic}")
        for n in same:
            print(f"    {n[:4]} {days[n]:4d}d {'IN ' if n in inwin else 'out'}")
        if sorted(d["earlier"]) != inwin:
            print("    !! earlier differs from window items of topic table"); bad += 1
        if any(360 <= v <= 370 for v in days.values()):
            print("    !! near the 365-day boundary"); bad += 1
        if did in PARAPHRASED:
            tb = bigrams(title)
            shared = {n: tb & bigrams(arch[n][0]) for n in same}
            shared = {n: s for n, s in shared.items() if s}
            print(f"    paraphrase check: {'OK' if not shared else shared}")
            bad += bool(shared)
    print("problems:", bad)


if __name__ == "__main__":
    main()
