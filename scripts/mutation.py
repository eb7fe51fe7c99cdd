#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Mutation check: do the tests notice a small, plausible bug?

Usage:
  scripts/mutation.py [MUTANTS...] [--build-dir DIR] [--threshold PCT] [--only ID,...]
                      [--jobs N] [--run-equivalent] [--list]

  MUTANTS     mutant files (default: every tests/mutation/*.mutants)
  --build-dir where the copy of the tree and its build live (default build/mutation)
  --threshold the lowest kill rate, in %, that passes (default 90)
  --only      run only these mutant ids (comma-separated)
  --jobs      parallel build and test jobs (default 2)
  --run-equivalent  also run the mutants marked equivalent (they should survive)
  --list      check and list the mutants without running them

A mutant file holds JSON lines, one mutant a line (blank lines and lines starting with
`//` are skipped):
  {"id": "...", "file": "path/from/repo/root", "find": "exact text", "replace": "text",
   "why": "what plausible bug this is"}
`find` must occur exactly once in the file. A mutant that cannot be told apart from the
original by any test (it computes the same thing) carries an "equivalent" member with the
argument; it is reported apart and not counted as a survivor.

How it runs: the working tree (without build folders and .git) is copied once into
DIR/src and built there (Release, -DMARGINAL_BUILD_GUI=OFF unless a mutant is in views/,
benchmarks off) and the whole ctest suite must pass. Then, for each mutant, the file is
patched, the tree rebuilt incrementally, ctest run (stopping at the first failure: first
the tests that took under 5 s in the baseline, then, if they all pass, the slower ones),
and the file restored. A mutant is killed when any test
fails (or times out), survives when all pass; one that does not compile is reported as
such and not counted. Prints one line per mutant, the totals, the kill rate and the time
the run took; exits 1 when the kill rate is under --threshold (2 on a setup error).

The copy is built with shared layers (-DMARGINAL_SHARED_LIBS=ON), so a mutant in a .cpp
file recompiles that file and relinks its library, not every test. A mutant in a header
such as simulator/engine/MonthBilling.h still recompiles what includes it. With ccache
installed, set CCACHE_BASEDIR to a folder above both the tree and DIR (e.g. the tree's
parent) so the first build reuses the objects of your own build/rel.
"""
import argparse
import glob
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REQUIRED = ("id", "file", "find", "replace", "why")


def load_mutants(paths):
    mutants, ids = [], set()
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                text = line.strip()
                if not text or text.startswith("//"):
                    continue
                where = "%s:%d" % (os.path.relpath(path, ROOT), number)
                try:
                    m = json.loads(text)
                except json.JSONDecodeError as e:
                    raise SystemExit("%s: not JSON: %s" % (where, e))
                missing = [k for k in REQUIRED if not isinstance(m.get(k), str)]
                if missing:
                    raise SystemExit("%s: missing or not text: %s" % (where, ", ".join(missing)))
                if m["id"] in ids:
                    raise SystemExit("%s: duplicate id %s" % (where, m["id"]))
                source = os.path.join(ROOT, m["file"])
                if not os.path.isfile(source):
                    raise SystemExit("%s: %s: no such file" % (where, m["file"]))
                with open(source, encoding="utf-8") as s:
                    count = s.read().count(m["find"])
                if count != 1:
                    raise SystemExit("%s: %s: `find` occurs %d times in %s (must be once)"
                                     % (where, m["id"], count, m["file"]))
                if m["find"] == m["replace"]:
                    raise SystemExit("%s: %s: replace equals find" % (where, m["id"]))
                ids.add(m["id"])
                m["where"] = where
                mutants.append(m)
    return mutants


def run(cmd, cwd, log, timeout=None):
    with open(log, "w", encoding="utf-8") as out:
        try:
            return subprocess.run(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                  timeout=timeout).returncode
        except subprocess.TimeoutExpired:
            return -1


def copy_tree(src):
    os.makedirs(src, exist_ok=True)
    if shutil.which("rsync"):
        # By content, and without the source's times: a file that differs gets a new
        # time, so the build in the copy recompiles it (kept times could be older than
        # the objects built from a mutant left by a killed run).
        subprocess.run(["rsync", "-rlpD", "--checksum", "--delete", "--exclude=/build*/",
                        "--exclude=/.git", "--exclude=/out/", ROOT + "/", src + "/"], check=True)
    else:
        shutil.rmtree(src)
        shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns("build*", ".git", "out"))


SLOW = 5.0  # seconds


def slow_tests(build):
    """The tests whose average time in ctest's cost data is over SLOW seconds."""
    path = os.path.join(build, "Testing", "Temporary", "CTestCostData.txt")
    slow = []
    if os.path.isfile(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                parts = line.split()
                if len(parts) == 3 and float(parts[2]) > SLOW:
                    slow.append(parts[0])
    return sorted(slow)


def failed_tests(log):
    with open(log, encoding="utf-8", errors="replace") as f:
        text = f.read()
    names = re.findall(r"\d+ - (\S+) \((?:Failed|Timeout|SEGFAULT|Subprocess aborted|"
                       r"Child aborted|Exception|\*\*\*)", text)
    if not names:
        names = re.findall(r"Test +#\d+: (\S+) \.+\*+(?:Failed|Timeout|Exception)", text)
    return sorted(set(names))


def run_mutants(mutants, args, src, build, logs, build_cmd, test_cmd, killed, survived,
                equivalent, stillborn):
    for i, m in enumerate(mutants, 1):
        label = "[%d/%d] %s" % (i, len(mutants), m["id"])
        if "equivalent" in m and not args.run_equivalent:
            equivalent.append(m)
            print("%-52s EQUIVALENT (not run): %s" % (label, m["equivalent"]), flush=True)
            continue
        path = os.path.join(src, m["file"])
        with open(path, encoding="utf-8") as f:
            original = f.read()
        t0 = time.monotonic()
        try:
            with open(path, "w", encoding="utf-8") as f:
                f.write(original.replace(m["find"], m["replace"], 1))
            log = os.path.join(logs, m["id"] + ".log")
            if run(build_cmd, src, log) != 0:
                stillborn.append(m)
                print("%-52s DOES NOT BUILD (%s)" % (label, os.path.relpath(log, ROOT)), flush=True)
                continue
            built = time.monotonic() - t0
            code = 0
            for number, phase in enumerate(test_cmd):  # quick tests first: most mutants die there
                phase_log = log if number == 0 else "%s.phase%d" % (log, number + 1)
                code = run(phase, build, phase_log)
                if code != 0:
                    log = phase_log
                    break
            seconds = time.monotonic() - t0
            if code != 0:
                by = failed_tests(log)
                killed.append(m)
                print("%-52s KILLED by %s  [build %.0f s, total %.0f s]"
                      % (label, ", ".join(by) or "a test", built, seconds), flush=True)
            elif "equivalent" in m:
                equivalent.append(m)
                print("%-52s EQUIVALENT (survives, as argued): %s" % (label, m["equivalent"]),
                      flush=True)
            else:
                survived.append(m)
                print("%-52s SURVIVED: %s (%s)  [%.0f s]" % (label, m["why"], m["where"], seconds),
                      flush=True)
        finally:
            with open(path, "w", encoding="utf-8") as f:
                f.write(original)


def interrupted(signum, frame):
    raise KeyboardInterrupt  # so the mutated file is restored and the results printed


def main():
    signal.signal(signal.SIGTERM, interrupted)
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="*")
    ap.add_argument("--build-dir", default=os.path.join(ROOT, "build", "mutation"))
    ap.add_argument("--threshold", type=float, default=90.0)
    ap.add_argument("--only")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--run-equivalent", action="store_true")
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args()
    started = time.monotonic()
    files = args.files or sorted(glob.glob(os.path.join(ROOT, "tests", "mutation", "*.mutants")))
    mutants = load_mutants(files)
    if args.only:
        wanted = set(args.only.split(","))
        unknown = wanted - {m["id"] for m in mutants}
        if unknown:
            raise SystemExit("no such mutant: " + ", ".join(sorted(unknown)))
        mutants = [m for m in mutants if m["id"] in wanted]
    if args.list:
        for m in mutants:
            print("%-40s %-45s %s%s" % (m["id"], m["file"], m["why"],
                                       " [equivalent]" if "equivalent" in m else ""))
        print("%d mutants" % len(mutants))
        return 0

    build_root = os.path.abspath(args.build_dir)
    # The build sits at src/build/rel, where a developer's build sits in the tree, so
    # that ccache with base_dir above both (CCACHE_BASEDIR) serves the first build.
    src = os.path.join(build_root, "src")
    build = os.path.join(src, "build", "rel")
    logs = os.path.join(build_root, "logs")
    os.makedirs(logs, exist_ok=True)
    gui = any(m["file"].startswith("views/") for m in mutants)
    print("copying the tree to %s" % src, flush=True)
    copy_tree(src)
    configure = ["cmake", "-S", src, "-B", build, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release",
                 "-DMARGINAL_BUILD_GUI=%s" % ("ON" if gui else "OFF"),
                 "-DMARGINAL_BUILD_BENCHMARKS=OFF", "-DMARGINAL_SHARED_LIBS=ON"]
    build_cmd = ["cmake", "--build", build, "-j", str(args.jobs)]
    test_cmd = ["ctest", "-j", str(args.jobs), "--timeout", "300", "--stop-on-failure",
                "--output-on-failure"]
    env_note = "QT_QPA_PLATFORM=offscreen"
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    print("building the unmutated tree and running its tests", flush=True)
    if run(configure, src, os.path.join(logs, "configure.log")) != 0 or \
            run(build_cmd, src, os.path.join(logs, "build.log")) != 0:
        print("setup failed: see %s" % logs)
        return 2
    if run(test_cmd, build, os.path.join(logs, "baseline-tests.log")) != 0:
        print("the unmutated tree fails its tests (%s): fix that first"
              % ", ".join(failed_tests(os.path.join(logs, "baseline-tests.log"))))
        return 2
    print("baseline green after %.0f s (%s)" % (time.monotonic() - started, env_note), flush=True)
    # Two phases per mutant: the tests that took under SLOW seconds in the baseline, then
    # (only if they all pass) the slow ones.
    slow = slow_tests(build)
    if slow:
        pattern = "^(%s)$" % "|".join(re.escape(n) for n in slow)
        test_cmd = [test_cmd + ["-E", pattern], test_cmd + ["-R", pattern]]
        print("slow tests, run last: %s" % ", ".join(slow), flush=True)
    else:
        test_cmd = [test_cmd]

    killed, survived, equivalent, stillborn, not_run = [], [], [], [], []
    try:
        run_mutants(mutants, args, src, build, logs, build_cmd, test_cmd,
                    killed, survived, equivalent, stillborn)
    except KeyboardInterrupt:  # Ctrl+C: the file is restored; report what ran
        done = {m["id"] for m in killed + survived + equivalent + stillborn}
        not_run = [m for m in mutants if m["id"] not in done]
        print("\ninterrupted: %d mutants not run" % len(not_run), flush=True)
    if not not_run:  # leave the copy built as it is in the working tree
        run(build_cmd, src, os.path.join(logs, "restore.log"))

    counted = len(killed) + len(survived)
    rate = 100.0 * len(killed) / counted if counted else 100.0
    minutes = (time.monotonic() - started) / 60
    print()
    print("killed %d, survived %d, equivalent %d (not counted), not building %d (not counted)%s"
          % (len(killed), len(survived), len(equivalent), len(stillborn),
             ", not run %d" % len(not_run) if not_run else ""))
    for m in survived:
        print("  survivor %s: %s (%s)" % (m["id"], m["why"], m["where"]))
    print("kill rate %.1f%% (threshold %.0f%%); the run took %.1f min" % (rate, args.threshold, minutes))
    return 0 if rate >= args.threshold else 1


if __name__ == "__main__":
    sys.exit(main())
