#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Prove from the built modules that the patched hypercall path costs
nothing extra (Documentation/performance.rst, "The static proof").

    objcheck.py [-v] DIR...       DIR: a build of scripts/build.sh module,
                                  holding kernel/hypercall.ko and
                                  kernel/sample/hypercall_sample.ko
    objcheck.py --self-test [DIR...]
                                  first the same checks on the functions of
                                  scripts/objcheck/selftest.S, which must
                                  pass or fail as each one says

For every exported hypercall function of hypercall.ko (VMware, KVM,
Palacios) and every hypercall site of the sample consumer, from objdump -dr
and the relocations of __ex_table and __jump_table:

  - no indirect call or jump anywhere in the function, and no call or jump
    into a retpoline thunk (__x86_indirect_*);
  - for each transport (I/O port, vmcall, vmmcall; high bandwidth: rep
    outsb / rep insb, vmcall, vmmcall) of the function's ABI (each ABI has
    its own keys): with that transport's static key
    enabled and every other key disabled, every path from the function's
    entry reaches that transport's instruction, and only that one, and does
    not read or write a variable (no memory operand with a relocation: the
    mode, a key's state, anything global), call through a pointer, or call
    anything but __fentry__ on its way;
  - for VMware low bandwidth, with no key enabled (TDX, no backdoor), every
    path calls the slow path, on the same terms; its symbol, __HC_VMW_SLOW
    of <hypercall/vmware_slow.h>, carries the version of its register
    contract (__hc_vmware_slow_v<N>) and hypercall.ko exports it;
  - every hypercall instruction in the function is one of the function's
    transports, has an __ex_table entry of type EX_TYPE_ONE_REG (VMware
    high bandwidth: EX_TYPE_FAULT, on EDX) whose register is the one the
    next instruction clears (the fault flag), and whose fixup resumes right
    after that instruction;
  - RBP is saved before, and restored at the fixup's resume point after,
    the instructions whose host may write it: VMware high bandwidth (RBP
    carries in6) and VMware low bandwidth over vmmcall (SEV-ES), which
    also clears it right before the instruction;
  - each transport's key has a __jump_table entry in the function.

The paths follow the __jump_table: a site jumps to its target when its key
is enabled XOR its branch bit is set (kernel/jump_label.c,
jump_label_type()), and falls through otherwise, whatever bytes the object
holds there.  Exit status 1 if anything does not hold.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

# arch/x86/include/asm/extable_fixup_types.h, the same in Linux 6.1 and 6.12
EX_TYPE_FAULT = 2
EX_TYPE_IMM_REG = 17
EX_TYPE_ONE_REG = EX_TYPE_IMM_REG | (1 << 16)
# _ASM_EXTABLE_TYPE_REG() numbers the registers in encoding order
REG_NUMBERS = {r: i for i, r in enumerate(
    'ax cx dx bx sp bp si di r8 r9 r10 r11 r12 r13 r14 r15'.split())}

# The hypercall instructions, by their bytes
INSNS = {
    'ed': 'ioport',             # in (%dx),%eax
    '0f 01 c1': 'vmcall',
    '0f 01 d9': 'vmmcall',
    'f3 6e': 'hb_out',          # rep outsb (%rsi),(%dx)
    'f3 6c': 'hb_in',           # rep insb (%dx),(%rdi)
    '66 0f 01 cc': 'tdcall',
}

VMW_KEYS = {'ioport': '__hc_vmware_ioport', 'vmcall': '__hc_vmware_vmcall',
            'vmmcall': '__hc_vmware_vmmcall'}
KVM_KEYS = {'vmcall': '__hc_kvm_vmcall', 'vmmcall': '__hc_kvm_vmmcall'}
PALACIOS_KEYS = {'vmcall': '__hc_palacios_vmcall',
                 'vmmcall': '__hc_palacios_vmmcall'}
HB_ON = '__hc_vmware_hb_on'

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# x86's public headers (the VMware slow path's symbol)
INCLUDE = os.path.join(ROOT, 'kernel', 'arch', 'x86', 'include')


def slow_symbol():
    """The VMware slow path's symbol, as <hypercall/vmware_slow.h> spells
    it for the C header and the assembly"""
    path = os.path.join(INCLUDE, 'hypercall', 'vmware_slow.h')
    with open(path) as f:
        m = re.search(r'^#define\s+__HC_VMW_SLOW\s+(\S+)\s*$', f.read(), re.M)
    if not m:
        sys.exit(f'{path}: no #define __HC_VMW_SLOW')
    return m.group(1)


# The slow path's name says which register contract it keeps
SLOW = slow_symbol()
SLOW_NAME = re.compile(r'^__hc_vmware_slow_v[0-9]+$')

# A function's transports: {transport: (instruction, keys to enable)}; an
# instruction may also be the symbol of a direct call.  With no VMware key
# enabled (TDX, no backdoor), low bandwidth calls the slow path.
VMW_LB = {t: (t, {k}) for t, k in VMW_KEYS.items()}
VMW_LB['none'] = (SLOW, set())
KVM = {t: (t, {k}) for t, k in KVM_KEYS.items()}
PALACIOS = {t: (t, {k}) for t, k in PALACIOS_KEYS.items()}


def vmw_hb(ioport_insn):
    return {'ioport': (ioport_insn, {VMW_KEYS['ioport'], HB_ON}),
            'vmcall': ('vmcall', {VMW_KEYS['vmcall'], HB_ON}),
            'vmmcall': ('vmmcall', {VMW_KEYS['vmmcall'], HB_ON})}


VMW_HB_OUT = vmw_hb('hb_out')
VMW_HB_IN = vmw_hb('hb_in')


def is_vmw_hb(transports):
    return transports['ioport'][0] in ('hb_out', 'hb_in') \
        if 'ioport' in transports else False


# What is checked, per module.  A function without transports is a call
# site of an exported function: only the checks of the whole function and of
# the path to its first call apply.
MODULES = {
    'kernel/hypercall.ko': dict(
        [(f'vmware_hypercall{n}', VMW_LB) for n in (1, 3, 4, 5, 6, 7)] +
        [('vmware_hypercall_hb_out', VMW_HB_OUT),
         ('vmware_hypercall_hb_in', VMW_HB_IN),
         ('hypercall_vmware_call', VMW_LB)] +
        [(f'hypercall_kvm{n}', KVM) for n in range(5)] +
        [('hypercall_kvm_call', KVM),
         ('hypercall_palacios_call', PALACIOS)]),
    'kernel/sample/hypercall_sample.ko': {
        'hc_sample_version_get': VMW_LB,
        'hc_sample_version_export_get': {'call': ('vmware_hypercall3', set())},
    },
}

# Calls allowed before the hypercall: the ftrace site, a NOP once loaded,
# and the sanitizers' checks of the KUnit kernel's build (KASAN, UBSAN)
ALLOWED_CALLS = re.compile(r'^(__fentry__$|__asan_|__kasan_|__ubsan_)')
RETURN_THUNK = '__x86_return_thunk'
RETPOLINE = re.compile(r'^__x86_indirect_(call_|jump_|its_)?thunk')

LINE = re.compile(r'^\s*([0-9a-f]+):\t([0-9a-f ]+?)\s*(?:\t(.*))?$')
RELOC = re.compile(r'^\s*([0-9a-f]+): (R_X86_64_\w+)\s+(\S+)$')
FUNC = re.compile(r'^([0-9a-f]+) <([^>]+)>:$')
SECTION = re.compile(r'^Disassembly of section (\S+):$')
TARGET = re.compile(r'^([0-9a-f]+)(?: <.*>)?$')
RELOC_VALUE = re.compile(r'^(.*?)([+-]0x[0-9a-f]+)?$')


def reg_name(op):
    """'%r8d' -> 'r8', '%edx' -> 'dx', '%rbx' -> 'bx'; None if not a
    general-purpose register"""
    op = op.strip().lstrip('%')
    m = re.match(r'^(r\d+)[dwb]?$', op)
    if m:
        return m.group(1)
    m = re.match(r'^[re]?([abcd]x|[sd]i|[sb]p)$', op)
    return m.group(1) if m else None


def run(*cmd):
    return subprocess.run(cmd, check=True, capture_output=True,
                          text=True).stdout


def split_value(value):
    """'sym+0x10' -> ('sym', 16)"""
    m = RELOC_VALUE.match(value)
    return m.group(1), int(m.group(2) or '0', 16)


class Insn:
    def __init__(self, addr, raw, text):
        self.addr = addr
        self.bytes = raw.strip()
        self.text = re.sub(r'\s+#.*$', '', text.strip())
        parts = self.text.split(None, 1)
        self.mnem = parts[0] if parts else ''
        self.ops = parts[1] if len(parts) > 1 else ''
        while self.mnem in ('notrack', 'bnd', 'rep', 'repz', 'repnz',
                            'lock', 'ds', 'cs') and self.ops:
            parts = self.ops.split(None, 1)
            self.mnem = parts[0]
            self.ops = parts[1] if len(parts) > 1 else ''
        self.relocs = []    # (type, symbol, addend)

    @property
    def next(self):
        """The address of the next instruction"""
        return self.addr + len(self.bytes.split())

    def target(self):
        m = TARGET.match(self.ops)
        return int(m.group(1), 16) if m else None

    def reloc_sym(self):
        for _, sym, _ in self.relocs:
            return sym
        return None

    def hypercall(self):
        return INSNS.get(self.bytes)

    def indirect(self):
        return self.mnem.startswith(('call', 'jmp')) and \
            self.ops.startswith('*')

    def memory_reloc(self):
        """A memory operand that names a symbol: a variable, read or
        written.  RIP-relative, or absolute (no immediate to relocate); a
        relocated immediate ($sym, an address put somewhere) is no access."""
        if self.mnem.startswith(('lea', 'call', 'jmp', 'nop')):
            return None
        for rtype, sym, _ in self.relocs:
            if rtype == 'R_X86_64_PLT32':
                continue
            if '(%rip)' in self.ops or '$' not in self.ops:
                return sym
        return None


class Module:
    """The disassembly of one object, with its exception and jump tables."""

    def __init__(self, path):
        self.path = path
        self.funcs = {}     # name -> (section, [Insn])
        self.symbols = set(run('nm', path).split())
        self.extable = {}   # (section, insn addr) -> (fixup section, addr, data)
        self.jumps = {}     # (section, code addr) -> (target addr, key, branch)
        self._disassemble()
        self._tables()

    def _disassemble(self):
        section = func = None
        for line in run('objdump', '-dr', self.path).splitlines():
            m = SECTION.match(line)
            if m:
                section = m.group(1)
                continue
            m = FUNC.match(line)
            if m:
                func = []
                self.funcs[m.group(2)] = (section, func)
                continue
            m = RELOC.match(line)
            if m and func:
                func[-1].relocs.append((m.group(2),) +
                                       split_value(m.group(3)))
                continue
            m = LINE.match(line)
            if m and func is not None and m.group(3) is not None:
                func.append(Insn(int(m.group(1), 16), m.group(2),
                                 m.group(3)))
            elif m and func:
                # the rest of a long instruction's bytes (without -w)
                func[-1].bytes += ' ' + m.group(2).strip()

    def _relocs(self, section):
        out = {}
        try:
            text = run('objdump', '-r', '-w', '-j', section, self.path)
        except subprocess.CalledProcessError:
            return out
        for line in text.splitlines():
            f = line.split()
            if len(f) == 3 and f[1].startswith('R_X86_64_'):
                out[int(f[0], 16)] = split_value(f[2])
        return out

    def _contents(self, section):
        data = bytearray()
        try:
            text = run('objdump', '-s', '-j', section, self.path)
        except subprocess.CalledProcessError:
            return data
        for line in text.splitlines():
            m = re.match(r'^ ([0-9a-f]{4,}) ((?:[0-9a-f]{2,8} ){1,4})', line)
            if m:
                data += bytes.fromhex(m.group(2).replace(' ', ''))
        return data

    def _tables(self):
        rel = self._relocs('__ex_table')
        raw = self._contents('__ex_table')
        for off in range(0, len(raw), 12):
            if off not in rel or off + 4 not in rel:
                continue
            (isec, iaddr), (fsec, faddr) = rel[off], rel[off + 4]
            data = int.from_bytes(raw[off + 8:off + 12], 'little')
            self.extable[(isec, iaddr)] = (fsec, faddr, data)
        rel = self._relocs('__jump_table')
        for off in sorted(rel):
            if off % 16 or off + 4 not in rel or off + 8 not in rel:
                continue
            (csec, caddr), (_, taddr) = rel[off], rel[off + 4]
            key, addend = rel[off + 8]
            self.jumps[(csec, caddr)] = (taddr, key, addend & 1)


def check_function(mod, name, transports, problems, verbose):
    def bad(msg):
        problems.append(f'{os.path.basename(mod.path)}: {name}: {msg}')

    if name not in mod.funcs:
        bad('not found')
        return
    section, insns = mod.funcs[name]
    at = {i.addr: i for i in insns}

    # The whole function: no indirect branch, no retpoline thunk
    for i in insns:
        if i.indirect():
            bad(f'indirect {i.mnem} at {i.addr:#x}: {i.text}')
        for _, sym, _ in i.relocs:
            if RETPOLINE.match(sym):
                bad(f'{i.mnem} into the retpoline thunk {sym} at {i.addr:#x}')

    # Every hypercall instruction: a transport of this function, with its
    # exception fixup: ONE_REG on the register the next instruction clears
    # (VMware high bandwidth: FAULT, which puts the trap number in RAX, and
    # EDX cleared, which holds the port or the HB flag before), resuming
    # after that instruction
    wanted = {insn for insn, _ in transports.values()}
    hb = is_vmw_hb(transports)
    vmw = transports is VMW_LB or hb
    for idx, i in enumerate(insns):
        kind = i.hypercall()
        if not kind:
            continue
        if kind not in wanted:
            bad(f'{kind} instruction at {i.addr:#x} is not one of its transports')
        ex = mod.extable.get((section, i.addr))
        if not ex:
            bad(f'{kind} at {i.addr:#x} has no __ex_table entry')
            continue
        fsec, faddr, data = ex
        nxt = insns[idx + 1] if idx + 1 < len(insns) else None
        regs = [reg_name(r) for r in nxt.ops.split(',')] if nxt else []
        if not nxt or nxt.mnem != 'xor' or len(regs) != 2 or \
                regs[0] != regs[1] or not regs[0]:
            bad(f'{kind} at {i.addr:#x} is not followed by clearing the fault flag')
            continue
        reg = regs[0]
        if hb:
            if data != EX_TYPE_FAULT:
                bad(f'{kind} at {i.addr:#x}: __ex_table type {data:#x}, '
                    f'not EX_TYPE_FAULT')
            elif reg != 'dx':
                bad(f'{kind} at {i.addr:#x}: the fault flag is {reg}, '
                    f'not dx (the port or the HB flag)')
        elif data & ~0xf00 != EX_TYPE_ONE_REG:
            bad(f'{kind} at {i.addr:#x}: __ex_table type {data:#x}, '
                f'not EX_TYPE_ONE_REG')
        elif (data >> 8) & 0xf != REG_NUMBERS.get(reg, -1):
            bad(f'{kind} at {i.addr:#x}: the fixup sets register '
                f'{(data >> 8) & 0xf}, the code clears {reg}')
        if (fsec, faddr) != (section, nxt.next):
            bad(f'{kind} at {i.addr:#x}: the fixup resumes at {faddr:#x}, '
                f'not after the flag is cleared ({nxt.next:#x})')
        if vmw and (hb or kind == 'vmmcall'):
            check_rbp(insns, idx, at.get(faddr), hb, bad)

    sites = {addr: j for (sec, addr), j in mod.jumps.items()
             if sec == section and addr in at}
    for transport, (insn, keys) in sorted(transports.items()):
        for key in keys:
            if not any(k == key for _, k, _ in sites.values()):
                bad(f'{transport}: no __jump_table entry for {key}')
        reached = walk(at, insns[0].addr, sites, keys, insn, bad, transport)
        if not reached:
            bad(f'{transport}: no path from the entry reaches {insn}')
        elif verbose:
            print(f'  {name}: {transport}: {insn} at '
                  f'{", ".join(hex(a) for a in sorted(reached))}')


def check_rbp(insns, idx, resume, hb, bad):
    """RBP around insns[idx]: pushed before it, set (high bandwidth: to
    in6; vmmcall: cleared, right before it), popped where the fixup
    resumes."""
    i = insns[idx]
    kind = i.hypercall()
    before = insns[max(0, idx - 4):idx]
    pushed = [n for n, p in enumerate(before)
              if p.mnem == 'push' and p.ops == '%rbp']
    if not pushed:
        bad(f'{kind} at {i.addr:#x}: RBP is not saved before it')
        return
    set_rbp = before[pushed[-1] + 1:]
    if hb:
        if not any(p.mnem == 'mov' and p.ops.endswith(',%rbp')
                   for p in set_rbp):
            bad(f'{kind} at {i.addr:#x}: RBP is not loaded with in6')
    elif not (len(set_rbp) == 1 and set_rbp[0].mnem == 'xor' and
              set_rbp[0].ops == '%ebp,%ebp'):
        bad(f'{kind} at {i.addr:#x}: RBP is not cleared right before it')
    if resume is None or resume.mnem != 'pop' or resume.ops != '%rbp':
        bad(f'{kind} at {i.addr:#x}: RBP is not restored where the fixup '
            f'resumes')


def walk(at, entry, sites, keys, want, bad, transport):
    """Every path from @entry with @keys enabled; returns the addresses of
    the wanted instructions (or call) reached first on each path."""
    reached, seen, todo = set(), set(), [entry]
    while todo:
        addr = todo.pop()
        while addr not in seen:
            seen.add(addr)
            i = at.get(addr)
            if i is None:
                bad(f'{transport}: the path leaves the function at {addr:#x}')
                break
            if addr in sites:
                target, key, branch = sites[addr]
                if (key in keys) != bool(branch):
                    addr = target
                else:
                    addr = i.next
                continue
            kind = i.hypercall()
            if kind:
                if kind != want:
                    bad(f'{transport}: reaches {kind} at {addr:#x}, not {want}')
                else:
                    reached.add(addr)
                break
            if i.indirect():
                break       # reported for the whole function
            var = i.memory_reloc()
            if var:
                bad(f'{transport}: {i.text} at {addr:#x} accesses {var} '
                    f'before the hypercall')
            sym = i.reloc_sym()
            if i.mnem.startswith('call'):
                if sym == want:
                    reached.add(addr)
                    break
                if not sym or not ALLOWED_CALLS.match(sym):
                    bad(f'{transport}: calls {sym or i.ops} at {addr:#x} '
                        f'before the hypercall')
                addr = i.next
            elif i.mnem.startswith('jmp'):
                if sym == RETURN_THUNK:
                    bad(f'{transport}: returns at {addr:#x} without the hypercall')
                    break
                if sym:
                    if sym == want:
                        reached.add(addr)
                    else:
                        bad(f'{transport}: jumps to {sym} at {addr:#x} '
                            f'before the hypercall')
                    break
                addr = i.target()
            elif i.mnem.startswith('j'):
                todo.append(i.target())
                addr = i.next
            elif i.mnem.startswith(('ret', 'ud2', 'int3')):
                bad(f'{transport}: {i.mnem} at {addr:#x} before the hypercall')
                break
            else:
                addr = i.next
    return reached


def check_slow(mod, problems):
    """The slow path's symbol names its contract, and the module exports
    it: a consumer built against another contract fails to load."""
    name = os.path.basename(mod.path)
    if not SLOW_NAME.match(SLOW):
        problems.append(f'{name}: the slow path {SLOW} does not carry the '
                        f'version of its register contract '
                        f'(__hc_vmware_slow_v<N>)')
    if '__ksymtab_' + SLOW not in mod.symbols:
        problems.append(f'{name}: does not export the slow path {SLOW}')


def check_dir(d, problems, verbose):
    for rel, funcs in MODULES.items():
        path = os.path.join(d, rel)
        if not os.path.exists(path):
            problems.append(f'{path}: missing')
            continue
        mod = Module(path)
        before = len(problems)
        if rel == 'kernel/hypercall.ko':
            check_slow(mod, problems)
        for name, transports in funcs.items():
            check_function(mod, name, transports, problems, verbose)
        print(f'{path}: {len(funcs)} functions, '
              f'{"ok" if len(problems) == before else "FAILED"}')


# What each broken fixture must be caught for
SELF_TEST_REASONS = {
    'bad_kvm_indirect_call': 'indirect call',
    'bad_kvm_indirect_jump': 'indirect jmp',
    'bad_kvm_retpoline': 'retpoline thunk',
    'bad_kvm_mode_load': 'accesses .data',
    'bad_kvm_mode_test': 'accesses .data',
    'bad_kvm_call_first': 'calls hc_pick',
    'bad_kvm_swapped': 'reaches vmcall',
    'bad_kvm_no_extable': 'no __ex_table entry',
    'bad_kvm_wrong_reg': 'the fixup sets register 8, the code clears dx',
    'bad_kvm_no_key': 'no __jump_table entry for __hc_kvm_vmmcall',
    'bad_vmware_no_ioport': 'no path from the entry reaches ioport',
    'bad_vmware_no_slow': 'no path from the entry reaches ' + SLOW,
    'bad_vmware_vmmcall_rbp_kept': 'RBP is not saved before it',
    'bad_vmware_vmmcall_rbp_not_cleared': 'RBP is not cleared right before it',
    'bad_vmware_hb_one_reg': 'not EX_TYPE_FAULT',
    'bad_vmware_hb_flag_r8': 'the fault flag is r8, not dx',
    'bad_vmware_hb_rbp_not_restored': 'RBP is not restored where the fixup',
    'bad_palacios_other_keys': 'no __jump_table entry for __hc_palacios_vmcall',
}


def self_test(verbose):
    """Each function of scripts/objcheck/selftest.S is checked like an
    exported one; its name says whether it must pass (good_*) or fail
    (bad_*), and SELF_TEST_REASONS what for."""
    src = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       'objcheck', 'selftest.S')
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        obj = os.path.join(tmp, 'selftest.o')
        subprocess.run(['gcc', '-c', '-I', INCLUDE, '-o', obj, src],
                       check=True)
        mod = Module(obj)
        names = sorted(n for n in mod.funcs if n.startswith(('good_', 'bad_')))
        missing = set(SELF_TEST_REASONS) - set(names)
        if not names or missing:
            print(f'self-test: selftest.S lacks {sorted(missing) or "functions"}')
            return 1
        for name in names:
            transports = KVM if '_kvm' in name else \
                PALACIOS if '_palacios' in name else \
                VMW_HB_IN if '_hb' in name else VMW_LB
            problems = []
            check_function(mod, name, transports, problems, verbose)
            if name.startswith('good_'):
                ok = not problems
            else:
                why = SELF_TEST_REASONS.get(name, '?')
                ok = any(why in p for p in problems)
            failures += not ok
            print(f'self-test {name}: {"ok" if ok else "WRONG"}'
                  + ''.join(f'\n    {p}' for p in problems))
    return 1 if failures else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('-v', '--verbose', action='store_true')
    ap.add_argument('--self-test', action='store_true')
    ap.add_argument('dirs', nargs='*')
    args = ap.parse_args()
    if not args.dirs and not args.self_test:
        ap.error('no build directory')
    status = self_test(args.verbose) if args.self_test else 0
    if not args.dirs:
        return status
    problems = []
    for d in args.dirs:
        check_dir(d, problems, args.verbose)
    for p in problems:
        print('FAIL:', p)
    return 1 if problems or status else 0


if __name__ == '__main__':
    sys.exit(main())
