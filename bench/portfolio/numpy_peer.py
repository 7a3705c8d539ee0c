#!/usr/bin/python3
"""numpy peer of the portfolio projection (bench/portfolio.sh).

What a quant would write first: the same GARCH(1,1) model with Student-t
shocks and the same monthly 定投 plan in float64, vectorised over paths with
numpy (one Python step per trading day). Two measurements:

  model   N paths x Y years from numpy's own random numbers: wall time and the
          end-value percentiles, to compare with finlab's distribution (the
          random numbers differ, so only the statistics can agree);
  same    the first K of finlab's exported NAV paths redone in float64 (no
          rounding to the fen or to 0.01 share, 活期宝 income compounded
          without truncation): the largest difference from finlab's exact end
          values, i.e. what exact money changes.

Usage: numpy_peer.py EXPORT_DIR PATHS SEED
"""
import sys
import time

import numpy as np


def read_meta(d):
    meta = {}
    with open(d + "/meta.txt") as f:
        for line in f:
            k, v = line.split()
            meta[k] = v
    return meta


def portfolio_float(nav, div, events, fee_rate):
    """Runs the plan's events over NAV paths (paths x days, yuan) in float64.

    Follows finlab's order of a day: confirmations, dividends (reinvested at
    the ex-date NAV, entitled = shares confirmed by the ex-date), deposits,
    定投 from the 活期宝 balance (skipped when short), then 活期宝 income for
    each natural day to the next trading day (none after the last day).
    """
    paths, days = nav.shape
    gap = events[:, 0]
    deposit = events[:, 1] / 100.0
    invest = events[:, 2] / 100.0
    r = events[:, 3] / 1e8  # 万份收益 (1e-4 yuan per 10,000 shares) -> per yuan per day
    confirmed = np.zeros(paths)  # 活期宝 earning
    pending = np.zeros(paths)  # 活期宝 unconfirmed
    stopping = np.zeros(paths)
    shares = np.zeros(paths)  # confirmed fund shares
    pending_shares = np.zeros(paths)
    for i in range(days):
        confirmed += pending
        pending[:] = 0.0
        stopping[:] = 0.0
        shares += pending_shares
        pending_shares[:] = 0.0
        if div[0, i] > 0:
            pending_shares += shares * div[:, i] / nav[:, i]
        if deposit[i] > 0:
            pending += deposit[i]
        if invest[i] > 0:
            ok = confirmed + pending >= invest[i]
            from_pending = np.minimum(pending, invest[i])
            spend_confirmed = invest[i] - from_pending
            pending = np.where(ok, pending - from_pending, pending)
            confirmed = np.where(ok, confirmed - spend_confirmed, confirmed)
            stopping = np.where(ok, stopping + spend_confirmed, stopping)
            pending_shares += np.where(ok, invest[i] / (1.0 + fee_rate) / nav[:, i], 0.0)
        if i + 1 < days:
            for _ in range(int(gap[i])):
                confirmed += (confirmed + stopping) * r[i]
    return confirmed + pending + (shares + pending_shares) * nav[:, -1]


def garch_paths(paths, days, meta, rng):
    mu_annual = float(meta["annual_return"])
    vol = float(meta["annual_volatility"])
    alpha, beta = float(meta["alpha"]), float(meta["beta"])
    dof = int(meta["dof"])
    limit = float(meta["limit"])
    n = int(meta["trading_days_per_year"])
    long_run = vol * vol / n
    omega = long_run * (1.0 - alpha - beta)
    mu = (1.0 + mu_annual) ** (1.0 / n) - 1.0
    scale = np.sqrt((dof - 2.0) / dof)
    nav = np.empty((paths, days))
    level = np.ones(paths)
    variance = np.full(paths, long_run)
    nav[:, 0] = 1.0
    for i in range(1, days):
        z = rng.standard_t(dof, size=paths) * scale
        ret = np.clip(mu + np.sqrt(variance) * z, -limit, limit)
        level *= 1.0 + ret
        eps = ret - mu
        variance = omega + alpha * eps * eps + beta * variance
        nav[:, i] = level
    return nav


def main():
    d, paths, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    meta = read_meta(d)
    days = int(meta["days"])
    fee_rate = float(meta["fee_rate"])
    events = np.fromfile(d + "/events.bin", dtype="<i8").reshape(days, 4).astype(np.float64)

    # model: the whole projection in numpy (NAV model + plan), timed.
    rng = np.random.default_rng(seed)
    t0 = time.perf_counter()
    nav = garch_paths(paths, days, meta, rng)
    end = portfolio_float(nav, np.zeros((1, days)), events, fee_rate)
    wall = time.perf_counter() - t0
    paid_in = float(meta["paid_in"])
    p5, p50, p95 = np.percentile(end, [5, 50, 95], method="inverted_cdf")
    print("numpy model paths=%d trading_days=%d wall_s=%.3f paths_per_s=%.0f p5=%.2f p50=%.2f p95=%.2f p_below=%.2f%% (numpy %s)"
          % (paths, days, wall, paths / wall, p5, p50, p95, 100.0 * np.mean(end < paid_in), np.__version__))

    # same: finlab's own NAV paths in float64 vs finlab's exact end values.
    k = int(meta["paths"])
    nav = np.fromfile(d + "/nav.bin", dtype="<i8").reshape(k, days) / 1e4
    div = np.fromfile(d + "/div.bin", dtype="<i8").reshape(k, days) / 1e4
    exact = np.fromfile(d + "/end.bin", dtype="<i8") / 100.0
    t0 = time.perf_counter()
    approx = portfolio_float(nav, div, events, fee_rate)
    wall = time.perf_counter() - t0
    diff = approx - exact
    print("numpy same paths=%d engine_wall_s=%.3f max_abs_diff_yuan=%.2f mean_diff_yuan=%.2f (float minus exact)"
          % (k, wall, np.max(np.abs(diff)), np.mean(diff)))


if __name__ == "__main__":
    main()
