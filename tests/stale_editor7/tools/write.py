# -*- coding: utf-8 -*-
"""把 a1–a4、d1–d2 中的正文按 topics.py 的日期、单位写成文件。不产生标签。"""
import os
from topics import ARCHIVE, DRAFTS, numbered, draft_files
import a1, a2, a3, a4, d1, d2

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
AT = {}
for m in (a1, a2, a3, a4):
    AT.update(m.TEXTS)
DT = {}
for m in (d1, d2):
    DT.update(m.TEXTS)


def render(title, unit, date, body):
    body = body.strip("\n")
    return "---\n标题: %s\n单位: %s\n日期: %s\n---\n%s\n%s\n" % (title, unit, date, title, body)


def main():
    assert set(AT) == set(ARCHIVE), set(AT) ^ set(ARCHIVE)
    assert set(DT) == set(DRAFTS), set(DT) ^ set(DRAFTS)
    names = numbered()
    for k, v in ARCHIVE.items():
        t, b = AT[k]
        with open(os.path.join(ROOT, "archive", names[k]), "w", encoding="utf-8") as f:
            f.write(render(t, v[3], v[1], b))
    dn = draft_files()
    for k, v in DRAFTS.items():
        t, b = DT[k]
        with open(os.path.join(ROOT, "stale", dn[k]), "w", encoding="utf-8") as f:
            f.write(render(t, v[3], v[1], b))
    print("wrote", len(ARCHIVE), "archive,", len(DRAFTS), "drafts")


if __name__ == "__main__":
    main()
