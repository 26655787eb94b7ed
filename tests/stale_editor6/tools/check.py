#!/usr/bin/env python3
"""核对：正文字数、乡镇归属、日期顺序与范围、编号。
另按 topics.py 里事先写定的主题表打印天数和标题二字共用情况，供人工核对；不输出标签。"""
import csv, os, re, sys, datetime as dt
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from write import load
D = "/work/shared/data/divisions/"
towns = {}
for r in csv.DictReader(open(D + "townships.csv", encoding="utf-8")):
    towns.setdefault(r["county_name"], set()).add(r["name"])
counties = {r["name"]: r["city_name"] for r in csv.DictReader(open(D + "counties.csv", encoding="utf-8"))}
cjk = lambda s: len(re.findall(r"[\u4e00-\u9fff]", s))
items = load()
bad = 0
for it in items:
    n = cjk(it["body"])
    c = it["county"]
    msg = []
    if c not in counties or counties[c] not in ("普洱市", "固原市", "绥化市"):
        msg.append("county?")
    for t in it["towns"]:
        if t not in towns.get(c, ()):
            msg.append("town %s not in %s" % (t, c))
        if t not in it["body"]:
            msg.append("town %s not in body" % t)
    if not 300 <= n <= 420:
        msg.append("len %d" % n)
    d = it["date"]
    if it["id"].startswith("c") and not ("2025-06-01" <= d <= "2026-10-31"):
        msg.append("date")
    if it["id"].startswith("d") and not ("2026-11-01" <= d <= "2026-11-30"):
        msg.append("date")
    if it["id"].startswith("c") and "2025-10-21" <= d <= "2025-12-10":
        msg.append("date in boundary gap")
    if msg:
        bad += 1
    print(it["id"], d, n, c, " ".join(msg))
arc = sorted([i for i in items if i["id"].startswith("c")], key=lambda i: i["id"])
dates = [i["date"] for i in arc]
print("archive", len(arc), "sorted" if dates == sorted(dates) else "NOT SORTED",
      "unique" if len(set(dates)) == len(dates) else "dup dates")
print("drafts", len([i for i in items if i["id"].startswith("d")]), "bad", bad)

# 按事先写定的主题表核对天数与标题二字词
try:
    from topics import DRAFT_TOPIC, ARCH_TOPIC
except ImportError:
    sys.exit()
byid = {i["id"]: i for i in items}
def bigrams(s):
    s = re.sub(r"[^\u4e00-\u9fff]", " ", s)
    return {s[k:k+2] for k in range(len(s) - 1) if " " not in s[k:k+2]}
for did, top in sorted(DRAFT_TOPIC.items()):
    if did not in byid: continue
    d = byid[did]
    dd = dt.date.fromisoformat(d["date"])
    rows = []
    for cid, t in sorted(ARCH_TOPIC.items()):
        if t == top:
            a = byid[cid]
            days = (dd - dt.date.fromisoformat(a["date"])).days
            shared = bigrams(d["title"]) & bigrams(a["title"])
            rows.append("%s:%dd%s" % (cid, days, ("[" + ",".join(sorted(shared)) + "]") if shared else ""))
    print(did, top, " ".join(rows))
