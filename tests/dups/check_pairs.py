#!/usr/bin/env python3
"""检查 pairs.toml：能否解析、文件是否齐全，并计算每对稿件的字符 5-gram 相似度。

用法：python3 tests/dups/check_pairs.py [--all]
  Jaccard   = |A∩B| / |A∪B|
  包含度     = |A∩B| / min(|A|,|B|)
  A、B 为去掉空白和标点后（含标题行）的字符 5-gram 集合；
  shared_quote 对另给出去掉 quote 字段所列引文后的数值。
"""
import os, re, sys, tomllib, itertools, collections

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = ["resubmission", "light_edit", "contained", "recycled",
         "heavy_edit", "same_topic", "shared_quote", "unrelated"]
DUP = {"resubmission": True, "light_edit": True, "contained": True, "recycled": True,
       "heavy_edit": True, "same_topic": False, "shared_quote": False, "unrelated": False}

def norm(t):
    return re.sub(r"[\W_]+", "", t)          # 去掉空白和标点，保留汉字、字母、数字

def grams(t, n=5):
    t = norm(t)
    return {t[i:i + n] for i in range(len(t) - n + 1)}

def sims(a, b):
    A, B = grams(a), grams(b)
    inter = len(A & B)
    return inter / len(A | B), inter / min(len(A), len(B))

def hanzi(t):
    return len(re.findall(r"[\u4e00-\u9fff]", t))

def main():
    with open(os.path.join(HERE, "pairs.toml"), "rb") as f:
        pairs = tomllib.load(f)["pair"]
    texts, errors = {}, []
    for p in pairs:
        for k in ("a", "b", "duplicate", "kind", "note"):
            if k not in p:
                errors.append(f"pair {p} missing {k}")
        if p.get("kind") not in KINDS:
            errors.append(f"unknown kind {p.get('kind')}")
        elif p["duplicate"] != DUP[p["kind"]]:
            errors.append(f"{p['a']}–{p['b']}: duplicate={p['duplicate']} 与 kind={p['kind']} 不符")
        for k in ("a", "b"):
            path = os.path.join(HERE, p[k])
            if not os.path.exists(path):
                errors.append(f"missing file {p[k]}")
            else:
                texts[p[k]] = open(path, encoding="utf-8").read()
        if p.get("kind") == "shared_quote":
            q = p.get("quote", "")
            for k in ("a", "b"):
                if q and q not in texts.get(p[k], ""):
                    errors.append(f"quote not found verbatim in {p[k]}")
    on_disk = sorted(f for f in os.listdir(HERE) if f.endswith(".txt"))
    for f in on_disk:
        if f not in texts:
            errors.append(f"{f} is not in any pair")
    seen = collections.Counter(tuple(sorted((p["a"], p["b"]))) for p in pairs)
    errors += [f"duplicate pair {k}" for k, v in seen.items() if v > 1]

    by_kind = collections.defaultdict(list)
    print(f"{'kind':13} {'dup':5} {'Jacc':>5} {'cont':>5} {'Jq':>5} {'cq':>5}  a / b")
    for p in pairs:
        a, b = texts[p["a"]], texts[p["b"]]
        j, c = sims(a, b)
        jq = cq = None
        if p["kind"] == "shared_quote" and p.get("quote"):
            jq, cq = sims(a.replace(p["quote"], "\n"), b.replace(p["quote"], "\n"))
        by_kind[p["kind"]].append((j, c, jq, cq))
        extra = f"{jq:5.2f} {cq:5.2f}" if jq is not None else f"{'':5} {'':5}"
        print(f"{p['kind']:13} {str(p['duplicate']):5} {j:5.2f} {c:5.2f} {extra}  {p['a']} / {p['b']}")
    print()
    for k in KINDS:
        v = by_kind.get(k)
        if not v:
            continue
        js = [x[0] for x in v]; cs = [x[1] for x in v]
        line = f"{k:13} n={len(v):2}  Jaccard {min(js):.2f}–{max(js):.2f}  包含度 {min(cs):.2f}–{max(cs):.2f}"
        if v[0][2] is not None:
            line += f"  去引文后 Jaccard {min(x[2] for x in v):.2f}–{max(x[2] for x in v):.2f}" \
                    f" 包含度 {min(x[3] for x in v):.2f}–{max(x[3] for x in v):.2f}"
        print(line)
    sizes = {f: hanzi(t) for f, t in texts.items()}
    print(f"\n{len(on_disk)} 篇稿件，{len(pairs)} 对；汉字数 {min(sizes.values())}–{max(sizes.values())}")
    if "--all" in sys.argv:   # 未标注的稿件对中相似度最高的几对
        labelled = set(seen)
        rest = sorted(((sims(texts[x], texts[y])[1], x, y) for x, y in itertools.combinations(sorted(texts), 2)
                       if (x, y) not in labelled), reverse=True)[:10]
        print("未标注对中包含度最高的 10 对：")
        for c, x, y in rest:
            print(f"  {c:.2f}  {x} / {y}")
    for e in errors:
        print("ERROR:", e)
    sys.exit(1 if errors else 0)

if __name__ == "__main__":
    main()
