import re, csv, sys
sys.path.insert(0, '.')
import a2
from a1 import A
from d import D
import os
ts = {}
for r in csv.DictReader(open('/work/shared/data/divisions/townships.csv')):
    ts.setdefault(r['county_name'], set()).add(r['name'])
def write(d, items):
    for fn, t, u, dt, b in items:
        b = b.strip()
        n = len(re.sub(r'\s', '', b))
        cty = re.match(r'(.+?(县|区|市))', t).group(1)
        if cty == '张家川县': cty = '张家川回族自治县'
        names = set(re.findall(r'([\u4e00-\u9fff]{2,5}?(?:镇|乡|街道))(?:[^\u4e00-\u9fff]|某|、|等|一|部|安|有|的|成|老|搬|香|菇|椒|果|养)', b))
        bad = [x for x in names if x not in ts.get(cty, ())]
        print(fn, dt, n, cty, 'BAD:' + ','.join(bad) if bad else '')
        open(os.path.join('..', d, fn), 'w').write(f"---\n标题: {t}\n单位: {u}\n日期: {dt}\n---\n{t}\n{b}\n")
write('archive', A); write('stale', D)
print(len(A), len(D))
