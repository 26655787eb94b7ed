import csv, datetime as dt
from topics import *
T = {}
C = set()
for r in csv.DictReader(open('/work/shared/data/divisions/townships.csv')):
    T.setdefault(r['county_name'], set()).add(r['name'])
for r in csv.DictReader(open('/work/shared/data/divisions/counties.csv')):
    C.add(r['name'])
bad=0
for k,v in list(ARCHIVE.items())+[(k,v[:6]) for k,v in DRAFTS.items()]:
    county, towns = v[2], v[5]
    if county not in C: print("no county", k, county); bad+=1
    for t in towns:
        if t not in T.get(county,()): print("bad town", k, county, t); bad+=1
D=lambda s: dt.date.fromisoformat(s)
for k,v in ARCHIVE.items():
    d=D(v[1])
    if D('2025-10-16')<=d<=D('2025-12-15'): print("band",k)
print("archive", len(ARCHIVE), "drafts", len(DRAFTS), "stale", sum(v[6] for v in DRAFTS.values()), "bad", bad)
# for each draft print days to same-topic items (information only)
for k,v in DRAFTS.items():
    same=[(a, (D(v[1])-D(ARCHIVE[a][1])).days) for a in ARCHIVE if ARCHIVE[a][0]==v[0]]
    print(k, v[0], v[6], v[7], same)
