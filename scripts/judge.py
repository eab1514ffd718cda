#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Judge one guest run of scripts/guest.sh from its logs.

Reads RUNDIR/results.log (TAP from the guest's second serial port: the
kselftest runner's output, and the kernel log of the KUnit run) and
RUNDIR/console.log (everything the console printed).  Counts results at the
level of individual test cases, parses the KUnit part with the kernel's own
kunit.py, looks for kernel reports on the console, and writes RUNDIR/verdict,
whose last line is:

    RESULT <run> <pass|fail> <passed> <failed> <skipped> <seconds>

Exit status: 0 if the run passed, 1 if not.
"""

import argparse
import base64
import gzip
import os
import re
import subprocess
import sys

# Console lines that fail a run: oopses, BUGs, WARNINGs, sanitizer and
# lockdep reports, leaks, panics, hangs.  The other architectures' die()
# name the exception and count it, without the word "Oops": s390
# "specification exception: 0006 ilc:2 [#1] SMP", MIPS "Reserved
# instruction in kernel code[#1]:"; their page faults say "Unable to handle
# kernel ...".
BAD_CONSOLE = re.compile(
    r'Oops|BUG:|kernel BUG at|WARNING:|Kernel panic|general protection fault'
    r'|Call Trace:|KASAN:|UBSAN:|possible (circular|recursive) locking'
    r'|inconsistent lock state|suspicious RCU usage|DEBUG_LOCKS_WARN_ON'
    r'|INFO: task .* blocked|soft lockup|hard LOCKUP|rcu_.*stall'
    r'|new suspected memory leak|unreferenced object|double fault'
    r'|list_(add|del) corruption|stack-protector|segfault at'
    r'|\[#\d+\]|Unable to handle kernel')

# Console lines that match the above but report no fault: the ppc64el
# pseries guest prints this at every boot, QEMU's NVRAM being empty (the
# kernel's own message, arch/powerpc/kernel/nvram_64.c).  A WARN() prints
# "WARNING: CPU: ..."; lockdep's reports print "WARNING: <what>", so only
# the known lines are let through, not every "WARNING:" without "CPU:".
BENIGN_CONSOLE = re.compile(
    r'WARNING: nvram corruption detected: 0-length partition$')

TAP_RESULT = re.compile(r'^(not ok|ok)\b\s*(\d+)?\s*(.*)$')
SKIP = re.compile(r'#\s*SKIP\b', re.IGNORECASE)


def count_kselftest(lines):
    """Count the kselftest runner's TAP: each program's subtests, or the
    program itself when it printed none.  Returns (passed, failed, skipped,
    problems)."""
    passed = failed = skipped = 0
    problems = []
    plan = None
    seen = 0
    sub = [0, 0, 0]
    for line in lines:
        # the runner plans each collection on its own: add them up
        m = re.match(r'^1\.\.(\d+)', line)
        if m:
            plan = (plan or 0) + int(m.group(1))
            continue
        if plan is None:
            continue
        if line.startswith('# '):
            # a program's own TAP, prefixed by the runner
            m = TAP_RESULT.match(line[2:])
            if m and m.group(2):
                if SKIP.search(m.group(3)):
                    sub[2] += 1
                elif m.group(1) == 'ok':
                    sub[0] += 1
                else:
                    sub[1] += 1
                    problems.append('failed: ' + line[2:].strip())
            continue
        m = TAP_RESULT.match(line)
        if not (m and m.group(2)):
            continue
        seen += 1
        desc = m.group(3)
        if sum(sub) == 0:
            if SKIP.search(desc):
                skipped += 1
            elif m.group(1) == 'ok':
                passed += 1
            else:
                failed += 1
                problems.append('failed: ' + line.strip())
        else:
            passed += sub[0]
            failed += sub[1]
            skipped += sub[2]
            if m.group(1) != 'ok' and sub[1] == 0:
                failed += 1
                problems.append('program failed: ' + line.strip())
        sub = [0, 0, 0]
    if plan is None:
        problems.append('no kselftest output')
    elif seen != plan:
        problems.append(f'kselftest planned {plan} programs, ran {seen}')
        failed += max(plan - seen, 0)
    return passed, failed, skipped, problems


def unpack_kunit(lines):
    """The guest sends the kernel log of its KUnit run gzipped, in base64
    (scripts/guest/init: a sixth of the characters, each of which costs a
    VM exit in the nested guest).  Returns (lines, problems)."""
    try:
        data = gzip.decompress(base64.b64decode(''.join(l.strip() for l in lines),
                                                validate=True))
    except (ValueError, OSError, EOFError) as e:
        return [], [f'the KUnit log does not unpack: {e}']
    return data.decode('utf-8', 'replace').splitlines(), []


def count_kunit(ktap_path, parser):
    """Parse the KUnit run with kunit.py; returns (passed, failed, skipped,
    problems)."""
    proc = subprocess.run([sys.executable, parser, 'parse',
                           os.path.abspath(ktap_path)],
                          capture_output=True, text=True, check=False)
    out = proc.stdout + proc.stderr
    with open(ktap_path + '.parsed', 'w', encoding='utf-8') as f:
        f.write(out)
    m = re.search(r'Ran (\d+) tests?:(.*)', out)
    if not m:
        return 0, 1, 0, ['kunit.py found no KUnit results']
    counts = dict((k, int(v)) for v, k in
                  ((n, s) for s, n in re.findall(r'(\w+): (\d+)', m.group(2))))
    passed = counts.get('passed', 0)
    failed = counts.get('failed', 0) + counts.get('crashed', 0)
    skipped = counts.get('skipped', 0)
    problems = []
    if proc.returncode != 0 or counts.get('errors', 0):
        problems.append('kunit.py: ' + m.group(0).strip())
        if failed == 0:
            failed = 1
    return passed, failed, skipped, problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--run', required=True)
    ap.add_argument('--seconds', type=float, default=0)
    ap.add_argument('--qemu-rc', type=int, default=0)
    ap.add_argument('--kunit-parser', required=True)
    ap.add_argument('--expect-kunit', action='store_true')
    ap.add_argument('rundir')
    args = ap.parse_args()

    def read(name):
        try:
            with open(os.path.join(args.rundir, name), encoding='utf-8',
                      errors='replace') as f:
                return f.read().replace('\r', '').splitlines()
        except FileNotFoundError:
            return []

    results = read('results.log')
    console = read('console.log')
    problems = []

    if args.qemu_rc == 124:
        problems.append('the guest did not finish in time')
    elif args.qemu_rc != 0:
        problems.append(f'qemu exited with {args.qemu_rc}')
    if not any(l.startswith('HC-BEGIN') for l in results):
        problems.append('the tests never started')
    if not any(l.startswith('HC-END ok') for l in results):
        problems.append('the tests did not finish')

    # kselftest part: from HC-BEGIN to the KUnit part or the end
    ksft, kunit, in_kunit = [], [], False
    for line in results:
        if line.startswith('HC-KUNIT-BEGIN'):
            in_kunit = True
        elif line.startswith('HC-KUNIT-END'):
            in_kunit = False
        elif in_kunit:
            kunit.append(line)
        else:
            ksft.append(line)
    passed, failed, skipped, more = count_kselftest(ksft)
    problems += more

    if kunit:
        kunit, more = unpack_kunit(kunit)
        problems += more
    if kunit or args.expect_kunit:
        path = os.path.join(args.rundir, 'kunit.log')
        with open(path, 'w', encoding='utf-8') as f:
            f.write('\n'.join(kunit) + '\n')
        p, f_, s, more = count_kunit(path, args.kunit_parser)
        passed, failed, skipped = passed + p, failed + f_, skipped + s
        problems += more

    bad = [l for l in console
           if BAD_CONSOLE.search(l) and not BENIGN_CONSOLE.search(l)]
    if bad:
        problems.append('kernel reports on the console:')
        problems += ['  ' + l for l in bad[:20]]

    ok = not problems and failed == 0
    with open(os.path.join(args.rundir, 'verdict'), 'w',
              encoding='utf-8') as f:
        for p in problems:
            f.write(p + '\n')
        f.write(f'RESULT {args.run} {"pass" if ok else "fail"} {passed} '
                f'{failed} {skipped} {args.seconds:.1f}\n')
    for p in problems:
        print(f'{args.run}: {p}', file=sys.stderr)
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
