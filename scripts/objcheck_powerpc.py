#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Prove from the PowerPC modules that every hypercall site is the one of
<hypercall/arch/hypercall.h>, and that the exported calls reach it
without a load, a test or an indirect branch (Documentation/design.rst,
"Patching the transport").

    objcheck_powerpc.py DIR...    DIR: a build of scripts/build.sh module
                                  ppc64el, holding kernel/hypercall.ko and
                                  kernel/kvm_sample/hypercall_kvm_sample.ko

From the ELF objects themselves (section bytes, symbols, and the
relocations of .text, .text.unlikely, __jump_table and __ex_table):

  - a site is a __jump_table entry whose key is __hc_kvm_epapr, branch bit
    set (a "likely" branch: taken while the key is off);
  - its code is "b" to the entry's target, then the four words that
    sites.c checks and overwrites (trap, until the module loads), then
    "li r12,0"; at the target "li r12,1; b" and "li r12,-1; b", both back
    to the instruction after "li r12,0"; each of the four words has an
    __ex_table entry to the "li r12,-1";
  - each exported hypercall function of hypercall.ko (hypercall_kvm0 ..
    hypercall_kvm8, hypercall_kvm_call, hypercall_kvm_call_out) holds
    exactly one site, has no indirect branch (bcctr, bctr, blrl), calls
    nothing but _mcount (ftrace), __hc_fault, __hc_kvm_slow,
    hc_arch_kvm_slow_call (the cold paths) and __stack_chk_fail (the stack
    protector's), and reaches no address through a relocation (TOC, GOT:
    a variable) between its local entry and its site.

Exit status 1 if anything does not hold.
"""

import os
import struct
import sys

SHT_SYMTAB, SHT_RELA = 2, 4
STT_FUNC = 2
R_PPC64_REL24, R_PPC64_REL64 = 10, 44
# REL24, REL14, REL14_BRTAKEN, REL14_BRNTAKEN: branches; any other
# relocation of an instruction makes it reach an address (TOC, GOT, ...)
BRANCH_RELOCS = {10, 11, 12, 13}

TRAP = 0x7fe00008
LI_R12 = {0: 0x39800000, 1: 0x39800001, -1: 0x3980ffff}
SITE_WORDS = 4
FAULT_OFF = 8
KEY = '__hc_kvm_epapr'
EXPORTED = ['hypercall_kvm%d' % i for i in range(9)] + \
    ['hypercall_kvm_call', 'hypercall_kvm_call_out']
ALLOWED_CALLS = {'_mcount', '__hc_fault', '__hc_kvm_slow',
                 'hc_arch_kvm_slow_call', '__stack_chk_fail'}


class Elf:
    """The sections, symbols and relocations of a relocatable ELF64 LE."""

    def __init__(self, path):
        with open(path, 'rb') as f:
            self.data = f.read()
        d = self.data
        if d[:4] != b'\x7fELF' or d[4] != 2 or d[5] != 1:
            raise SystemExit('%s: not a 64-bit little-endian ELF' % path)
        shoff, = struct.unpack_from('<Q', d, 0x28)
        shentsize, shnum, shstrndx = struct.unpack_from('<HHH', d, 0x3a)
        self.sec = []
        for i in range(shnum):
            f = struct.unpack_from('<IIQQQQIIQQ', d, shoff + i * shentsize)
            self.sec.append({'name': f[0], 'type': f[1], 'off': f[4],
                             'size': f[5], 'link': f[6], 'info': f[7]})
        names = self.sec[shstrndx]
        for s in self.sec:
            s['name'] = self.cstr(names['off'] + s['name'])
        self.byname = {s['name']: i for i, s in enumerate(self.sec)}
        self.syms = []
        for s in self.sec:
            if s['type'] != SHT_SYMTAB:
                continue
            strtab = self.sec[s['link']]
            for o in range(s['off'], s['off'] + s['size'], 24):
                name, info, _, shndx, value, size = \
                    struct.unpack_from('<IBBHQQ', d, o)
                self.syms.append({'name': self.cstr(strtab['off'] + name),
                                  'type': info & 0xf, 'shndx': shndx,
                                  'value': value, 'size': size})
        # relocations by the section they apply to: {offset: (type, sym, add)}
        self.rela = {}
        for s in self.sec:
            if s['type'] != SHT_RELA:
                continue
            r = self.rela.setdefault(s['info'], {})
            for o in range(s['off'], s['off'] + s['size'], 24):
                off, info, add = struct.unpack_from('<QQq', d, o)
                r[off] = (info & 0xffffffff, self.syms[info >> 32], add)

    def cstr(self, off):
        return self.data[off:self.data.index(b'\0', off)].decode()

    def word(self, sec, off):
        s = self.sec[sec]
        if off + 4 > s['size']:
            return None
        return struct.unpack_from('<I', self.data, s['off'] + off)[0]

    def target(self, sec, off):
        """The relocation at sec:off: (type, symbol name, its section, the
        offset it points at, the addend), or None."""
        r = self.rela.get(sec, {}).get(off)
        if not r:
            return None
        rtype, sym, add = r
        name = sym['name']
        if not name and 0 < sym['shndx'] < len(self.sec):
            name = self.sec[sym['shndx']]['name']
        return rtype, name, sym['shndx'], sym['value'] + add, add


def pairs(elf, table, size):
    """The entries of __jump_table or __ex_table, as lists of targets."""
    i = elf.byname.get(table)
    if i is None:
        return []
    out = []
    for o in range(0, elf.sec[i]['size'], size):
        out.append([elf.target(i, o + k) for k in range(0, size, 4)])
    return out


def is_branch_to(elf, sec, off, want):
    """Is sec:off a "b" whose relocation points at want (sec, off)?"""
    w = elf.word(sec, off)
    t = elf.target(sec, off)
    return (w is not None and w >> 26 == 18 and w & 3 == 0 and t and
            t[0] == R_PPC64_REL24 and (t[2], t[3]) == want)


def sites(elf, errors, where):
    """The sites of the module: [(text section, code offset)]"""
    found = []
    extable = {(e[0][2], e[0][3]): (e[1][2], e[1][3])
               for e in pairs(elf, '__ex_table', 8) if e[0] and e[1]}
    for e in pairs(elf, '__jump_table', 16):
        code, target, key = e[0], e[1], e[2]
        if not key or key[1] != KEY:
            continue
        name = '%s: site at %s+0x%x' % (where, elf.sec[code[2]]['name'],
                                        code[3])
        if key[0] != R_PPC64_REL64 or key[4] != 1:
            errors.append(name + ': its branch bit is not set')
        c, co = code[2], code[3]
        t, to = target[2], target[3]
        resume = (c, co + 4 * (SITE_WORDS + 2))
        fault = (t, to + FAULT_OFF)
        ok = is_branch_to(elf, c, co, (t, to))
        ok = ok and all(elf.word(c, co + 4 * (k + 1)) == TRAP
                        for k in range(SITE_WORDS))
        ok = ok and elf.word(c, co + 4 * (SITE_WORDS + 1)) == LI_R12[0]
        ok = ok and elf.word(t, to) == LI_R12[1]
        ok = ok and is_branch_to(elf, t, to + 4, resume)
        ok = ok and elf.word(t, to + FAULT_OFF) == LI_R12[-1]
        ok = ok and is_branch_to(elf, t, to + FAULT_OFF + 4, resume)
        if not ok:
            errors.append(name + ': not the site of <hypercall/arch/hypercall.h>')
        for k in range(SITE_WORDS):
            if extable.get((c, co + 4 * (k + 1))) != fault:
                errors.append('%s: word %d has no __ex_table entry to its '
                              'fault path' % (name, k))
        found.append((c, co))
    return found


def check_function(elf, fn, found, errors, where):
    sec, start, end = fn['shndx'], fn['value'], fn['value'] + fn['size']
    mine = [o for s, o in found if s == sec and start <= o < end]
    name = '%s: %s' % (where, fn['name'])
    if len(mine) != 1:
        errors.append('%s: %d sites, not 1' % (name, len(mine)))
        return
    for off in range(start, end, 4):
        w = elf.word(sec, off)
        op, xo, lk = w >> 26, (w >> 1) & 0x3ff, w & 1
        if op == 19 and (xo == 528 or (xo == 16 and lk)):
            errors.append('%s: an indirect branch at +0x%x' %
                          (name, off - start))
        t = elf.target(sec, off)
        if op == 18 and lk and (not t or t[1] not in ALLOWED_CALLS):
            errors.append('%s: calls %s at +0x%x' %
                          (name, t[1] if t else '?', off - start))
        # the local entry is 8 bytes in (the TOC set-up of ELFv2)
        if t and start + 8 <= off < mine[0] and t[0] not in BRANCH_RELOCS:
            errors.append('%s: reads %s before its site, at +0x%x' %
                          (name, t[1], off - start))


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    errors = []
    for d in sys.argv[1:]:
        for mod, exported in (('kernel/hypercall.ko', True),
                              ('kernel/kvm_sample/hypercall_kvm_sample.ko',
                               False)):
            path = os.path.join(d, mod)
            elf = Elf(path)
            found = sites(elf, errors, path)
            if not found:
                errors.append('%s: no hypercall site' % path)
            nfn = 0
            if exported:
                funcs = {s['name']: s for s in elf.syms
                         if s['type'] == STT_FUNC and s['shndx']}
                for f in EXPORTED:
                    if f not in funcs:
                        errors.append('%s: no %s' % (path, f))
                        continue
                    check_function(elf, funcs[f], found, errors, path)
                    nfn += 1
            print('%s: %d sites, %d exported functions' %
                  (path, len(found), nfn))
    for e in errors:
        print(e)
    print('objcheck_powerpc: %s' % ('FAILED' if errors else 'ok'))
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
