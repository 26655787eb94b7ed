#!/usr/bin/env python3
"""把 a1..a4.py、d1..d2.py 里写好的稿件写成文件。只写文件，不产生任何标签。"""
import importlib, os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
MODS = ["a1", "a2", "a3", "a4", "d1", "d2"]

def load():
    items = []
    for m in MODS:
        try:
            items += importlib.import_module(m).ITEMS
        except ModuleNotFoundError:
            pass
    return items

def main():
    for it in load():
        sub = "archive" if it["id"].startswith("c") else "stale"
        fn = os.path.join(ROOT, sub, f'{it["id"]}_{it["slug"]}.txt')
        body = "\n".join(p.strip() for p in it["body"].strip().splitlines() if p.strip())
        text = f'---\n标题: {it["title"]}\n单位: {it["unit"]}\n日期: {it["date"]}\n---\n{it["title"]}\n{body}\n'
        with open(fn, "w", encoding="utf-8") as f:
            f.write(text)
        print(fn)

if __name__ == "__main__":
    main()
