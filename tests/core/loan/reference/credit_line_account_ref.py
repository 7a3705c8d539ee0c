# Independent reference for the credit-line worked example (tests/core/loan/credit_line_account_test.cpp).
from fractions import Fraction as F
from datetime import date, timedelta
from decimal import Decimal, ROUND_HALF_UP
def rnd(x):  # Fraction yuan -> fen half up
    q = Decimal(x.numerator) / Decimal(x.denominator)
    return F(str(q.quantize(Decimal('0.01'), ROUND_HALF_UP)))
annual=F(30,100); r=annual/12; daily=annual/360
pen_daily=min(daily*F(3,2), F(36,100)/360)   # 45% cut to the 36% cap
def schedule(P,n):
    P=F(P); A=rnd(P*r*(1+r)**n/((1+r)**n-1)); B=P; out=[]
    for k in range(1,n+1):
        I=rnd(B*r)
        pr = A-I if k<n else B
        out.append((pr,I)); B-=pr
    return out
def addm(d,m):
    y=d.year+(d.month-1+m)//12; mo=(d.month-1+m)%12+1; return date(y,mo,d.day)
draws=[(date(2024,1,10),3000,3),(date(2024,1,25),6000,6),(date(2024,2,15),1200,3)]
def next_st(d):
    s=date(d.year,d.month,1)
    while s<=d: s=addm(s,1)
    return s
sched={}  # statement date -> list of (draw, period, pr, I)
for di,(d,P,n) in enumerate(draws):
    st=next_st(d)
    for k,(pr,I) in enumerate(schedule(P,n)):
        sched.setdefault(addm(st,k),[]).append([di+1,k+1,pr,I]); 
# print draws
for di,(d,P,n) in enumerate(draws):
    print("draw",di+1,[(float(pr),float(I)) for pr,I in schedule(P,n)])
pays={date(2024,2,23):None, date(2024,3,28):F(500)}
bills=[]  # dict
until=date(2024,5,10)
accel=None; missed=0; credit=F(0)
stmts=[]
day=draws[0][0]; paid_p=F(0); pen_paid_total=F(0); int_paid=F(0)
drawn=F(0)
while day<=until:
    if day.day==1 and day>draws[0][0]:
        due=day+timedelta(20); ge=due+timedelta(3)
        past=sum(b['p']-b['pp']+b['i']-b['ip'] for b in bills)
        pen=sum(max(rnd(b['pen'])-b['penp'],0) if b['late'] else 0 for b in bills)
        new=F(0); idx=len(stmts)
        if accel is None:
            for dr,per,pr,I in sched.get(day,[]):
                bills.append(dict(draw=dr,per=per,st=idx,due=due,ge=ge,p=pr,i=I,pp=F(0),ip=F(0),pen=F(0),penp=F(0),late=False)); new+=pr+I
        stmts.append(dict(date=day,due=due,ge=ge,new=new,past=past,pen=pen,total=new+past+pen,minimum=min(new+past+pen, rnd(new*F(1,10))+past+pen),paid=None,missed=False,items=new>0))
    for d,P,n in draws:
        if d==day: drawn+=P
    amt=None
    if day in pays:
        amt=pays[day]
        if amt is None:  # pay the first statement's new bills in full
            amt=stmts[0]['new']
    if amt is not None:
        for b in bills:
            if b['late']:
                x=min(max(rnd(b['pen'])-b['penp'],0),amt); b['penp']+=x; amt-=x; pen_paid_total+=x
            x=min(b['i']-b['ip'],amt); b['ip']+=x; amt-=x; int_paid+=x
            x=min(b['p']-b['pp'],amt); b['pp']+=x; amt-=x; paid_p+=x
            if b['pp']==b['p'] and b['ip']==b['i'] and not b['late']: b['pen']=F(0)
        for k,s in enumerate(stmts):
            if s['paid'] is None and s['items'] and all(b['pp']==b['p'] and b['ip']==b['i'] for b in bills if b['st']==k): s['paid']=day
    for b in bills:
        if day>b['due']:
            b['pen']+=(b['p']-b['pp']+b['i']-b['ip'])*pen_daily
        if day==b['ge'] and not (b['pp']==b['p'] and b['ip']==b['i']): b['late']=True
    for s in stmts:
        if s['ge']==day and s['items']:
            s['missed']= s['paid'] is None
            missed = missed+1 if s['missed'] else 0
            if s['missed'] and missed>=2 and accel is None:
                accel=day+timedelta(1)
                for di,(d,P,n) in enumerate(draws):
                    rest=F(P)-sum(b['p'] for b in bills if b['draw']==di+1)
                    if rest>0: bills.append(dict(draw=di+1,per=0,st=-1,due=accel,ge=accel,p=rest,i=F(0),pp=F(0),ip=F(0),pen=F(0),penp=F(0),late=False))
    day+=timedelta(1)
f=lambda x: "%.2f"%float(x)
for s in stmts: print(s['date'],'due',s['due'],'new',f(s['new']),'past',f(s['past']),'pen',f(s['pen']),'total',f(s['total']),'min',f(s['minimum']),'paid',s['paid'],'missed',s['missed'])
print('accel',accel)
pen_out=sum(max(rnd(b['pen'])-b['penp'],0) for b in bills if b['late'])
print('principal_outstanding',f(drawn-paid_p),'penalty_out',f(pen_out),'pen_paid',f(pen_paid_total),'int_paid',f(int_paid),'principal_paid',f(paid_p))
print('overdue_p',f(sum(b['p']-b['pp'] for b in bills if b['due']<until)),'overdue_i',f(sum(b['i']-b['ip'] for b in bills if b['due']<until)))
print('total_due',f(sum(b['p']-b['pp']+b['i']-b['ip'] for b in bills)+pen_out))
for b in bills: print(b['draw'],b['per'],b['due'],f(b['p']),f(b['i']),'pen',f(rnd(b['pen'])),'paid',f(b['pp']),f(b['ip']),f(b['penp']),b['late'])
