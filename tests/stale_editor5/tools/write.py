"""把 a1-a5（存档）和 d1-d2（草稿）里手写的稿件落盘，并做格式核对。

- 存档按日期排序后编号 cNNN；草稿编号在 d1/d2 中手工给定。
- 核对：正文去空白后字数 350–450；所列乡镇属于所写县且出现在正文中；
  正文中出现的三市乡镇名是否都属于本县（只报告，不改）。
- 本脚本不产生任何标签。
"""
import csv, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import a1, a2, a3, a4, a5, d1, d2  # noqa: E402

CITIES = {"遵义市", "汉中市", "承德市"}
TOWNS = {}  # county -> set(towns)
ALL = {}    # town -> set(counties)
with open("/work/shared/data/divisions/townships.csv", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        if row["city_name"] in CITIES:
            TOWNS.setdefault(row["county_name"], set()).add(row["name"])
            ALL.setdefault(row["name"], set()).add(row["county_name"])
COUNTIES = set()
with open("/work/shared/data/divisions/counties.csv", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        if row["city_name"] in CITIES:
            COUNTIES.add(row["name"])


def blen(s):
    return len(re.sub(r"\s", "", s))


def render(it):
    return f"---\n标题: {it['title']}\n单位: {it['unit']}\n日期: {it['date']}\n---\n{it['title']}\n{it['body'].strip()}\n"


def check(it, name, problems):
    n = blen(it["body"])
    if not 350 <= n <= 450:
        problems.append(f"{name}: body {n} chars")
    c = it["county"]
    if c not in COUNTIES:
        problems.append(f"{name}: county {c} not in the three cities")
    for t in it["towns"]:
        if t not in TOWNS.get(c, ()):
            problems.append(f"{name}: {t} not in {c}")
        if t not in it["body"]:
            problems.append(f"{name}: {t} listed but not in body")
    for t, cs in ALL.items():
        if len(t) >= 3 and t in it["body"] and c not in cs:
            problems.append(f"{name}: body mentions {t} ({'/'.join(cs)}) but county is {c}")


def main():
    arch = a1.ITEMS + a2.ITEMS + a3.ITEMS + a4.ITEMS + a5.ITEMS
    arch.sort(key=lambda it: (it["date"], it["key"]))
    problems, keymap = [], {}
    os.makedirs(os.path.join(ROOT, "archive"), exist_ok=True)
    os.makedirs(os.path.join(ROOT, "stale"), exist_ok=True)
    for i, it in enumerate(arch, 1):
        name = f"c{i:03d}_{it['slug']}.txt"
        keymap[it["key"]] = name
        check(it, name, problems)
        with open(os.path.join(ROOT, "archive", name), "w", encoding="utf-8") as f:
            f.write(render(it))
    drafts = d1.ITEMS + d2.ITEMS
    for it in drafts:
        name = f"{it['id']}_{it['slug']}.txt"
        check(it, name, problems)
        with open(os.path.join(ROOT, "stale", name), "w", encoding="utf-8") as f:
            f.write(render(it))
    with open(os.path.join(HERE, "keymap.tsv"), "w", encoding="utf-8") as f:
        for it in arch:
            f.write(f"{it['key']}\t{keymap[it['key']]}\t{it['date']}\t{it['title']}\n")
    la = [blen(it["body"]) for it in arch]
    ld = [blen(it["body"]) for it in drafts]
    print(f"archive {len(arch)}: body {min(la)}-{max(la)} avg {sum(la)/len(la):.0f}")
    if ld:
        print(f"drafts {len(drafts)}: body {min(ld)}-{max(ld)} avg {sum(ld)/len(ld):.0f}")
    for p in problems:
        print("PROBLEM", p)


if __name__ == "__main__":
    main()
