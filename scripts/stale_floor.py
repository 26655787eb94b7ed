#!/usr/bin/env python3
"""How far a bag-of-words topic rule can go on the labelled stale-topic sets (issue 19).

Reads the dumps of `examples/topic_dump.rs` (one per set, see below), rebuilds the topic words
exactly as `src/index/topics.rs` does (title words ×3, sub-words ½, no places, figures, long
quotations or generic words, synonyms merged), weights them by idf over the set's archive and
measures, per set, the agreement of "≥ 2 distinct earlier items within 365 days are on the
draft's topic" with the labels in `stale.toml`, for several families of rules:

  cosine       one cut-off on the cosine of the two topic vectors (what ships)
  bigrams      character bigrams, and a half-and-half mix with the word cosine
  second       an item below the cut-off counts when it is near an item above it
  no-top       the cosine without its largest shared concept (a shared object alone)
  learned      a logistic model over 7 pair features, each set held out in turn

The idf here is counted over the topic words of the archive, where the index counts its body
terms, so single figures can differ from the binary's by a draft (dups_editor: 0.750 here,
0.792 from `xinjian check --index`).

    for s in dups_editor dups_editor2 stale_editor3 stale_editor4 stale_editor5 stale_editor6; do
        cargo run --release -q --example topic_dump -- tests/$s > /tmp/$s.jsonl; done
    python3 scripts/stale_floor.py /tmp
"""
import datetime
import json
import math
import os
import re
import sys
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SETS = ['dups_editor', 'dups_editor2', 'stale_editor3', 'stale_editor4', 'stale_editor5',
        'stale_editor6']
DUMPS = sys.argv[1] if len(sys.argv) > 1 else '/tmp'


def generic():
    src = open(os.path.join(ROOT, 'src/index/topics.rs'), encoding='utf-8').read()
    return set(re.findall(r'"([^"]+)"', src.split('pub const GENERIC')[1].split('];')[0]))


GENERIC = generic()


def is_han(c):
    return '\u4e00' <= c <= '\u9fff' or '\u3400' <= c <= '\u4dbf'


def day(s):
    return datetime.date.fromisoformat(s)


def load(s):
    docs, pairs = [], []
    for line in open(os.path.join(DUMPS, f'{s}.jsonl'), encoding='utf-8'):
        j = json.loads(line)
        (pairs.append(tuple(j['pair'])) if 'pair' in j else docs.append(j))
    lab = {x['file']: x for x in tomllib.load(
        open(os.path.join(ROOT, 'tests', s, 'stale.toml'), 'rb'))['draft']}
    return ([x for x in docs if x['kind'] == 'archive'], [x for x in docs if x['kind'] == 'stale'],
            pairs, lab)


def words(doc, title_only=False):
    out = {}
    for w, in_title, place, quoted, subs, head in doc['segs']:
        if len(w) < 2 or not all(map(is_han, w)) or w in GENERIC or place or quoted:
            continue
        if title_only and not in_title:
            continue
        weight = 3.0 if in_title else 1.0
        if len(w) >= 3:
            for s in subs:
                if s not in GENERIC:
                    out[s] = out.get(s, 0) + weight * 0.5
        k = head or w
        out[k] = out.get(k, 0) + weight
    return out


def bigrams(doc):
    out, run, run_title = {}, '', None

    def flush():
        for i in range(len(run) - 1):
            out[run[i:i + 2]] = out.get(run[i:i + 2], 0) + (3 if run_title else 1)
    for w, in_title, place, quoted, _, _ in doc['segs']:
        if place or quoted or not all(map(is_han, w)) or w in GENERIC or (run and run_title != in_title):
            flush()
            run = ''
            if place or quoted or not all(map(is_han, w)) or w in GENERIC:
                continue
        run += w
        run_title = in_title
    flush()
    return out


def vector(counts, df, n):
    v = {w: (1 + math.log(tf)) * (math.log((n + 1) / (df.get(w, 0) + 1)) + 1)
         for w, tf in counts.items() if tf > 0}
    norm = math.sqrt(sum(x * x for x in v.values()))
    return {w: x / norm for w, x in v.items()} if norm else v


def cos(a, b):
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b[w] for w, x in a.items() if w in b)


def distinct(names, pairs):
    parent = {i: i for i in names}

    def root(x):
        while parent[x] != x:
            x = parent[x]
        return x
    for a, b in pairs:
        if a in parent and b in parent:
            ra, rb = root(a), root(b)
            parent[max(ra, rb)] = min(ra, rb)
    return len({root(i) for i in names})


class Set:
    """One labelled set with its vectors and every in-window (draft, item) pair's features."""

    def __init__(self, s):
        self.name = s
        self.arch, self.drafts, self.pairs, self.lab = load(s)
        docs = self.arch + self.drafts
        kinds = {'w': words, 'b': bigrams, 't': lambda d: words(d, title_only=True)}
        self.v = {}
        for k, f in kinds.items():
            counts = {d['file']: f(d) for d in docs}
            df = {}
            for a in self.arch:
                for w in counts[a['file']]:
                    df[w] = df.get(w, 0) + 1
            self.v[k] = {f_: vector(c, df, len(self.arch)) for f_, c in counts.items()}
        self.rows = []
        for d in self.drafts:
            earlier = set(self.lab[d['file']].get('earlier', []))
            for a in self.arch:
                if a['date'] and 1 <= (day(d['date']) - day(a['date'])).days <= 365:
                    self.rows.append(self.features(d['file'], a['file'], a['file'] in earlier))

    def features(self, d, a, y):
        W, B, T = self.v['w'], self.v['b'], self.v['t']
        vd, va = W[d], W[a]
        shared = {w: vd[w] * va[w] for w in vd if w in va}
        top = max(shared, key=shared.get) if shared else ''
        no_top = sum(x for w, x in shared.items()
                     if not (top in w or w in top or len(set(w) & set(top)) >= 2))
        return dict(d=d, a=a, y=y, cos=cos(vd, va), big=cos(B[d], B[a]),
                    tvs=(cos(T[d], va) + cos(T[a], vd)) / 2, tt=cos(T[d], T[a]),
                    covd=sum(vd[w] ** 2 for w in shared), cova=sum(va[w] ** 2 for w in shared),
                    mn=min(cos(T[d], va), cos(T[a], vd)), notop=no_top)

    def agreement(self, near):
        """`near(rows of one draft)` → the items on its topic; agreement with the labels."""
        by = {}
        for r in self.rows:
            by.setdefault(r['d'], []).append(r)
        ok = sum((distinct(near(by.get(d['file'], [])), self.pairs) >= 2)
                 == self.lab[d['file']]['stale'] for d in self.drafts)
        return ok, len(self.drafts)


def report(label, sets, near):
    got = [s.agreement(near) for s in sets]
    per = [a / n for a, n in got]
    pooled = sum(a for a, _ in got) / sum(n for _, n in got)
    print(f'{label:34} ' + ' '.join(f'{x:.3f}' for x in per) + f'  pooled {pooled:.3f}  min {min(per):.3f}')
    return per


def cut(feature, t):
    return lambda rows: [r['a'] for r in rows if r[feature] >= t]


def second_order(s, t, low, pair):
    W = s.v['w']

    def near(rows):
        core = [r['a'] for r in rows if r['cos'] >= t]
        extra = [r['a'] for r in rows if low <= r['cos'] < t
                 and any(cos(W[r['a']], W[c]) >= pair for c in core)]
        return core + extra
    return near


FEATURES = ['cos', 'big', 'tvs', 'tt', 'covd', 'cova', 'mn']


def fit(rows, epochs=300, rate=0.05, l2=1e-3):
    x = lambda r: [1.0] + [r[f] * 10 for f in FEATURES]
    data = [(x(r), 1) for r in rows if r['y']] * 3 + [(x(r), 0) for r in rows if not r['y'] and r['cos'] > 0.05]
    w = [0.0] * (len(FEATURES) + 1)
    for _ in range(epochs):
        g = [0.0] * len(w)
        for xs, y in data:
            p = 1 / (1 + math.exp(-max(-30, min(30, sum(a * b for a, b in zip(w, xs))))))
            for i, xi in enumerate(xs):
                g[i] += (p - y) * xi
        w = [wi - rate * (gi / len(data) + l2 * wi) for wi, gi in zip(w, g)]
    return lambda r: sum(a * b for a, b in zip(w, x(r)))


def main():
    sets = [Set(s) for s in SETS]
    print('sets:', ' '.join(s.name for s in sets))
    for t in [0.13, 0.15, 0.17, 0.19, 0.21]:
        report(f'cosine ≥ {t}', sets, cut('cos', t))
    for t in [0.10, 0.11, 0.12]:
        report(f'bigram cosine ≥ {t}', sets, cut('big', t))
    for t in [0.12, 0.13, 0.14]:
        report(f'½ word + ½ bigram ≥ {t}', sets,
               lambda rows, t=t: [r['a'] for r in rows if (r['cos'] + r['big']) / 2 >= t])
    for t, low, pair in [(0.19, 0.10, 0.2), (0.17, 0.10, 0.4), (0.21, 0.12, 0.3)]:
        got = [s.agreement(second_order(s, t, low, pair)) for s in sets]
        per = [a / n for a, n in got]
        print(f'{"second order " + str((t, low, pair)):34} ' + ' '.join(f'{x:.3f}' for x in per)
              + f'  pooled {sum(a for a, _ in got) / sum(n for _, n in got):.3f}  min {min(per):.3f}')
    for t in [0.11, 0.12, 0.13]:
        report(f'no-top cosine ≥ {t}', sets, cut('notop', t))
    # Learned: each set held out, the model and its cut-off chosen on the other five.
    held = []
    for i, s in enumerate(sets):
        train = [x for j, x in enumerate(sets) if j != i]
        score = fit([r for x in train for r in x.rows])
        best = max((sum(x.agreement(lambda rows: [r['a'] for r in rows if score(r) >= t])[0]
                        for x in train), t) for t in [k / 10 for k in range(-40, 41)])
        a, n = s.agreement(lambda rows: [r['a'] for r in rows if score(r) >= best[1]])
        held.append(a / n)
    print(f'{"learned, each set held out":34} ' + ' '.join(f'{x:.3f}' for x in held)
          + f'  min {min(held):.3f}')
    pos = sorted(r['cos'] for s in sets for r in s.rows if r['y'])
    neg = sorted((r['cos'] for s in sets for r in s.rows if not r['y']), reverse=True)
    print(f'same-topic pairs: {len(pos)}, lowest cosines:', [round(x, 3) for x in pos[:8]])
    print('other pairs, highest cosines:', [round(x, 3) for x in neg[:8]])
    print('same-topic pairs below 0.17:', sum(x < 0.17 for x in pos),
          ' other pairs at or above 0.17:', sum(x >= 0.17 for x in neg))


if __name__ == '__main__':
    main()
