import re, sys, importlib
def n(s): return len(re.findall(r'[\u4e00-\u9fff]', s))
for m in sys.argv[1:]:
    T = importlib.import_module(m).TEXTS
    for k,(t,b) in T.items():
        c=n(b); print(m,k,c, "OUT" if not 300<=c<=380 else "")
