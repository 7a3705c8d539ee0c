#!/usr/bin/python3
"""scikit-learn peer for bench/credit.sh: a plain logistic regression on the
same split as finlab's scorecard.

  sklearn_baseline.py matrix DIR     X_train.f64 / X_test.f64 / y_*.f64 written by
                                     finlab_bench_credit train (NaN = missing)
  sklearn_baseline.py csv FILE TARGET BAD SPLIT_COLUMN
                                     a CSV with a train/test column (categoricals
                                     one-hot encoded)

Preprocessing (the usual "plain" pipeline): median imputation with missing
indicators, standardisation, LogisticRegression(lbfgs, C=1.0, max_iter=2000).
Prints key=value lines: test_auc, fit_s (LogisticRegression.fit only) and
prep_s (imputation + scaling)."""
import sys
import time

import numpy as np
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.preprocessing import StandardScaler


def fit_and_report(x_train, y_train, x_test, y_test, label):
    t0 = time.process_time()
    imputer = SimpleImputer(strategy="median", add_indicator=True)
    scaler = StandardScaler()
    a = scaler.fit_transform(imputer.fit_transform(x_train))
    b = scaler.transform(imputer.transform(x_test))
    prep = time.process_time() - t0
    model = LogisticRegression(solver="lbfgs", C=1.0, max_iter=2000)
    t0 = time.process_time()
    w0 = time.perf_counter()
    model.fit(a, y_train)
    fit = time.process_time() - t0
    fit_wall = time.perf_counter() - w0
    # Higher probability of bad = riskier; AUC of P(bad) against bad.
    auc = roc_auc_score(y_test, model.predict_proba(b)[:, 1])
    print(f"sklearn {label} rows={len(y_train)} columns={a.shape[1]} iterations={int(model.n_iter_[0])} "
          f"prep_cpu_s={prep:.3f} fit_cpu_s={fit:.3f} fit_wall_s={fit_wall:.3f} test_auc={auc:.4f}")


def run_matrix(d):
    n_train, n_test, p = (int(v) for v in open(f"{d}/shape.txt").read().split())
    xa = np.fromfile(f"{d}/X_train.f64", dtype=np.float64).reshape(n_train, p)
    xb = np.fromfile(f"{d}/X_test.f64", dtype=np.float64).reshape(n_test, p)
    ya = np.fromfile(f"{d}/y_train.f64", dtype=np.float64).astype(int)
    yb = np.fromfile(f"{d}/y_test.f64", dtype=np.float64).astype(int)
    fit_and_report(xa, ya, xb, yb, "matrix")


def number(s):
    s = s.strip().replace(",", "")
    try:
        return float(s)
    except ValueError:
        return None


def run_csv(path, target, bad, split_col):
    import csv
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    ti, si = header.index(target), header.index(split_col)
    features = [i for i in range(len(header)) if i not in (ti, si)]
    missing = {"", "NA", "N/A", "NaN", "nan", "NULL", "null", "None", "?"}
    columns = []
    for i in features:
        cells = [r[i].strip() for r in rows]
        present = [c for c in cells if c not in missing]
        if present and all(number(c) is not None for c in present):
            columns.append(np.array([number(c) if c not in missing else np.nan for c in cells])[:, None])
        else:  # one-hot, missing as its own level
            levels = sorted(set(cells))
            columns.append(np.array([[1.0 if c == lv else 0.0 for lv in levels] for c in cells]))
    x = np.hstack(columns)
    y = np.array([1 if r[ti].strip() == bad else 0 for r in rows])
    split = np.array([r[si].strip().lower() for r in rows])
    tr, te = split == "train", split == "test"
    fit_and_report(x[tr], y[tr], x[te], y[te], "csv")


if __name__ == "__main__":
    if sys.argv[1] == "matrix":
        run_matrix(sys.argv[2])
    else:
        run_csv(*sys.argv[2:6])
