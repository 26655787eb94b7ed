#!/usr/bin/env python3
"""把 arch1/2/3.py、drafts.py 里手写的正文写成 archive/cNNN_slug.txt 和 stale/dNN_slug.txt。
编号按日期排序（同日按列表顺序）。本脚本不产生任何标签。"""
import os, sys
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
from arch1 import A1
from arch2 import A2
from arch3 import A3
from drafts import D

root = os.path.dirname(here)

def render(slug, date, unit, county, towns, title, body):
    return f"---\n标题: {title}\n单位: {unit}\n日期: {date}\n---\n{title}\n{body.strip()}\n"

def write_all(items, sub, prefix, width):
    d = os.path.join(root, sub)
    os.makedirs(d, exist_ok=True)
    for f in os.listdir(d):
        if f.endswith('.txt'):
            os.remove(os.path.join(d, f))
    items = sorted(enumerate(items), key=lambda t: (t[1][1], t[0]))
    names = []
    for n, (_, it) in enumerate(items, 1):
        name = f"{prefix}{n:0{width}d}_{it[0]}.txt"
        with open(os.path.join(d, name), 'w', encoding='utf-8') as fh:
            fh.write(render(*it))
        names.append((name, it[1], it[2]))
    return names

if __name__ == '__main__':
    A = A1 + A2 + A3
    for name, date, unit in write_all(A, 'archive', 'c', 3):
        print(date, name, unit)
    for name, date, unit in write_all(D, 'stale', 'd', 2):
        print(date, name, unit)
