# -*- coding: utf-8 -*-
"""核对：字数、乡镇归属、县名、日期带、重复对、换说法标题二字词，并按主题表打印天数。不产生标签。"""
import csv, os, re, datetime as dt
from topics import ARCHIVE, DRAFTS, DUP_PAIRS, numbered, draft_files

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
DATA = "/work/shared/data/divisions/"
CITIES = {"5113", "4305", "1504"}
town_county = {}
for r in csv.DictReader(open(DATA + "townships.csv", encoding="utf-8")):
    if r["city_code"] in CITIES:
        town_county.setdefault(r["name"], set()).add(r["county_name"])
counties = {r["name"]: r["city_name"] for r in csv.DictReader(open(DATA + "counties.csv", encoding="utf-8"))
            if r["city_code"] in CITIES}
D = dt.date.fromisoformat
han = lambda s: len(re.findall(r"[\u4e00-\u9fff]", s))
problems = []


def read(path):
    s = open(path, encoding="utf-8").read()
    m = re.match(r"---\n标题: (.+)\n单位: (.+)\n日期: (\d{4}-\d\d-\d\d)\n---\n(.+)\n([\s\S]+)$", s)
    assert m, path
    title, unit, date, t2, body = m.groups()
    assert title == t2, path
    return title, unit, date, body


def check_one(key, v, path, lo, hi):
    title, unit, date, body = read(path)
    if date != v[1]: problems.append((key, "date"))
    n = han(body)
    if not lo <= n <= hi: problems.append((key, "len", n))
    own = v[2]
    text = title + body
    for t in v[5]:
        if t not in text: problems.append((key, "declared town missing", t))
    for t, cs in town_county.items():
        if t in text and own not in cs:
            problems.append((key, "town of other county", t, cs))
    for c in counties:
        if c in text and c != own:
            problems.append((key, "other county named", c))
    for s in ("一是", "二是"):
        if s not in body: problems.append((key, "no " + s))
    return title, n


names, dn = numbered(), draft_files()
atitle, lens = {}, []
for k, v in ARCHIVE.items():
    d = D(v[1])
    if D("2025-10-16") <= d <= D("2025-12-15"): problems.append((k, "date band"))
    atitle[k], n = check_one(k, v, os.path.join(ROOT, "archive", names[k]), 300, 380)
    lens.append(n)
print("archive chars %d-%d" % (min(lens), max(lens)))
dl = []
dtitle = {}
for k, v in DRAFTS.items():
    dtitle[k], n = check_one(k, v, os.path.join(ROOT, "stale", dn[k]), 300, 380)
    dl.append(n)
print("draft chars %d-%d" % (min(dl), max(dl)))

# 重复对：同县、同乡镇、相隔天数
for a, b in DUP_PAIRS:
    va, vb = ARCHIVE[a], ARCHIVE[b]
    assert va[0] == vb[0] and va[2] == vb[2] and va[5] == vb[5] and va[3] != vb[3]
    print("dup", names[a], names[b], (D(vb[1]) - D(va[1])).days, "days apart")


def bigrams(s, drop):
    for c in drop:
        s = s.replace(c, " ")
    s = re.sub(r"[^\u4e00-\u9fff]", " ", s)
    return {s[i:i + 2] for i in range(len(s) - 1) if " " not in s[i:i + 2]}


shortc = [c for c in counties] + [c[:-1] for c in counties if len(c) > 2] + ["城步"]
for k, v in DRAFTS.items():
    same = [a for a in ARCHIVE if ARCHIVE[a][0] == v[0]]
    days = {a: (D(v[1]) - D(ARCHIVE[a][1])).days for a in same}
    inwin = sorted(a for a in same if 1 <= days[a] <= 365)
    if sorted(v[7]) != inwin: problems.append((k, "earlier list differs from in-window same-topic", v[7], inwin))
    near = [d for d in days.values() if abs(d - 365) < 10]
    if near: problems.append((k, "near 365", near))
    if "para" in v[8]:
        db = bigrams(dtitle[k], shortc)
        shared = set()
        for a in same:
            shared |= db & bigrams(atitle[a], shortc)
        print(k, "para title shared bigrams:", shared or "none")
    print(k, v[0], "stale" if v[6] else "fresh", ", ".join("%s:%d" % (names[a][:4], days[a]) for a in sorted(same, key=lambda a: days[a])))
# 全部存档对全部草稿离365线最近的距离
allg = [abs((D(dv[1]) - D(av[1])).days - 365) for dv in DRAFTS.values() for av in ARCHIVE.values()]
print("min distance to 365 line over all pairs:", min(allg))
print("PROBLEMS:", problems if problems else "none")
