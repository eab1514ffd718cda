#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Run the kernel's checkpatch.pl --strict --no-tree on source files, and
fail on every message that scripts/checkpatch.exceptions does not excuse.

    checkpatch.py CHECKPATCH_PL EXCEPTIONS FILE...

An exception names a message type, a path glob and a regular expression
that must match one of the source lines checkpatch quotes for the message;
each one is justified in the exceptions file.  An exception that excuses
nothing is an error too, so the list cannot outlive the code it is about.

Exit status: 0 when nothing is left, 1 otherwise.
"""

import fnmatch
import os
import re
import subprocess
import sys
import tempfile

HEADER = re.compile(r'^(ERROR|WARNING|CHECK):([A-Z0-9_]+): (.*)$')
WHERE = re.compile(r'^#\d+: FILE: (.+?):(\d+):')


class Exception_:
    def __init__(self, lineno, kind, glob, regex):
        self.lineno = lineno
        self.kind = kind
        self.glob = glob
        self.regex = re.compile(regex)
        self.used = 0

    def excuses(self, msg):
        return (self.kind == msg['type'] and
                fnmatch.fnmatch(msg['file'], self.glob) and
                any(self.regex.search(line) for line in msg['code']))


def read_exceptions(path):
    exceptions = []
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            parts = line.split(None, 2)
            if len(parts) != 3:
                sys.exit(f'{path}:{n}: expected "TYPE GLOB REGEX"')
            exceptions.append(Exception_(n, *parts))
    return exceptions


def parse(output):
    """Split checkpatch's output into messages: type, level, text, file,
    line, and the source lines it quotes (without the leading '+')."""
    msgs = []
    msg = None
    for line in output.splitlines():
        m = HEADER.match(line)
        if m:
            msg = {'level': m.group(1), 'type': m.group(2),
                   'text': m.group(3), 'file': '?', 'line': 0,
                   'code': [], 'raw': [line]}
            msgs.append(msg)
            continue
        if msg is None:
            continue
        if not line.strip():
            msg = None
            continue
        msg['raw'].append(line)
        m = WHERE.match(line)
        if m:
            msg['file'], msg['line'] = m.group(1), int(m.group(2))
        elif line[:1] in '+ ':
            msg['code'].append(line[1:])
    return msgs


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    checkpatch, exc_path, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    exceptions = read_exceptions(exc_path)
    # Run it outside the checkout: in a git tree checkpatch leaves a
    # .checkpatch-camelcase.* cache in its working directory.
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.run(
            ['perl', os.path.abspath(checkpatch), '--strict', '--no-tree',
             '--show-types', '--quiet', '--no-summary', '--color=never',
             '-f'] + [os.path.join(cwd, f) for f in files],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
            check=False, cwd=tmp)
    msgs = parse(proc.stdout.replace(cwd + '/', ''))
    if proc.returncode and not msgs:
        print(proc.stdout)
        print('checkpatch.pl failed without a message')
        return 1

    left = []
    for msg in msgs:
        for exc in exceptions:
            if exc.excuses(msg):
                exc.used += 1
                break
        else:
            left.append(msg)

    for msg in left:
        print('\n'.join(msg['raw']) + '\n')
    stale = [e for e in exceptions if not e.used]
    for exc in stale:
        print(f'{exc_path}:{exc.lineno}: exception {exc.kind} {exc.glob} '
              f'excuses nothing: remove it')
    excused = len(msgs) - len(left)
    print(f'checkpatch: {len(files)} files, {len(left)} messages, '
          f'{excused} excused by {exc_path}')
    return 1 if left or stale else 0


if __name__ == '__main__':
    sys.exit(main())
