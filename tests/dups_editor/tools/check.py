#!/usr/bin/env python3
"""校验脚本：只用来数字数、量“保留措辞”、核对共享段落；不生成任何数据。
用法: python3 tools/check.py [pairs|all|len|grep WORD]"""
import os, re, sys, difflib, itertools
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

def load(path):
    t = open(path, encoding='utf-8').read()
    m = re.match(r'---\n(.*?)\n---\n(.*?)\n(.*)$', t, re.S)
    assert m, path
    fm = dict(l.split(': ', 1) for l in m.group(1).splitlines())
    return fm, m.group(2), m.group(3)

def norm(s):
    return re.sub(r'\s+', '', s)

def kept(a, b, k=5):
    """a 的字符中，落在“b 里也出现的 k 字连续片段”之内的比例（与顺序无关）。"""
    grams = {b[i:i+k] for i in range(len(b)-k+1)}
    cov = [False]*len(a)
    for i in range(len(a)-k+1):
        if a[i:i+k] in grams:
            for j in range(i, i+k): cov[j] = True
    return sum(cov)/max(1, len(a))

def seqratio(a, b):
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(bl.size for bl in sm.get_matching_blocks() if bl.size >= 4)/max(1, len(a))

def items(sub='archive'):
    d = os.path.join(ROOT, sub)
    return {f: load(os.path.join(d, f)) for f in sorted(os.listdir(d)) if f.endswith('.txt')}

def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else 'len'
    arch = items()
    if mode == 'len':
        for f, (fm, t, b) in arch.items():
            n = len(norm(b))
            flag = '' if 200 <= n <= 2500 else '  <-- LENGTH'
            assert fm['标题'] == t, f
            print(f, fm['日期'], fm['单位'], n, flag)
    elif mode == 'pair':
        a, b = sys.argv[2], sys.argv[3]
        A, B = norm(arch[a][2]), norm(arch[b][2])
        print(f'kept5(a->b)={kept(A,B):.2f} kept5(b->a)={kept(B,A):.2f} seq(a->b)={seqratio(A,B):.2f}')
    elif mode == 'pairs':
        import tomllib
        P = tomllib.load(open(os.path.join(ROOT, 'pairs.toml'), 'rb'))['pair']
        for p in P:
            A, B = norm(arch[p['a']][2]), norm(arch[p['b']][2])
            print(f"{p['kind']:15s} {p['a'][:30]:30s} {p['b'][:30]:30s} k5={kept(A,B):.2f}/{kept(B,A):.2f} seq={seqratio(A,B):.2f}")
    elif mode == 'all':
        import tomllib
        P = tomllib.load(open(os.path.join(ROOT, 'pairs.toml'), 'rb'))['pair']
        lab = {frozenset((p['a'], p['b'])): p['kind'] for p in P}
        names = list(arch)
        res = []
        for x, y in itertools.combinations(names, 2):
            A, B = norm(arch[x][2]), norm(arch[y][2])
            res.append((max(kept(A,B), kept(B,A)), x, y, lab.get(frozenset((x, y)), '-')))
        res.sort(reverse=True)
        for r in res[:int(sys.argv[2]) if len(sys.argv) > 2 else 90]:
            print(f'{r[0]:.2f} {r[3]:15s} {r[1]} {r[2]}')
    elif mode == 'shared':
        # 最长公共子串
        a, b = sys.argv[2], sys.argv[3]
        A, B = norm(arch[a][2]), norm(arch[b][2])
        sm = difflib.SequenceMatcher(None, A, B, autojunk=False)
        m = sm.find_longest_match(0, len(A), 0, len(B))
        print(m.size, A[m.a:m.a+m.size])

if __name__ == '__main__':
    main()
