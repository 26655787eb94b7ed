#!/usr/bin/env python3
"""dups_editor4 核对脚本（不产生标签）。

用法：
  python3 tools/check.py            # 每篇：正文汉字数、阿拉伯数字个数分档、乡镇归属；每个标注对：kept5、最长公共串
  python3 tools/check.py --all      # 另外扫描未标注的稿件对，列出 kept5 最高的若干对

kept5：把两篇正文（不含前置信息和标题行）去掉空白，原稿中落在“另一篇也原样出现的连续 5 字片段”
里的字符数 ÷ 原稿字符数。两个方向都算。
"""
import csv, os, re, sys, itertools, tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
ARCH = os.path.join(ROOT, "archive")
DIV = "/work/shared/data/divisions/townships.csv"
CITIES = {"信阳市", "怀化市", "宜宾市"}
SUFFIX = re.compile(r"(侗族苗族乡|土家族乡|苗族乡|瑶族乡|彝族乡|街道|镇|乡)$")


def load(fn):
    t = open(os.path.join(ARCH, fn), encoding="utf-8").read()
    m = re.match(r"---\n标题: (.*)\n单位: (.*)\n日期: (\d{4}-\d\d-\d\d)\n---\n(.*?)\n(.*)$", t, re.S)
    assert m, fn
    title, unit, date, tline, body = m.groups()
    assert tline == title, fn
    return dict(title=title, unit=unit, date=date, body=body.strip())


def cjk(s):
    return len(re.findall(r"[\u4e00-\u9fff]", s))


def nums(s):
    return re.findall(r"\d[\d,.]*", s)


def style(n):
    return "R" if n >= 10 else ("S" if n <= 4 else "M")


def norm(s):
    return re.sub(r"\s", "", s)


def kept5(a, b):
    a, b = norm(a), norm(b)
    grams = {b[i:i + 5] for i in range(len(b) - 4)}
    cov = [False] * len(a)
    for i in range(len(a) - 4):
        if a[i:i + 5] in grams:
            for j in range(i, i + 5):
                cov[j] = True
    return sum(cov) / max(1, len(a))


def lcs(a, b):
    a, b = norm(a), norm(b)
    best = 0
    prev = [0] * (len(b) + 1)
    for i in range(1, len(a) + 1):
        cur = [0] * (len(b) + 1)
        ai = a[i - 1]
        for j in range(1, len(b) + 1):
            if ai == b[j - 1]:
                cur[j] = prev[j - 1] + 1
                if cur[j] > best:
                    best = cur[j]
        prev = cur
    return best


def townships():
    rows = []
    with open(DIV, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["city_name"] in CITIES:
                rows.append((r["name"], SUFFIX.sub("", r["name"]), r["county_name"]))
    return rows


def county_of(d, counties):
    for c in counties:
        if c in d["unit"]:
            return c
    for c in counties:
        if c in d["title"] or c in d["body"]:
            return c
    return None


def main():
    files = sorted(f for f in os.listdir(ARCH) if f.endswith(".txt"))
    docs = {f: load(f) for f in files}
    tw = townships()
    counties = sorted({c for _, _, c in tw}, key=len, reverse=True)
    bad = 0
    styles = {"R": 0, "M": 0, "S": 0}
    print("== 稿件")
    for f in files:
        d = docs[f]
        n = len(nums(d["body"]))
        st = style(n)
        styles[st] += 1
        c = county_of(d, counties)
        found, foreign = set(), set()
        for full, short, cn in tw:
            hit = full in d["body"] or full in d["title"]
            if not hit and len(short) >= 2:
                for m in re.finditer(re.escape(short), d["body"]):
                    nxt = d["body"][m.end():m.end() + 1]
                    if nxt in "镇乡、，等和及" and not d["body"][m.end():].startswith(("县", "乡镇", "镇党委书记")):
                        hit = True
                        break
            if hit:
                (found if cn == c else foreign).add(full if cn == c else f"{full}@{cn}")
        foreign = {x for x in foreign if not any(x.split("@")[0] in g and x.split("@")[0] != g for g in found)}
        flag = []
        L = cjk(d["body"])
        if not 280 <= L <= 450:
            flag.append("LEN")
        if foreign:
            flag.append("FOREIGN:" + ",".join(sorted(foreign)))
        if not ("2025-06-01" <= d["date"] <= "2026-10-31"):
            flag.append("DATE")
        bad += bool(flag)
        print(f"{f:44s} {d['date']} {L:4d}字 数字{n:2d}({st}) {c} 乡镇:{','.join(sorted(found))} {' '.join(flag)}")
    print("风格:", styles, "问题篇数:", bad)
    pairs = tomllib.load(open(os.path.join(ROOT, "pairs.toml"), "rb"))["pair"] if os.path.exists(os.path.join(ROOT, "pairs.toml")) else []
    listed = set()
    print("== 标注对")
    for p in pairs:
        a, b = docs[p["a"]]["body"], docs[p["b"]]["body"]
        listed.add(frozenset((p["a"], p["b"])))
        print(f"{p['kind']:14s} {str(p['duplicate']):5s} {p['a']:40s} {p['b']:40s} kept5 {kept5(a,b):.2f}/{kept5(b,a):.2f} lcs {lcs(a,b)}")
    if "--all" in sys.argv:
        res = []
        for x, y in itertools.combinations(files, 2):
            if frozenset((x, y)) in listed:
                continue
            k = max(kept5(docs[x]["body"], docs[y]["body"]), kept5(docs[y]["body"], docs[x]["body"]))
            res.append((k, x, y))
        res.sort(reverse=True)
        print("== 未标注对 kept5 最高 15 对")
        for k, x, y in res[:15]:
            print(f"{k:.2f} lcs {lcs(docs[x]['body'], docs[y]['body']):3d} {x} {y}")


if __name__ == "__main__":
    main()
