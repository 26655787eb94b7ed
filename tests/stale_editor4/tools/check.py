#!/usr/bin/env python3
"""核对脚本（不产生标签）：
1. 每篇稿件的前置信息、标题行、正文字数（汉字数；去空白字符数）；
2. 正文中出现的乡镇/街道名是否属于该稿件所写的县（对照 /work/shared/data/divisions/townships.csv）；
3. 读取手写的 ../stale.toml，打印 earlier 中每篇存档距草稿的天数并确认 1..365；
   对下面 OUTSIDE 中手写列出的“窗口外同主题稿”确认天数 > 365；
4. 对 PARAPHRASED 中手写列出的换说法草稿，打印其标题与同主题存档标题共有的二字串（应为空）。
"""
import csv, os, re, sys, tomllib
from datetime import date

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
sys.path.insert(0, here)
from arch1 import A1
from arch2 import A2
from arch3 import A3
from drafts import D

TOWNS = '/work/shared/data/divisions/townships.csv'
CITIES = {'晋中市', '南平市', '宜昌市'}

# 窗口外的同主题存档（手写，来自 README 主题表）
OUTSIDE = {
    'd01': ['c003', 'c011'], 'd05': ['c010'], 'd06': ['c012'], 'd07': ['c005'],
    'd13': ['c008'], 'd16': ['c004'], 'd20': ['c006'], 'd21': ['c007'], 'd24': ['c002'],
}
# 换说法的草稿及其全部同主题存档（含窗口外，手写）
PARAPHRASED = {
    'd02': ['c017', 'c035', 'c052'],
    'd07': ['c005', 'c015', 'c040', 'c042'],
    'd10': ['c021', 'c022', 'c045', 'c055'],
    'd15': ['c016', 'c024', 'c026', 'c060'],
    'd17': ['c019', 'c034', 'c050', 'c058'],
    'd23': ['c018', 'c025', 'c039', 'c053'],
}

def load(sub):
    out = {}
    for f in sorted(os.listdir(os.path.join(root, sub))):
        if not f.endswith('.txt'):
            continue
        t = open(os.path.join(root, sub, f), encoding='utf-8').read()
        m = re.match(r'---\n标题: (.*)\n单位: (.*)\n日期: (\d{4}-\d\d-\d\d)\n---\n(.*)\n', t)
        assert m, f
        title, unit, d, line = m.groups()
        assert title == line, f
        body = t[m.end():]
        out[f.split('_')[0]] = dict(file=f, title=title, unit=unit, date=date.fromisoformat(d), body=body)
    return out

def main():
    arch, drafts = load('archive'), load('stale')
    print(f'archive {len(arch)}  drafts {len(drafts)}')
    # 1. 字数
    hans, nws = [], []
    for k, v in {**arch, **drafts}.items():
        han = len(re.findall(r'[\u4e00-\u9fff]', v['body']))
        nw = len(re.sub(r'\s', '', v['body']))
        hans.append(han); nws.append(nw)
        if not (350 <= han and nw <= 450):
            print('LENGTH', k, han, nw)
    print(f'正文汉字数 {min(hans)}–{max(hans)}，去空白字数 {min(nws)}–{max(nws)}')
    dates = [v['date'] for v in arch.values()]
    print('archive dates', min(dates), max(dates))
    dd = [v['date'] for v in drafts.values()]
    print('draft dates', min(dd), max(dd))
    # 2. 乡镇
    by_county = {}
    allnames = {}
    with open(TOWNS, encoding='utf-8') as fh:
        for r in csv.DictReader(fh):
            if r['city_name'] not in CITIES:
                continue
            n = r['name']
            for pre in ('当阳市',):
                if n.startswith(pre) and len(n) > 4:
                    n = n[len(pre):]
            by_county.setdefault(r['county_name'], set()).add(n)
            if len(n) >= 3 and n[-1] in '镇乡道' :
                allnames.setdefault(n, set()).add(r['county_name'])
    items = [(f'c{i+1:03d}', it) for i, it in enumerate(sorted(A1 + A2 + A3, key=lambda t: t[1]))]
    items += [(f'd{i+1:02d}', it) for i, it in enumerate(D)]
    bad = 0
    for key, it in items:
        slug, d, unit, county, towns, title, body = it
        for t in towns:
            if t not in by_county.get(county, ()):
                print('TOWN NOT IN COUNTY', key, county, t); bad += 1
            if t not in body and t[:-1] not in body and t[:2] not in body:
                print('TOWN NOT IN BODY', key, t); bad += 1
        for n, cs in allnames.items():
            if n in title + body and county not in cs:
                # 允许“某某镇”作为更长名字的一部分
                print('FOREIGN TOWN?', key, county, n, cs); bad += 1
    print('township problems:', bad)
    # 3. 天数
    lab = tomllib.load(open(os.path.join(root, 'stale.toml'), 'rb'))['draft']
    assert len(lab) == 24
    for e in lab:
        dk = e['file'][:3]
        assert drafts[dk]['file'] == e['file'], e['file']
        dt = drafts[dk]['date']
        parts = []
        for f in e['earlier']:
            ck = f[:4]
            assert arch[ck]['file'] == f, f
            n = (dt - arch[ck]['date']).days
            assert 1 <= n <= 365, (dk, f, n)
            parts.append(f'{ck}:{n}')
        outs = []
        for ck in OUTSIDE.get(dk, []):
            n = (dt - arch[ck]['date']).days
            assert n > 365, (dk, ck, n)
            outs.append(f'{ck}:{n}')
        print(dk, 'stale' if e['stale'] else 'fresh', 'in:', ' '.join(parts) or '-', '| out:', ' '.join(outs) or '-')
    # 4. 标题二字串
    def bigrams(s):
        s = re.sub(r'[^\u4e00-\u9fff]', '|', s)
        return {s[i:i+2] for i in range(len(s) - 1) if '|' not in s[i:i+2]}
    for dk, cs in PARAPHRASED.items():
        tb = bigrams(drafts[dk]['title'])
        shared = {ck: sorted(tb & bigrams(arch[ck]['title'])) for ck in cs}
        print('title', dk, drafts[dk]['title'], {k: v for k, v in shared.items() if v} or 'no shared bigram')

main()
