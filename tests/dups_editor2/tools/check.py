#!/usr/bin/env python3
"""独立核对脚本（不读工具代码）：字数、5字片段覆盖率（保留措辞）、最长公共串、未标注对扫描、标题用词核对。
用法: python3 tools/check.py len | pairs | scan [阈值] | pair A B | titles"""
import os, re, sys, itertools, tomllib
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ARC = os.path.join(ROOT, 'archive'); STL = os.path.join(ROOT, 'stale')

def load(path):
    t = open(path, encoding='utf-8').read()
    m = re.match(r'---\n(.*?)\n---\n(.*)', t, re.S)
    assert m, path
    fm = dict(l.split(': ', 1) for l in m.group(1).split('\n'))
    lines = m.group(2).strip('\n').split('\n')
    assert lines[0].strip() == fm['标题'].strip(), ('title line', path)
    body = re.sub(r'\s', '', ''.join(lines[1:]))
    return fm, body

def grams(s, n=5):
    return {s[i:i+n] for i in range(len(s)-n+1)}

def kept(a, b, n=5):
    g = grams(b, n); cov = [False]*len(a)
    for i in range(len(a)-n+1):
        if a[i:i+n] in g:
            for j in range(i, i+n): cov[j] = True
    return sum(cov)/len(a)

def lcs(a, b):
    # longest common substring (DP over a with rolling)
    best = 0; prev = [0]*(len(b)+1)
    for i in range(1, len(a)+1):
        cur = [0]*(len(b)+1)
        ai = a[i-1]
        for j in range(1, len(b)+1):
            if ai == b[j-1]:
                cur[j] = prev[j-1]+1
                if cur[j] > best: best = cur[j]
        prev = cur
    return best

def allfiles(d):
    return {f: load(os.path.join(d, f)) for f in sorted(os.listdir(d)) if f.endswith('.txt')}

def cjk(s): return len(re.findall(r'[\u4e00-\u9fff]', s))

if __name__ == '__main__':
    cmd = sys.argv[1] if len(sys.argv) > 1 else 'pairs'
    A = allfiles(ARC)
    if cmd == 'len':
        for d in (A, allfiles(STL)):
            for f, (fm, b) in d.items():
                flag = '' if 300 <= cjk(b) and len(b) <= 700 else '  <-- check'
                print(f'{f:50s} {fm["日期"]} cjk={cjk(b)} all={len(b)}{flag}')
    elif cmd == 'pairs':
        P = tomllib.load(open(os.path.join(ROOT, 'pairs.toml'), 'rb'))['pair']
        for p in P:
            a, b = A[p['a']][1], A[p['b']][1]
            print(f"{p['kind']:15s} {p['a'][:30]:30s} {p['b'][:30]:30s} kept5 {kept(a,b):.2f}/{kept(b,a):.2f} lcs={lcs(a,b)}")
    elif cmd == 'pair':
        a, b = A[sys.argv[2]][1], A[sys.argv[3]][1]
        print(f'kept5 {kept(a,b):.2f}/{kept(b,a):.2f} lcs={lcs(a,b)}')
    elif cmd == 'scan':
        thr = float(sys.argv[2]) if len(sys.argv) > 2 else 0.08
        listed = set()
        try:
            for p in tomllib.load(open(os.path.join(ROOT, 'pairs.toml'), 'rb'))['pair']:
                listed.add(frozenset((p['a'], p['b'])))
        except FileNotFoundError: pass
        S = allfiles(STL); allf = {**A, **{'stale/'+k: v for k, v in S.items()}}
        for x, y in itertools.combinations(sorted(allf), 2):
            if frozenset((x, y)) in listed: continue
            a, b = allf[x][1], allf[y][1]
            k = max(kept(a, b), kept(b, a))
            if k >= thr: print(f'{x[:34]:34s} {y[:34]:34s} kept5 {k:.2f} lcs={lcs(a,b)}')
    elif cmd == 'titles':
        T = tomllib.load(open(os.path.join(ROOT, 'stale.toml'), 'rb'))['draft']
        S = allfiles(STL)
        for d in T:
            t = S[d['file']][0]['标题']
            for e in d['earlier']:
                et = A[e][0]['标题']
                common = sorted({t[i:i+2] for i in range(len(t)-1)} & {et[i:i+2] for i in range(len(et)-1)})
                print(d['file'][:28], '|', e[:30], '| shared bigrams:', ' '.join(common))
