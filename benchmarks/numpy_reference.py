#!/usr/bin/env python3
"""Reference implementation of Marginal's simulation in numpy (Debian python3-numpy).

Same semantics as the C++ engine (docs/MODEL.md section 6), written
independently and vectorised over customers, for two uses:
  * speed baseline: `numpy_reference.py --scenario S --trials N` prints its run time;
  * cross-check: `--compare decision_table.csv` compares its per-customer means with the
    C++ engine's (different random numbers, so within combined standard errors).

Usage: numpy_reference.py --scenario FILE [--trials N] [--seed S] [--compare CSV] [--max-z Z]
Exit status: 0, or 1 when a compared mean is more than --max-z standard errors off.
"""
import argparse
import csv
import json
import math
import os
import sys
import time

import numpy as np

DAYS = 30


def load(path, base):
    if isinstance(path, dict):
        return path
    with open(os.path.join(base, path), encoding="utf-8") as f:
        return json.load(f)


def month_date(start, t):
    y, m = int(start[:4]), int(start[5:7]) + t
    y += (m - 1) // 12
    m = (m - 1) % 12 + 1
    return "%04d-%02d-01" % (y, m)


def prices_at(catalog, repricing, model, start, t):
    date = month_date(start, t)
    entry = next(m for m in catalog["models"] if m["id"] == model)
    points = sorted(entry["prices"], key=lambda p: p["effective"])
    p = [q for q in points if q["effective"] <= date][-1]
    inp = p["input"]
    prices = {
        "input": inp,
        "cached_input": p.get("cached_input", inp),
        "cache_write_5m": p.get("cache_write_5m", inp),
        "output": p["output"],
        "batch": p.get("batch_multiplier", 1.0),
    }
    prices["cache_write_1h"] = p.get("cache_write_1h", prices["cache_write_5m"])
    for e in repricing:
        if e["model"] == model and e["month"] <= t:
            for k, f in e["scale"].items():
                prices[k] *= f
    return prices


def class_shares(c):
    out = c.get("output_share", 0.2)
    inp = 1 - out
    cached, write = c.get("cached_share", 0.0), c.get("cache_write_share", 0.0)
    h = c.get("cache_write_1h_share", 0.0)
    return dict(uncached=inp * (1 - cached - write), cached=inp * cached, w5=inp * write * (1 - h),
                w1=inp * write * h, output=out)


def cost_per_token(p, s, batch_share):
    per_m = (s["uncached"] * p["input"] + s["cached"] * p["cached_input"] + s["w5"] * p["cache_write_5m"]
             + s["w1"] * p["cache_write_1h"] + s["output"] * p["output"])
    return per_m / 1e6 * (1 - batch_share + batch_share * p["batch"])


def coefficients(scn, catalog, package, mix, cohort, t):
    s = class_shares(cohort)
    shares = mix["cohorts"].get(cohort["name"], mix["cohorts"].get("default"))
    burn = package["burn"]
    cost = credits = 0.0
    for model, w in shares.items():
        mc = cost_per_token(prices_at(catalog, scn.get("repricing", []), model, scn["start_month"], t), s,
                            cohort.get("batch_share", 0.0))
        cost += w * mc
        if burn["type"] == "cost_plus":
            credits += w * mc * burn["credits_per_usd"]
        else:
            r = burn["rates"].get(model, burn["rates"].get("*"))
            inp = r["input"]
            credits += w * (s["uncached"] * inp + s["cached"] * r.get("cached_input", inp)
                            + (s["w5"] + s["w1"]) * r.get("cache_write", inp) + s["output"] * r["output"]) / 1e6
    credits += burn.get("credits_per_request", 0.0) / cohort.get("tokens_per_request", 2000.0)
    throttle = 0.0
    if package.get("enforcement") == "throttle":
        throttle = cost_per_token(prices_at(catalog, scn.get("repricing", []), package["throttle_model"],
                                            scn["start_month"], t), s, cohort.get("batch_share", 0.0))
    return credits, cost, throttle


def cumulative_profiles(c):
    w = np.array(c.get("daily_weights", [1.0] * DAYS), dtype=float)
    normal = np.cumsum(w) / w.sum()
    b = c.get("burst")
    if not b:
        return normal, normal
    first = DAYS - b["last_days"]
    early, late = w[:first].sum(), w[first:].sum()
    daily = np.concatenate([(1 - b["share"]) * w[:first] / early, b["share"] * w[first:] / late])
    return normal, np.cumsum(daily) / daily.sum()


def overage_charge(package, credits):
    ov = package.get("overage")
    if ov is None:
        return np.zeros_like(credits)
    tiers = [ov] if isinstance(ov, dict) else ov
    charge, lower = np.zeros_like(credits), 0.0
    for tier in tiers:
        upper = tier.get("up_to", math.inf)
        charge += np.clip(np.minimum(credits, upper) - lower, 0, None) * tier["price"]
        lower = upper
    return charge


def simulate_variant(scn, catalog, package, mix, cohort, tokens, burst, months):
    n = tokens.shape[0]
    included = package.get("included_credits", 0.0)
    fixed = package.get("base_fee", 0.0) + package.get("seats", 1 if package.get("seat_fee", 0) else 0) * package.get("seat_fee", 0.0)
    roll = package.get("rollover", {"mode": "none"})
    buckets = {"none": 0, "capped": 1, "expiry": roll.get("months", 0)}[roll["mode"]]
    rolled = np.zeros((n, max(buckets, 1)))
    topup = np.zeros(n)
    tp = package.get("topup", {})
    enforcement = package.get("enforcement", "overage")
    after = package.get("after_limit", "block")
    fees = package.get("payment_fees", {})
    outcome_value = package.get("outcomes", {}).get("rate_per_request", 0) * package.get("outcomes", {}).get("price", 0)
    commit = package.get("commit", 0.0)
    normal_cum, burst_cum = cumulative_profiles(cohort)
    revenue = np.zeros(n)
    cost = np.zeros(n)
    for t in range(months):
        k, c_tok, c_thr = coefficients(scn, catalog, package, mix, cohort, t)
        T = tokens[:, t]
        demanded = T * k
        rolled_total = rolled[:, :buckets].sum(axis=1) if buckets else np.zeros(n)
        balance = rolled_total + included + topup
        packs = np.zeros(n)
        if enforcement == "auto_topup":
            need = (demanded > 0) & (balance - demanded < tp["threshold"])
            packs = np.where(need, np.minimum(np.ceil((demanded + tp["threshold"] - balance) / tp["pack_credits"]),
                                              tp["max_packs_per_month"]), 0)
            topup = topup + packs * tp["pack_credits"]
            balance = balance + packs * tp["pack_credits"]
        from_balance = np.minimum(demanded, balance)
        shortfall = demanded - from_balance
        mode = enforcement if enforcement != "auto_topup" else after
        served_share = np.ones(n)
        overage_credits = np.zeros(n)
        throttled = np.zeros(n)
        if mode == "overage":
            overage_credits = shortfall
        else:
            served_share = np.where(shortfall > 0, from_balance / np.where(demanded > 0, demanded, 1), 1.0)
            if mode == "throttle":
                throttled = np.where(shortfall > 0, T * (1 - served_share), 0.0)
        # Burn: rolled-over (oldest first), included, then top-up.
        to_burn = from_balance.copy()
        for a in range(buckets - 1, -1, -1):
            used = np.minimum(to_burn, rolled[:, a])
            rolled[:, a] -= used
            to_burn -= used
        included_used = np.minimum(to_burn, included)
        to_burn -= included_used
        topup = np.maximum(0.0, topup - to_burn)
        left = included - included_used
        if roll["mode"] == "capped":
            rolled[:, 0] = np.minimum(rolled[:, 0] + left, roll["max_balance"])
        elif roll["mode"] == "expiry" and buckets:
            rolled[:, 1:buckets] = rolled[:, 0:buckets - 1].copy()
            rolled[:, 0] = left
        if tp.get("expires_at_month_end"):
            topup[:] = 0
        served = T * served_share
        month_cost = served * c_tok + throttled * c_thr
        charges = (fixed + overage_charge(package, overage_credits) + packs * tp.get("pack_price", 0.0)
                   + served / cohort.get("tokens_per_request", 2000.0) * outcome_value)
        invoice = charges + np.maximum(0.0, commit - charges)
        fee = np.where(invoice > 0, invoice * fees.get("percent", 0.0) / 100 + fees.get("fixed", 0.0), 0.0)
        revenue += invoice - fee
        cost += month_cost
    return revenue, cost


def run(scenario_path, trials, seed):
    base = os.path.dirname(os.path.abspath(scenario_path))
    scn = load(os.path.basename(scenario_path), base)
    catalog = load(scn["catalog"], base)
    packages = [load(p, base) for p in scn["packages"]]
    mixes = [load(m, base) for m in scn["mixes"]]
    months = scn["horizon_months"]
    rng = np.random.default_rng(seed)
    rows = []
    for cohort in scn["cohorts"]:
        if "growth" in scn:
            cohort = dict(cohort, growth=scn["growth"])
        n = cohort["customers"] * trials
        rho = cohort.get("rho", 0.0)
        z = rng.standard_normal(n)
        tokens = np.empty((n, months))
        burst = np.zeros((n, months), dtype=bool)
        log_growth = math.log1p(cohort.get("growth", 0.0))
        b = cohort.get("burst")
        for t in range(months):
            if t > 0:
                z = rho * z + math.sqrt(1 - rho * rho) * rng.standard_normal(n)
            active = rng.random(n) < cohort["p_active"]
            if b and b["share"] > 0 and b["probability"] > 0:
                burst[:, t] = rng.random(n) < b["probability"]
            tokens[:, t] = np.where(active, np.exp(cohort["mu"] + t * log_growth + cohort["sigma"] * z), 0.0)
        for package in packages:
            for mix in mixes:
                revenue, cost = simulate_variant(scn, catalog, package, mix, cohort, tokens, burst, months)
                margin = revenue - cost
                rows.append(dict(package=package["name"], mix=mix["name"], cohort=cohort["name"], n=n,
                                 mean_revenue=revenue.mean(), se_revenue=revenue.std(ddof=1) / math.sqrt(n),
                                 mean_cost=cost.mean(), se_cost=cost.std(ddof=1) / math.sqrt(n),
                                 mean_margin=margin.mean(), se_margin=margin.std(ddof=1) / math.sqrt(n),
                                 p_negative=(margin < -0.005).mean()))
    return rows


def compare(rows, csv_path, max_z):
    with open(csv_path, newline="", encoding="utf-8") as f:
        theirs = {(r["package"], r["mix"], r["cohort"]): r for r in csv.DictReader(f)}
    worst = 0.0
    for r in rows:
        other = theirs[(r["package"], r["mix"], r["cohort"])]
        for field in ("revenue", "cost", "margin"):
            a, sa = r["mean_" + field], r["se_" + field]
            b, sb = float(other["mean_%s_usd" % field]), float(other["mean_%s_se" % field])
            se = math.sqrt(sa * sa + sb * sb)
            # Deterministic figures (a flat fee with no usage charge) have no error:
            # then they must agree to the cent.
            z = abs(a - b) / se if se > 1e-9 else (0.0 if abs(a - b) < 0.006 else math.inf)
            worst = max(worst, z)
            if z > max_z:
                print("DIFFERS %s/%s/%s %s: numpy %.4f +- %.4f, C++ %.4f +- %.4f (z = %.1f)"
                      % (r["package"], r["mix"], r["cohort"], field, a, sa, b, sb, z))
    print("compared %d rows x 3 means with %s: largest |z| = %.2f" % (len(rows), csv_path, worst))
    return worst <= max_z


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scenario", required=True)
    ap.add_argument("--trials", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--compare")
    ap.add_argument("--max-z", type=float, default=5.0)
    args = ap.parse_args()
    with open(args.scenario, encoding="utf-8") as f:
        trials = args.trials or json.load(f).get("trials", 100)
    start = time.perf_counter()
    rows = run(args.scenario, trials, args.seed)
    seconds = time.perf_counter() - start
    with open(args.scenario, encoding="utf-8") as f:
        scn = json.load(f)
    customer_months = sum(c["customers"] for c in scn["cohorts"]) * scn["horizon_months"] * trials
    print("numpy %s: %d trials, %.3g customer-months, %d variants in %.2f s: %.3f M customer-months/s"
          % (np.__version__, trials, customer_months, len(rows) // len(scn["cohorts"]), seconds,
             customer_months / seconds / 1e6))
    if args.compare and not compare(rows, args.compare, args.max_z):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
