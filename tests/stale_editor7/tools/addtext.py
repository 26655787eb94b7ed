import sys
def apply(fname, adds):
    src = open(fname, encoding='utf-8').read()
    for k, lst in adds.items():
        start = src.index('TEXTS["%s"]' % k)
        end = src.index('""")', start)
        seg = src[start:end]
        for a, ins in lst:
            assert seg.count(a) == 1, (k, a, seg.count(a))
            seg = seg.replace(a, a + ins)
        src = src[:start] + seg + src[end:]
    open(fname, 'w', encoding='utf-8').write(src)
