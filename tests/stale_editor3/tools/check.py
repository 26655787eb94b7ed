# 只用于核对：按预先写定的主题表算窗口天数、列出标题共用的二字片段。不产生标签。
import datetime as dt, re, glob, os
def meta(p):
    s=open(p).read(); t=re.search(r'标题: (.*)',s).group(1); d=re.search(r'日期: (.*)',s).group(1)
    return t, dt.date.fromisoformat(d)
topic = {  # archive topic as decided when writing
 '芒果':['c001','c004'],'花椒':['c002','c028'],'宅基地':['c003','c015','c027'],'野猪':['c005','c021','c035'],
 '生猪价格':['c006','c019','c030'],'村医养老':['c007','c016','c029'],'欠薪':['c008','c023'],'农机补贴':['c009','c024','c034'],
 '集体经济':['c010','c036'],'搬迁后续':['c011','c012','c022','c031'],'山茱萸':['c013'],'地灾':['c014','c025','c032'],
 '香菇':['c017','c018'],'苹果':['c020','c033'],'减负':['c026']}
dups=[('c011','c012'),('c017','c018')]
draft = {'d01':None,'d02':'农机补贴','d03':None,'d04':'生猪价格','d05':None,'d06':'宅基地','d07':'花椒','d08':'搬迁后续',
 'd09':'减负','d10':'欠薪','d11':'香菇','d12':'村医养老','d13':'芒果','d14':'地灾','d15':None,'d16':'野猪'}
A={os.path.basename(p)[:4]:(os.path.basename(p),)+meta(p) for p in glob.glob('../archive/*.txt')}
assert sorted(sum(topic.values(),[]))==sorted(A)
for p in sorted(glob.glob('../stale/*.txt')):
    k=os.path.basename(p)[:3]; t,d=meta(p); tp=draft[k]
    ins=[]; outs=[]
    for a in topic.get(tp,[]):
        days=(d-A[a][2]).days
        (ins if 0<days<=365 else outs).append((a,days))
    cnt=len(ins)-sum(1 for x,y in dups if x in dict(ins) and y in dict(ins))
    bg=lambda s:{s[i:i+2] for i in range(len(s)-1)}
    shared=set()
    for a,_ in ins: shared|=bg(A[a][1])&bg(t)
    print(k,tp,'in',ins,'out',outs,'count',cnt,'stale' if cnt>=2 else 'fresh','| shared bigrams:',sorted(shared))
