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

Checkpatch's messages for a file depend only on checkpatch.pl, the options
and the file (its name and contents, with --no-tree): they are kept in
$HC_CACHE/checkpatch/, keyed by a hash of those, and checkpatch.pl runs
only on the files that changed (all of them: about 28 s of CPU).
"""

import fnmatch
import hashlib
import json
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


OPTIONS = ['--strict', '--no-tree', '--show-types', '--quiet',
           '--no-summary', '--color=never', '-f']
# The directory checkpatch.pl sees the files in (run_checkpatch())
SRC = 'src'


def cache_keys(checkpatch, files):
    """The cache entry of each file: a hash of checkpatch.pl, the options,
    the file's name and its contents."""
    with open(checkpatch, 'rb') as f:
        base = hashlib.sha256(f.read() + ' '.join(OPTIONS).encode() +
                              b'\0' + SRC.encode())
    keys = {}
    for name in files:
        h = base.copy()
        with open(name, 'rb') as f:
            h.update(b'\0' + name.encode() + b'\0' + f.read())
        keys[name] = h.hexdigest()
    return keys


def run_checkpatch(checkpatch, files):
    """Messages of checkpatch.pl on FILES, or None if it failed."""
    # Run it outside the checkout: in a git tree checkpatch leaves a
    # .checkpatch-camelcase.* cache in its working directory.  It sees each
    # file as SRC/<name>, the same wherever the checkout is: some checks
    # depend on the path (C99 types are fine under a directory "tools/",
    # and a checkout at /work/wt/tools/ made every file look like one).
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.symlink(cwd, os.path.join(tmp, SRC))
        proc = subprocess.run(
            ['perl', os.path.abspath(checkpatch)] + OPTIONS +
            [os.path.join(SRC, f) for f in files],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
            check=False, cwd=tmp)
    msgs = parse(proc.stdout.replace(SRC + '/', ''))
    if proc.returncode and not msgs:
        print(proc.stdout)
        print('checkpatch.pl failed without a message')
        return None
    return msgs


def checked(checkpatch, files, cache):
    """Messages on FILES, from the cache where it has them.  Returns
    (messages, number of files checkpatch.pl ran on), or None."""
    keys = cache_keys(checkpatch, files) if cache else {}
    msgs, todo = [], []
    for name in files:
        try:
            with open(os.path.join(cache, keys[name]), encoding='utf-8') as f:
                msgs += json.load(f)
        except (KeyError, OSError, ValueError):
            todo.append(name)
    if not todo:
        return msgs, 0
    new = run_checkpatch(checkpatch, todo)
    if new is None:
        return None
    msgs += new
    # Keep each file's messages, unless one cannot be told apart by file.
    if cache and all(m['file'] in todo for m in new):
        os.makedirs(cache, exist_ok=True)
        for name in todo:
            # another checkout may be writing the same entry: each writes
            # its own file, and the rename is atomic
            fd, tmp = tempfile.mkstemp(dir=cache, suffix='.tmp')
            with os.fdopen(fd, 'w', encoding='utf-8') as f:
                json.dump([m for m in new if m['file'] == name], f)
            os.replace(tmp, os.path.join(cache, keys[name]))
    return msgs, len(todo)


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    checkpatch, exc_path, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    exceptions = read_exceptions(exc_path)
    cache = os.environ.get('HC_CACHE')
    cache = os.path.join(cache, 'checkpatch') if cache else None
    result = checked(checkpatch, files, cache)
    if result is None:
        return 1
    msgs, ran = result

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
    print(f'checkpatch: {len(files)} files ({len(files) - ran} unchanged, '
          f'from the cache), {len(left)} messages, {excused} excused by '
          f'{exc_path}')
    return 1 if left or stale else 0


if __name__ == '__main__':
    sys.exit(main())
