#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Prove from the s390x build that every diag 0x500 has its fixup where it
matches, and that the patched path to it costs nothing extra
(Documentation/performance.rst, "The static proof"; objcheck.py does the
same for x86).

    objcheck_s390.py [-v] DIR     DIR: scripts/build.sh module s390x

In kernel/hypercall.ko and the KVM consumer
kernel/kvm_sample/hypercall_kvm_sample.ko, from objdump -dr and the
relocations and contents of __ex_table and __jump_table:

  - every diag 0x500 has exactly one __ex_table entry, of type EX_TYPE_FIXUP,
    on the instruction after it and none on the diag itself: a rejected
    subcode's old PSW points past the diag (kernel/arch/s390/include/
    hypercall/arch/hypercall.h).  That instruction clears the fault flag
    (lghi %rX,0) that the instruction before the diag set (lghi %rX,1), and
    the fixup resumes right after it;
  - every __ex_table entry of the modules sits right after an instruction
    they guard (diag 0x500, and policy.c's stsch): none where nothing can
    match;
  - the function of each diag has a __jump_table entry of the key
    __hc_kvm_diag500;
  - in the exported hypercall_kvm0() .. hypercall_kvm6() and
    hypercall_kvm_call(), with that key enabled and every other key
    disabled, every path from the function's entry reaches a diag, and on
    its way no instruction has a relocation (no variable read, no call) and
    none branches through a register.

The paths follow the __jump_table: a site jumps to its target when its key
is enabled XOR its branch bit is set (kernel/jump_label.c), and falls
through otherwise.  Exit status 1 if anything does not hold.
"""

import argparse
import os
import re
import subprocess
import sys

OBJDUMP = 's390x-linux-gnu-objdump'
READELF = 's390x-linux-gnu-readelf'

KEY = '__hc_kvm_diag500'
EX_TYPE_FIXUP = 1          # arch/s390/include/asm/asm-extable.h, 6.1, 6.12
EX_ENTRY = 12              # .long insn, .long fixup, .short type, .short data
JUMP_ENTRY = 16            # .long code, .long target, .quad key | branch

MODULES = {
    'kernel/hypercall.ko':
        [f'hypercall_kvm{n}' for n in range(7)] + ['hypercall_kvm_call'],
    'kernel/kvm_sample/hypercall_kvm_sample.ko': [],
}

LINE = re.compile(r'^\s*([0-9a-f]+):\t([0-9a-f ]+?)\s*(?:\t(.*))?$')
RELOC = re.compile(r'^\s*([0-9a-f]+): (R_390_\w+)\s+(\S+)$')
FUNC = re.compile(r'^([0-9a-f]+) <([^>]+)>:$')
SECTION = re.compile(r'^Disassembly of section (\S+):$')
READELF_RELA = re.compile(r"^Relocation section '\.rela(\S+)'")
READELF_ENTRY = re.compile(
    r'^([0-9a-f]+)\s+[0-9a-f]+\s+(R_390_\w+)\s+[0-9a-f]+\s+(\S+) \+ ([0-9a-f]+)$')
DIAG500 = re.compile(r'^diag\s+%r\d+,%r\d+,1280$')
GUARDED = re.compile(r'^(diag\s+%r\d+,%r\d+,1280|stsch\s.*)$')
LGHI = re.compile(r'^lghi\s+(%r\d+),(-?\d+)$')
COMPARE_BRANCH = re.compile(r'^(cl?g?[ri]j|brc?tg?|brx)')


def run(*cmd):
    return subprocess.run(cmd, check=True, capture_output=True,
                          text=True).stdout


class Insn:
    def __init__(self, sec, addr, raw, text):
        self.sec, self.addr = sec, addr
        self.size = len(raw.split())
        self.text = (text or '').strip()
        parts = self.text.split(None, 1)
        self.mnem = parts[0] if parts else ''
        self.ops = parts[1] if len(parts) > 1 else ''
        self.relocs = []

    @property
    def next(self):
        return self.addr + self.size

    def target(self):
        m = re.search(r'(?:^|,)([0-9a-f]+) <[^>]*>$', self.ops)
        return int(m.group(1), 16) if m else None


def disassemble(ko):
    """{function: [Insn]} and {(section, address): function}"""
    funcs, where = {}, {}
    sec = fn = None
    last = None
    for line in run(OBJDUMP, '-dr', ko).splitlines():
        m = SECTION.match(line)
        if m:
            sec = m.group(1)
            continue
        m = FUNC.match(line)
        if m:
            fn = m.group(2)
            funcs[fn] = []
            continue
        m = RELOC.match(line)
        if m and last:
            last.relocs.append((m.group(2), m.group(3)))
            continue
        m = LINE.match(line)
        if m and fn:
            last = Insn(sec, int(m.group(1), 16), m.group(2), m.group(3))
            funcs[fn].append(last)
            where[(sec, last.addr)] = fn
    return funcs, where


def relocations(ko, section):
    """{offset: (type, symbol, addend)} of .rela<section>"""
    out, inside = {}, False
    for line in run(READELF, '-rW', ko).splitlines():
        m = READELF_RELA.match(line)
        if m:
            inside = m.group(1) == section
            continue
        m = READELF_ENTRY.match(line.strip())
        if inside and m:
            out[int(m.group(1), 16)] = (m.group(2), m.group(3),
                                        int(m.group(4), 16))
    return out


def section_bytes(ko, section):
    data = bytearray()
    for line in run(OBJDUMP, '-s', '-j', section, ko).splitlines()[4:]:
        words = line.split()[1:5]
        for w in words:
            if not re.fullmatch(r'[0-9a-f]{2,8}', w):
                break
            data += bytes.fromhex(w)
    return bytes(data)


def ex_table(ko):
    """[(section, insn address, fixup address, type)]"""
    rel = relocations(ko, '__ex_table')
    data = section_bytes(ko, '__ex_table')
    out = []
    for off in range(0, len(data), EX_ENTRY):
        insn, fixup = rel.get(off), rel.get(off + 4)
        if not insn or not fixup:
            out.append((None, None, None, None))
            continue
        ex_type = int.from_bytes(data[off + 8:off + 10], 'big')
        out.append((insn[1], insn[2], fixup[2] if fixup[1] == insn[1]
                    else None, ex_type))
    return out


def jump_table(ko):
    """[(section, code address, target address, key, branch bit)]"""
    rel = relocations(ko, '__jump_table')
    out = []
    for off in sorted(o for o in rel if o % JUMP_ENTRY == 0):
        code, target, key = rel[off], rel.get(off + 4), rel.get(off + 8)
        if not target or not key:
            continue
        out.append((code[1], code[2], target[2], key[1], key[2] & 1))
    return out


class Checker:
    def __init__(self, verbose):
        self.verbose, self.failed = verbose, 0

    def fail(self, msg):
        print(f'FAIL: {msg}')
        self.failed += 1

    def note(self, msg):
        if self.verbose:
            print(f'  {msg}')

    def module(self, ko, exported):
        name = os.path.basename(ko)
        funcs, where = disassemble(ko)
        insns = {(i.sec, i.addr): i for f in funcs.values() for i in f}
        entries = ex_table(ko)
        jumps = jump_table(ko)
        by_insn = {}
        for sec, insn, fixup, ex_type in entries:
            if sec is None:
                self.fail(f'{name}: an __ex_table entry without relocations')
                continue
            by_insn.setdefault((sec, insn), []).append((fixup, ex_type))

        diags = 0
        for fn, body in funcs.items():
            for k, i in enumerate(body):
                if not DIAG500.match(i.text):
                    continue
                diags += 1
                self.diag(name, fn, body, k, by_insn, jumps)
        if not diags:
            self.fail(f'{name}: no diag 0x500')

        # every entry right after a guarded instruction
        prev = {}
        for body in funcs.values():
            for a, b in zip(body, body[1:]):
                prev[(b.sec, b.addr)] = a
        for (sec, addr) in by_insn:
            p = prev.get((sec, addr))
            if not p or not GUARDED.match(p.text):
                self.fail(f'{name}: an __ex_table entry at {sec}+{addr:#x}, '
                          f'not after a guarded instruction ({p.text if p else "none"})')

        for fn in exported:
            if fn not in funcs:
                self.fail(f'{name}: no function {fn}')
                continue
            self.paths(name, fn, funcs[fn], jumps)
        print(f'{name}: {diags} diag 0x500 sites, {len(entries)} '
              f'__ex_table entries, {len(exported)} functions walked')

    def diag(self, name, fn, body, k, by_insn, jumps):
        i = body[k]
        where = f'{name}: {fn}+{i.addr - body[0].addr:#x}'
        if (i.sec, i.addr) in by_insn:
            self.fail(f'{where}: an __ex_table entry on the diag itself')
        nxt = body[k + 1] if k + 1 < len(body) else None
        before = body[k - 1] if k else None
        got = by_insn.get((i.sec, i.next), [])
        if not nxt or len(got) != 1:
            self.fail(f'{where}: {len(got)} __ex_table entries on the '
                      f'instruction after the diag, not 1')
            return
        fixup, ex_type = got[0]
        m_set = LGHI.match(before.text) if before else None
        m_clr = LGHI.match(nxt.text)
        if ex_type != EX_TYPE_FIXUP:
            self.fail(f'{where}: __ex_table type {ex_type}, not EX_TYPE_FIXUP')
        if not m_set or m_set.group(2) != '1' or not m_clr or \
                m_clr.group(2) != '0' or m_set.group(1) != m_clr.group(1):
            self.fail(f'{where}: not "lghi %rX,1; diag; lghi %rX,0" '
                      f'({before.text if before else "-"}; {nxt.text})')
        if fixup != nxt.next:
            self.fail(f'{where}: the fixup resumes at {fixup}, not after '
                      f'the clearing of the flag ({nxt.next:#x})')
        lo, hi = body[0].addr, body[-1].next
        if not any(s == i.sec and lo <= c < hi and key == KEY
                   for s, c, _, key, _ in jumps):
            self.fail(f'{where}: no __jump_table entry of {KEY} in {fn}')
        self.note(f'{where}: entry at +{i.next - body[0].addr:#x}, flag '
                  f'{m_clr.group(1) if m_clr else "?"}')

    def paths(self, name, fn, body, jumps):
        at = {i.addr: i for i in body}
        sites = {c: (t, key, b) for s, c, t, key, b in jumps
                 if s == body[0].sec and c in at}
        todo, seen, reached = [body[0].addr], set(), 0
        while todo:
            addr = todo.pop()
            if addr in seen:
                continue
            seen.add(addr)
            i = at.get(addr)
            if not i:
                self.fail(f'{name}: {fn}: a path leaves the function '
                          f'({addr:#x})')
                continue
            if DIAG500.match(i.text):
                reached += 1
                continue
            if i.relocs:
                self.fail(f'{name}: {fn}+{addr - body[0].addr:#x}: '
                          f'"{i.text}" with a relocation '
                          f'({i.relocs[0][1]}) before the diag')
                continue
            if addr in sites:
                target, key, branch = sites[addr]
                enabled = key == KEY
                todo.append(target if enabled ^ bool(branch) else i.next)
                continue
            if i.mnem in ('jnop', 'jgnop', 'nopr', 'nop', 'bcr') and \
                    not i.ops.startswith('15'):
                todo.append(i.next)
            elif i.mnem in ('j', 'jg'):
                todo.append(i.target())
            elif i.mnem.startswith('j') or COMPARE_BRANCH.match(i.mnem):
                todo += [i.target(), i.next]
            elif i.mnem in ('br', 'b', 'basr', 'bras', 'brasl', 'bcr'):
                self.fail(f'{name}: {fn}+{addr - body[0].addr:#x}: '
                          f'"{i.text}" before the diag')
            else:
                todo.append(i.next)
        if not reached:
            self.fail(f'{name}: {fn}: no path reaches a diag')
        self.note(f'{name}: {fn}: {reached} path ends, each at a diag')


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('-v', '--verbose', action='store_true')
    ap.add_argument('dir')
    args = ap.parse_args()
    check = Checker(args.verbose)
    for ko, exported in MODULES.items():
        path = os.path.join(args.dir, ko)
        if not os.path.exists(path):
            check.fail(f'no {path}')
            continue
        check.module(path, exported)
    if check.failed:
        print(f'objcheck_s390: {check.failed} problems')
        return 1
    print('objcheck_s390: every diag 0x500 is fixed up on the next '
          'instruction, behind its key')
    return 0


if __name__ == '__main__':
    sys.exit(main())
