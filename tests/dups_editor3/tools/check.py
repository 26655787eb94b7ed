#!/usr/bin/env python3
"""核对脚本（不产生标签）：字数、乡镇归属、5字片段保留率、未标注对扫描、数字个数。
用法：python3 tools/check.py [--all]
"""
import csv, os, re, sys, itertools, tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
ARCH = os.path.join(ROOT, "archive")
DIV = "/work/shared/data/divisions/townships.csv"
CITIES = {"安康市", "黄冈市", "梅州市"}

def load(fn):
    t = open(os.path.join(ARCH, fn), encoding="utf-8").read()
    m = re.match(r"---\n标题: (.*)\n单位: (.*)\n日期: (\d{4}-\d{2}-\d{2})\n---\n(.*?)\n(.*)", t, re.S)
    if not m:
        raise SystemExit(f"bad format: {fn}")
    title, unit, date, tline, body = m.groups()
    return dict(fn=fn, title=title, unit=unit, date=date, tline=tline, body=body.strip())

def han(s):
    return len(re.findall(r"[\u4e00-\u9fff]", s))

def norm(s):
    return re.sub(r"\s", "", s)

def kept5(a, b):
    a, b = norm(a), norm(b)
    grams = {b[i:i+5] for i in range(len(b) - 4)}
    cov = [False] * len(a)
    for i in range(len(a) - 4):
        if a[i:i+5] in grams:
            for j in range(i, i + 5):
                cov[j] = True
    return sum(cov) / max(1, len(a))

def lcs(a, b):
    a, b = norm(a), norm(b)
    best = 0
    prev = [0] * (len(b) + 1)
    for i in range(1, len(a) + 1):
        cur = [0] * (len(b) + 1)
        ai = a[i-1]
        for j in range(1, len(b) + 1):
            if ai == b[j-1]:
                cur[j] = prev[j-1] + 1
                if cur[j] > best:
                    best = cur[j]
        prev = cur
    return best

def numbers(s):
    return re.findall(r"\d[\d,.]*", s)

def main():
    rows = [r for r in csv.DictReader(open(DIV, encoding="utf-8")) if r["city_name"] in CITIES]
    counties = sorted({r["county_name"] for r in rows}, key=len, reverse=True)
    towns = []
    for r in rows:
        n = r["name"]
        if not re.search(r"(镇|乡|街道)$", n):
            continue
        short = re.sub(r"(街道|镇|乡)$", "", n)
        towns.append((n, short, r["county_name"]))
    files = sorted(f for f in os.listdir(ARCH) if f.endswith(".txt"))
    docs = {f: load(f) for f in files}
    bad = 0
    print("== 文件：汉字数 / 数字个数 / 县 / 乡镇")
    for f, d in docs.items():
        cty = [c for c in counties if c in d["unit"] or c in d["title"]]
        cty = cty[0] if cty else None
        h = han(d["body"])
        found = set()
        for n, short, c in towns:
            if len(short) >= 2 and (short + "镇" in d["body"] or short + "乡" in d["body"] or short + "街道" in d["body"] or re.search(short + r"[、，等和与两0-9]", d["body"])):
                found.add((n, c))
        wrong = [n for n, c in found if c != cty and not any(n == n2 and c2 == cty for n2, c2 in found)]
        flag = []
        if not (280 <= h <= 450): flag.append("LEN")
        if cty is None: flag.append("NOCOUNTY")
        if wrong: flag.append("TOWN?" + "/".join(sorted(wrong)))
        if d["title"] != d["tline"]: flag.append("TITLE")
        if flag: bad += 1
        print(f"{f:55s} {h:4d} {len(numbers(d['body'])):3d} {cty} {','.join(sorted(n for n,c in found if c==cty))} {' '.join(flag)}")
    pairs = tomllib.load(open(os.path.join(ROOT, "pairs.toml"), "rb"))["pair"] if os.path.exists(os.path.join(ROOT, "pairs.toml")) else []
    listed = set()
    print("\n== 标注对 kept5（a→b, b→a），最长公共串")
    for p in pairs:
        a, b = docs[p["a"]], docs[p["b"]]
        listed.add(frozenset((p["a"], p["b"])))
        print(f"{p['kind']:14s} {str(p['duplicate']):5s} {kept5(a['body'], b['body']):.2f} {kept5(b['body'], a['body']):.2f} lcs={lcs(a['body'], b['body']):3d}  {p['a']} | {p['b']}")
    if "--all" in sys.argv:
        print("\n== 未标注对 kept5 最高的 15 对")
        res = []
        for x, y in itertools.combinations(files, 2):
            if frozenset((x, y)) in listed: continue
            k = max(kept5(docs[x]["body"], docs[y]["body"]), kept5(docs[y]["body"], docs[x]["body"]))
            res.append((k, x, y))
        res.sort(reverse=True)
        for k, x, y in res[:15]:
            print(f"{k:.2f} lcs={lcs(docs[x]['body'], docs[y]['body']):3d} {x} | {y}")
    from collections import Counter
    def bucket(n):
        return "rich(>=10)" if n >= 10 else ("sparse(<=4)" if n <= 4 else "mid(5-9)")
    print("\n== 阿拉伯数字个数分档（描述用，不是标签）:", dict(Counter(bucket(len(numbers(d["body"]))) for d in docs.values())))
    print("\nflagged files:", bad)

if __name__ == "__main__":
    main()
