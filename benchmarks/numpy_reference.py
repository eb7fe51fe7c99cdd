#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Independent reference for Marginal's simulation, in numpy (Debian python3-numpy).

Written from the semantics contract (docs/MODEL.md sections 3 and 5-8), not from the
C++ billing code: a customer's included credits are kept as a ledger of grants by age,
burned oldest first, and the month's figures (invoice lines, breakage, run-out day,
blocked days) are derived from the contract's wording, vectorised over customers.
Two uses:
  * speed baseline: `numpy_reference.py --scenario S --trials N` prints its run time;
  * cross-check: `--compare decision_table.csv` compares, per package x mix x cohort,
    mean revenue, cost and margin, P(margin < 0), overage share, credit utilisation,
    breakage, expired top-ups, blocked credits and days, the share of customers hitting
    the cap, the share of customer-months that ran out and the run-out day P10 / P50
    with the C++ engine's figures (different random numbers: each difference in
    standard errors of the difference, customers as the sampling unit).

Usage: numpy_reference.py --scenario FILE [--trials N] [--seed S] [--compare CSV]
                          [--cpp-trials N] [--max-z Z]
Exit status: 0, or 1 when a compared figure is more than --max-z standard errors off.
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



def profiles(c):
    """Daily weights and cumulative shares for normal and burst months (section 6.3)."""
    w = np.array(c.get("daily_weights", [1.0] * DAYS), dtype=float)
    w = w / w.sum()
    b = c.get("burst")
    if b and b["share"] > 0 and b["probability"] > 0:
        late = np.arange(DAYS) >= DAYS - b["last_days"]
        if w[late].sum() > 0:
            burst = np.where(late, b["share"] * w / w[late].sum(), (1 - b["share"]) * w / w[~late].sum())
        else:
            burst = np.where(late, b["share"] / b["last_days"], (1 - b["share"]) * w / w[~late].sum())
    else:
        burst = w
    out = []
    for weights in (w, burst):
        cum = np.cumsum(weights)
        cum[-1] = 1.0
        out.append((weights, cum))
    return out


def tier_charge(package, credits):
    """Graduated overage: each tier prices the overage credits that fall within it."""
    ov = package.get("overage")
    if ov is None:
        return np.zeros_like(credits)
    tiers = [ov] if isinstance(ov, dict) else ov
    bounds = [t.get("up_to", math.inf) for t in tiers]
    starts = [0.0] + bounds[:-1]
    return sum(tier["price"] * np.clip(credits - lo, 0.0, hi - lo) for tier, lo, hi in zip(tiers, starts, bounds))


def days_reached(cum, fraction):
    """The day (1..30) by whose end a share `fraction` of the month's usage is used."""
    return np.minimum(np.searchsorted(cum, fraction, side="left"), DAYS - 1) + 1


def days_with_usage_after(weights, cum, fraction):
    """Days with usage still to come once a share `fraction` of the month's usage is
    used: those whose end-of-day cumulative share lies beyond it."""
    used = cum[weights > 0]
    return len(used) - np.searchsorted(used, fraction, side="right")


class Account:
    """Included credits by grant age, and prepaid top-up credits (sections 5 and 6.4-6.5)."""

    def __init__(self, package, n):
        roll = package.get("rollover", {"mode": "none"})
        self.mode = roll["mode"]
        self.cap = roll.get("max_balance", 0.0)
        # grants[:, a]: unspent credits granted a months ago. Expiry N: a grant is usable
        # in its month and N more; capped: one pool of rolled-over credits.
        self.ages = {"none": 1, "capped": 2, "expiry": roll.get("months", 0) + 1}[self.mode]
        self.grants = np.zeros((n, self.ages))
        self.topup = np.zeros(n)

    def grant(self, credits):
        self.grants[:, 0] = credits

    def included(self):
        return self.grants.sum(axis=1)

    def burn(self, credits):
        """Burns rolled-over credits oldest first, this month's, then top-ups; returns
        the included credits used."""
        left = credits.copy()
        for a in range(self.ages - 1, -1, -1):
            take = np.minimum(left, self.grants[:, a])
            self.grants[:, a] -= take
            left -= take
        included_used = credits - left
        self.topup -= np.minimum(left, self.topup)
        return included_used

    def month_end(self, topup_expires):
        """Expires what the package says; returns (breakage, expired top-up credits)."""
        if self.mode == "none" or self.ages == 1:
            breakage = self.grants[:, 0].copy()
            self.grants[:, 0] = 0
        elif self.mode == "capped":
            pool = self.grants.sum(axis=1)
            kept = np.minimum(pool, self.cap)
            breakage = pool - kept
            self.grants[:, :] = 0
            self.grants[:, 1] = kept
        else:
            breakage = self.grants[:, -1].copy()
            self.grants[:, 1:] = self.grants[:, :-1].copy()
            self.grants[:, 0] = 0
        expired = self.topup.copy() if topup_expires else np.zeros_like(self.topup)
        if topup_expires:
            self.topup[:] = 0
        return breakage, expired


FIGURES = ("revenue", "cost", "overage", "charges", "used", "breakage", "expired", "blocked",
           "blocked_days", "capped", "runout_months")


def simulate_variant(scn, catalog, package, mix, cohort, tokens, burst, months):
    """One package under one mix for a cohort's drawn usage: per-customer totals over the
    horizon and each customer-month's run-out day (0: did not run out)."""
    n = tokens.shape[0]
    grant = package.get("included_credits", 0.0)
    seats = package.get("seats", 1 if package.get("seat_fee", 0) else 0)
    fixed = package.get("base_fee", 0.0) + seats * package.get("seat_fee", 0.0)
    enforcement = package.get("enforcement", "overage")
    beyond_mode = package.get("after_limit", "block") if enforcement == "auto_topup" else enforcement
    tp = package.get("topup", {})
    fees = package.get("payment_fees", {})
    outcomes = package.get("outcomes", {})
    per_request = outcomes.get("rate_per_request", 0.0) * outcomes.get("price", 0.0)
    tokens_per_request = cohort.get("tokens_per_request", 2000.0)
    (normal_w, normal_cum), (burst_w, burst_cum) = profiles(cohort)
    account = Account(package, n)
    total = {f: np.zeros(n) for f in FIGURES}
    runout_day = np.zeros((n, months), dtype=np.int64)
    for t in range(months):
        credits_per_token, cost_per_tok, throttle_cost = coefficients(scn, catalog, package, mix, cohort, t)
        T = tokens[:, t]
        demand = T * credits_per_token
        account.grant(grant)
        included_start = account.included()
        packs = np.zeros(n)
        if enforcement == "auto_topup":
            # The balance falls as the month's demand is burned; each time it is below the
            # threshold a pack is bought, up to the monthly limit.
            lowest = included_start + account.topup - demand
            short = tp["threshold"] - lowest
            packs = np.where((demand > 0) & (short > 0),
                             np.minimum(np.ceil(short / tp["pack_credits"]), tp["max_packs_per_month"]), 0.0)
            account.topup += packs * tp["pack_credits"]
        balance = account.included() + account.topup
        from_balance = np.minimum(demand, balance)
        excess = demand - from_balance
        served = np.ones(n)  # share of the month's tokens served on the package's models
        overage_credits = np.zeros(n)
        throttled_tokens = np.zeros(n)
        blocked = np.zeros(n)
        blocked_days = np.zeros(n)
        out = excess > 0
        if beyond_mode == "overage":
            overage_credits = excess
        elif out.any():
            served = np.where(out, from_balance / np.where(out, demand, 1.0), 1.0)
            if beyond_mode == "throttle":
                throttled_tokens = T * (1.0 - served)
            else:  # block: days with demand once the balance ran out
                blocked = excess
                who = np.nonzero(out)[0]
                blocked_days[who] = np.where(burst[who, t],
                                             days_with_usage_after(burst_w, burst_cum, served[who]),
                                             days_with_usage_after(normal_w, normal_cum, served[who]))
        used = account.burn(from_balance)
        # The day the included credits (rolled over and this month's) ran out.
        ran_out = (grant > 0) & (demand >= included_start) & (demand > 0)
        who = np.nonzero(ran_out)[0]
        if len(who):
            frac = included_start[who] / demand[who]
            runout_day[who, t] = np.where(burst[who, t], days_reached(burst_cum, frac),
                                          days_reached(normal_cum, frac))
        breakage, expired = account.month_end(tp.get("expires_at_month_end", False))
        served_tokens = T * served
        cost = served_tokens * cost_per_tok + throttled_tokens * throttle_cost
        overage = tier_charge(package, overage_credits)
        outcome = served_tokens / tokens_per_request * per_request
        charges = fixed + overage + packs * tp.get("pack_price", 0.0) + outcome
        true_up = np.maximum(package.get("commit", 0.0) - charges, 0.0)
        invoice = charges + true_up
        fee = np.where(invoice > 0, invoice * fees.get("percent", 0.0) / 100.0 + fees.get("fixed", 0.0), 0.0)
        for name, value in (("revenue", invoice - fee), ("cost", cost), ("overage", overage),
                            ("charges", invoice), ("used", used), ("breakage", breakage),
                            ("expired", expired), ("blocked", blocked), ("blocked_days", blocked_days)):
            total[name] += value
        total["capped"] = np.maximum(total["capped"], (blocked > 0) | (throttled_tokens > 0))
    total["runout_months"] = (runout_day > 0).sum(axis=1).astype(float)
    total["granted"] = grant * months
    return total, runout_day


def draw_usage(cohort, n, months, rng):
    """Sections 6.1-6.3: activity, the AR(1) state, growth, burst months."""
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
    return tokens, burst


def run(scenario_path, trials, seed):
    base = os.path.dirname(os.path.abspath(scenario_path))
    scn = load(os.path.basename(scenario_path), base)
    catalog = load(scn["catalog"], base)
    packages = [load(p, base) for p in scn["packages"]]
    mixes = [load(m, base) for m in scn["mixes"]]
    months = scn["horizon_months"]
    rng = np.random.default_rng(seed)
    results = {}  # (package, mix, cohort) -> (totals, run-out days)
    for cohort in scn["cohorts"]:
        if "growth" in scn:
            cohort = dict(cohort, growth=scn["growth"])
        tokens, burst = draw_usage(cohort, cohort["customers"] * trials, months, rng)
        for package in packages:
            for mix in mixes:
                results[(package["name"], mix["name"], cohort["name"])] = simulate_variant(
                    scn, catalog, package, mix, cohort, tokens, burst, months)
    # The "all" rows pool the cohorts' customers.
    for package in packages:
        for mix in mixes:
            parts = [results[(package["name"], mix["name"], c["name"])] for c in scn["cohorts"]]
            totals = {f: np.concatenate([p[0][f] for p in parts]) for f in FIGURES}
            totals["granted"] = parts[0][0]["granted"]
            results[(package["name"], mix["name"], "all")] = (totals, np.concatenate([p[1] for p in parts]))
    return results, months


def mean_se(x):
    return x.mean(), x.std(ddof=1) / math.sqrt(len(x))


def ratio_se(num, den):
    """Ratio of sums and its standard error by the delta method, customers as units."""
    r = num.sum() / den.sum() if den.sum() != 0 else 0.0
    if den.sum() == 0:
        return r, 0.0
    return r, (num - r * den).std(ddof=1) / math.sqrt(len(num)) / den.mean()


def compare(results, months, csv_path, max_z, cpp_trials, trials):
    with open(csv_path, newline="", encoding="utf-8") as f:
        theirs = {(r["package"], r["mix"], r["cohort"]): r for r in csv.DictReader(f)}
    worst, compared, failures = 0.0, 0, 0

    def check(key, name, ours, se_ours, column, n_ours, n_cpp, se_cpp=None, exact_below=0.0):
        """|ours - C++| in standard errors of the difference, less the table's rounding."""
        nonlocal worst, compared, failures
        text = theirs[key][column]
        theirs_value = float(text)
        decimals = len(text.split(".")[1]) if "." in text else 0
        rounding = 0.5 * 10 ** -decimals
        if se_cpp is None:  # same spread, C++'s sample size
            se_cpp = se_ours * math.sqrt(n_ours / n_cpp)
        se = math.sqrt(se_ours ** 2 + se_cpp ** 2)
        gap = max(0.0, abs(ours - theirs_value) - rounding - exact_below)
        z = gap / se if se > 1e-12 else (0.0 if gap < 1e-9 else math.inf)
        compared += 1
        worst = max(worst, z)
        if z > max_z:
            failures += 1
            print("DIFFERS %s/%s/%s %s: numpy %.6g +- %.3g, C++ %s +- %.3g (z = %.1f)"
                  % (key + (name, ours, se_ours, text, se_cpp, z)))

    for key, (tot, days) in sorted(results.items()):
        row = theirs[key]
        n = len(tot["revenue"])
        n_cpp = n * cpp_trials / trials
        margin = tot["revenue"] - tot["cost"]
        for name, values, column, se_column in (("revenue", tot["revenue"], "mean_revenue_usd", "mean_revenue_se"),
                                                ("cost", tot["cost"], "mean_cost_usd", "mean_cost_se"),
                                                ("margin", margin, "mean_margin_usd", "mean_margin_se")):
            m, se = mean_se(values)
            check(key, name, m, se, column, n, n_cpp, se_cpp=float(row[se_column]))
        negative = (margin < -0.005).astype(float)
        p = negative.mean()
        check(key, "P(margin < 0)", p, math.sqrt(p * (1 - p) / n), "p_margin_negative", n, n_cpp,
              se_cpp=float(row["p_margin_negative_se"]))
        r, se = ratio_se(tot["overage"], tot["charges"])
        check(key, "overage share", r, se, "overage_share", n, n_cpp)
        granted = tot["granted"] * n
        if granted > 0:
            m, se = mean_se(tot["used"])
            check(key, "credit utilisation", m * n / granted, se * n / granted, "credit_utilisation", n, n_cpp)
        for name, field, column in (("breakage", "breakage", "mean_breakage_credits"),
                                    ("expired top-ups", "expired", "mean_topup_expired_credits"),
                                    ("blocked credits", "blocked", "mean_blocked_credits"),
                                    ("blocked days", "blocked_days", "mean_blocked_days"),
                                    ("cap hit share", "capped", "cap_hit_share")):
            m, se = mean_se(tot[field].astype(float))
            check(key, name, m, se, column, n, n_cpp)
        m, se = mean_se(tot["runout_months"] / months)
        check(key, "run-out share", m, se, "runout_share", n, n_cpp)
        # Run-out day quantiles: the C++ day d for q must satisfy F(d - 1) < q <= F(d), F
        # the share of run-out months that ran out on or before a day (customers as units).
        ran = (days > 0).sum(axis=1).astype(float)
        for q, column in ((0.10, "runout_day_p10"), (0.50, "runout_day_p50")):
            if row[column] == "":
                compared += 1
                if ran.sum() > 0:
                    failures += 1
                    print("DIFFERS %s/%s/%s %s: numpy has %d run-out months, C++ none" % (key + (column, ran.sum())))
                continue
            d = int(row[column])
            for day, must_reach in ((d, True), (d - 1, False)):
                upto = ((days > 0) & (days <= day)).sum(axis=1).astype(float)
                share, se = ratio_se(upto, ran)
                se = se * math.sqrt(1 + n / n_cpp)
                gap = q - share if must_reach else share - q
                z = max(0.0, gap) / se if se > 1e-12 else (0.0 if gap <= 1e-12 else math.inf)
                compared += 1
                worst = max(worst, z)
                if z > max_z:
                    failures += 1
                    print("DIFFERS %s/%s/%s %s = %d: numpy F(%d) = %.4f +- %.4f (z = %.1f)"
                          % (key + (column, d, day, share, se, z)))
    print("compared %d figures of %d rows with %s: largest |z| = %.2f, %d over %.1f"
          % (compared, len(results), csv_path, worst, failures, max_z))
    return failures == 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scenario", required=True)
    ap.add_argument("--trials", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--compare")
    ap.add_argument("--cpp-trials", type=int, help="trials behind the compared table (default: --trials)")
    ap.add_argument("--max-z", type=float, default=4.0)
    args = ap.parse_args()
    with open(args.scenario, encoding="utf-8") as f:
        trials = args.trials or json.load(f).get("trials", 100)
    start = time.perf_counter()
    results, months = run(args.scenario, trials, args.seed)
    seconds = time.perf_counter() - start
    with open(args.scenario, encoding="utf-8") as f:
        scn = json.load(f)
    customer_months = sum(c["customers"] for c in scn["cohorts"]) * scn["horizon_months"] * trials
    print("numpy %s: %d trials, %.3g customer-months, %d variants in %.2f s: %.3f M customer-months/s"
          % (np.__version__, trials, customer_months, len(results) // (len(scn["cohorts"]) + 1), seconds,
             customer_months / seconds / 1e6))
    if args.compare and not compare(results, months, args.compare, args.max_z, args.cpp_trials or trials, trials):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
