# Independent reference values (python floats, bisection) for tests/core/loan/all_in_cost_test.cpp,
# tests/sim/policy_caps_test.cpp and tests/cli/loan_caps_cli_test.cpp. Run: python3 all_in_cost_ref.py
# independent reference values (python floats, bisection) for the tests
from datetime import date, timedelta
def xirr_daily(flows):  # flows: [(date, amount)] ; returns daily rate i solving sum a/(1+i)^(d-d0)
    d0=flows[0][0]
    f=lambda i: sum(a/(1+i)**((d-d0).days) for d,a in flows)
    lo,hi=-0.5,1.0
    for _ in range(300):
        m=(lo+hi)/2
        if f(m)>0: lo=m
        else: hi=m
    return (lo+hi)/2
def irr(flows):
    f=lambda i: sum(a/(1+i)**k for k,a in enumerate(flows))
    lo,hi=-0.5,1.0
    for _ in range(300):
        m=(lo+hi)/2
        if f(m)>0: lo=m
        else: hi=m
    return (lo+hi)/2
# 30-day bullet: 10000 at 0.05%/day, 50 insurance deducted, 100 guarantee at maturity
s=date(2021,6,1); e=s+timedelta(30)
i=xirr_daily([(s,-9950),(e,10000+150+100)])
print("bullet30 apr %.6f ear %.6f"%(i*365*100, ((1+i)**365-1)*100))
# example F flat fee 0.6%
i=irr([-12000]+[1072]*12); print("F apr %.4f ear %.4f"%(i*1200, ((1+i)**12-1)*100))
i=irr([-50000]+[50000/12+350]*12); print("F5 %.4f ear %.4f"%(i*1200, ((1+i)**12-1)*100))
# 12 month bullet 18%
i=irr([-10000]+[0]*11+[11800]); print("bullet12 %.4f"%(i*1200))
i=irr([-9901]+[941.80]*11+[941.81]); print("extras apr %.4f"%(i*1200))
from decimal import Decimal, ROUND_HALF_UP
r=Decimal('0.000999')*360/12
P=Decimal(10000)
A=(P*r*(1+r)**3/((1+r)**3-1)).quantize(Decimal('0.01'),ROUND_HALF_UP)
B=P; pays=[]
for k in range(3):
    I=(B*r).quantize(Decimal('0.01'),ROUND_HALF_UP)
    if k<2: pr=A-I; pays.append(A)
    else: pr=B; pays.append(B+I)
    B-=pr
print(A,pays)
i=irr([-9000]+[float(x) for x in pays]); print("fee10 apr %.4f"%(i*1200))
