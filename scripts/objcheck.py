#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Prove from the built modules that the patched hypercall path costs
nothing extra, and count what it costs (Documentation/performance.rst,
"The static proof" and "The instruction budget").

    objcheck.py [-v] [--table FILE] DIR...
                                  DIR: a build of scripts/build.sh module,
                                  holding kernel/hypercall.ko,
                                  kernel/sample/hypercall_sample.ko and
                                  kernel/bench/hypercall_bench.ko
    objcheck.py --self-test [DIR...]
                                  first the same checks on the functions of
                                  scripts/objcheck/selftest.S, which must
                                  pass or fail as each one says, and count
                                  as SELF_TEST_COUNTS says

For every exported hypercall function of hypercall.ko (VMware, KVM,
Palacios) and every hypercall site of the sample consumer, from objdump -dr
and the relocations of __ex_table, __jump_table and .altinstructions:

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
    transports, and has the __ex_table entry of its fault flag
    (fixup_style()), resuming right after the instruction that sets it;
  - RBP is saved before, and restored at the fixup's resume point after,
    the instructions whose host may write it: VMware high bandwidth (RBP
    carries in6) and VMware low bandwidth over vmmcall (SEV-ES), which
    also clears it right before the instruction;
  - each transport's key has a __jump_table entry in the function.

The paths follow the __jump_table: a site jumps to its target when its key
is enabled XOR its branch bit is set (kernel/jump_label.c,
jump_label_type()), and falls through otherwise, whatever bytes the object
holds there; a site with an entry per key (__HC_SITE3()) must be a NOP
while none is enabled.

Then, for each build that is not instrumented, it counts the instructions
of the success path (Path) of each of those functions on each transport,
and of the kernel's own inline of the same shape compiled into the bench
module (kernel/bench/kernel.c), whose alternatives it applies as the kernel
does for the transport's CPU features; prints the table and holds each
function to the budget (BUDGET, Row).  Exit status 1 if anything does not
hold.
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
VMW_HB_KEYS = {'ioport': '__hc_vmware_hb_ioport',
               'vmcall': '__hc_vmware_hb_vmcall',
               'vmmcall': '__hc_vmware_hb_vmmcall'}
PALACIOS_KEYS = {'vmcall': '__hc_palacios_vmcall',
                 'vmmcall': '__hc_palacios_vmmcall'}

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
    return {'ioport': (ioport_insn, {VMW_HB_KEYS['ioport']}),
            'vmcall': ('vmcall', {VMW_HB_KEYS['vmcall']}),
            'vmmcall': ('vmmcall', {VMW_HB_KEYS['vmmcall']})}


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


class Alt:
    """One entry of .altinstructions: at its original's address, the
    replacement (section, address) of @replen bytes replaces @instrlen
    bytes when the CPU has @feature (lacks it, if @neg)."""

    def __init__(self, feature, neg, call, instrlen, repl, replen):
        self.feature, self.neg, self.call = feature, neg, call
        self.instrlen, self.repl, self.replen = instrlen, repl, replen


FEATURE = re.compile(r'^#define\s+X86_FEATURE_(\w+)\s+\(\s*(\d+)\s*\*\s*32'
                     r'\s*\+\s*(\d+)\s*\)', re.M)


def kernel_features(build):
    """The X86_FEATURE_* numbers of the <asm/cpufeatures.h> that the objects
    in @build (a module's directory) were compiled with"""
    for name in sorted(os.listdir(build)):
        if not name.endswith('.o.cmd'):
            continue
        with open(os.path.join(build, name)) as f:
            m = re.search(r'(\S+/arch/x86/include/asm/cpufeatures\.h)',
                          f.read())
        if m:
            with open(m.group(1)) as f:
                return {n: int(w) * 32 + int(b)
                        for n, w, b in FEATURE.findall(f.read())}
    sys.exit(f'{build}: no .o.cmd names asm/cpufeatures.h')


class Module:
    """The disassembly of one object, with its exception and jump tables
    and its alternatives."""

    def __init__(self, path, features=None):
        self.path = path
        self.funcs = {}     # name -> (section, [Insn])
        self.code = {}      # section -> {addr: Insn}
        self.symbols = set(run('nm', path).split())
        self.extable = {}   # (section, insn addr) -> (fixup section, addr, data)
        self.jumps = {}     # (section, code addr) -> [(target, key, branch)]
        self.alts = {}      # (section, addr) -> [Alt], in table order
        self._features = features
        self._disassemble()
        self._tables()
        self._alternatives()
        for section, insns in self.funcs.values():
            self.code.setdefault(section, {}).update(
                (i.addr, i) for i in insns)

    @property
    def features(self):
        """The kernel's CPU feature numbers, {'VMCALL': 274, ...}: from the
        <asm/cpufeatures.h> that Kbuild compiled the module with (its .cmd
        files list every header), read when first needed"""
        if self._features is None:
            self._features = kernel_features(os.path.dirname(self.path))
        return self._features

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
            self.jumps.setdefault((csec, caddr), []).append(
                (taddr, key, addend & 1))

    def _alternatives(self):
        """struct alt_instr (<asm/alternative.h>): the original's and the
        replacement's offsets, then the feature, and the two lengths.  6.1:
        u16 cpuid, bit 15 inverting it (12 bytes); 6.12: u32 ft_flags, the
        feature in bits 15:0, ALT_FLAG_NOT in bit 16 and ALT_FLAG_DIRECT_CALL
        in bit 17 (14 bytes).  The size of an entry tells them apart."""
        rel = self._relocs('.altinstructions')
        raw = self._contents('.altinstructions')
        if not rel:
            return
        size = len(raw) * 2 // len(rel)
        if size not in (12, 14) or len(raw) % size:
            sys.exit(f'{self.path}: .altinstructions entries of {size} bytes')
        for off in range(0, len(raw), size):
            orig, repl = rel[off], rel[off + 4]
            if size == 12:
                word = int.from_bytes(raw[off + 8:off + 10], 'little')
                feature, neg, call = word & 0x7fff, bool(word & 0x8000), False
            else:
                word = int.from_bytes(raw[off + 8:off + 12], 'little')
                feature, neg = word & 0xffff, bool(word & (1 << 16))
                call = bool(word & (1 << 17))
            self.alts.setdefault(orig, []).append(Alt(
                feature, neg, call, raw[off + size - 2], repl,
                raw[off + size - 1]))


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
    # exception fixup, resuming right after the instruction that follows it
    # (fixup_style())
    wanted = {insn for insn, _ in transports.values()}
    style = fixup_style(transports)
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
        if not check_fixup(style, insns, idx, data, bad):
            continue
        if (fsec, faddr) != (section, nxt.next):
            bad(f'{kind} at {i.addr:#x}: the fixup resumes at {faddr:#x}, '
                f'not after the flag is set ({nxt.next:#x})')
        if style == 'trap' or (style == 'zf' and kind == 'vmmcall'):
            check_rbp(insns, idx, at.get(faddr), style == 'trap', bad)

    sites = {addr: j for (sec, addr), j in mod.jumps.items()
             if sec == section and addr in at}
    for transport, (insn, keys) in sorted(transports.items()):
        for key in keys:
            if not any(k == key for entries in sites.values()
                       for _, k, _ in entries):
                bad(f'{transport}: no __jump_table entry for {key}')
        reached = walk(at, insns[0].addr, sites, keys, insn, bad, transport)
        if not reached:
            bad(f'{transport}: no path from the entry reaches {insn}')
        elif verbose:
            print(f'  {name}: {transport}: {insn} at '
                  f'{", ".join(hex(a) for a in sorted(reached))}')


def fixup_style(transports):
    """How a function's instructions tell a fault:
    'one_reg': EX_TYPE_ONE_REG sets a register that the next instruction
               clears (KVM, and any ABI that does not say otherwise);
    'zf':      VMware low bandwidth: ZF set before the instruction, cleared
               by "test %rsp,%rsp" after it, EX_TYPE_ONE_REG resuming past
               that (__HC_INSN_ZF(): the register tells a fault from the
               slow path's refusal);
    'trap':    VMware high bandwidth: EX_TYPE_FAULT, which puts the trap
               number in RAX, and EDX cleared, which holds the port or the
               HB flag before."""
    if is_vmw_hb(transports):
        return 'trap'
    return 'zf' if transports is VMW_LB else 'one_reg'


# Instructions that write no flags, between the setting of ZF and the
# instruction
ZF_KEPT = re.compile(r'^(push|mov[lwqb]?$|nop)')


def check_fixup(style, insns, idx, data, bad):
    """The fault flag around insns[idx] and its __ex_table data, as
    fixup_style() says; False if the instruction after is not the flag's"""
    i = insns[idx]
    kind = i.hypercall()
    nxt = insns[idx + 1] if idx + 1 < len(insns) else None
    if style == 'zf':
        if not nxt or nxt.mnem != 'test' or nxt.ops != '%rsp,%rsp':
            bad(f'{kind} at {i.addr:#x} is not followed by clearing ZF '
                f'(test %rsp,%rsp)')
            return False
        if data & ~0xf00 != EX_TYPE_ONE_REG:
            bad(f'{kind} at {i.addr:#x}: __ex_table type {data:#x}, '
                f'not EX_TYPE_ONE_REG')
        for p in reversed(insns[max(0, idx - 6):idx]):
            if ZF_KEPT.match(p.mnem):
                continue
            ops = operands(p.ops)
            if p.mnem in ('xor', 'cmp') and len(ops) == 2 and \
                    ops[0] == ops[1] and reg_of(ops[0]):
                return True
            break
        bad(f'{kind} at {i.addr:#x}: ZF is not set right before it (an xor '
            f'or cmp of a register with itself)')
        return True
    regs = [reg_name(r) for r in nxt.ops.split(',')] if nxt else []
    if not nxt or nxt.mnem != 'xor' or len(regs) != 2 or \
            regs[0] != regs[1] or not regs[0]:
        bad(f'{kind} at {i.addr:#x} is not followed by clearing the fault flag')
        return False
    reg = regs[0]
    if style == 'trap':
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
    return True


def rbp_save(i):
    """Where @i saves RBP: 'stack' for a push, the register for a mov from
    RBP to another register, else None"""
    if i.mnem == 'push' and i.ops == '%rbp':
        return 'stack'
    if i.mnem == 'mov' and i.ops.startswith('%rbp,%r'):
        return i.ops.split(',')[1]
    return None


def check_rbp(insns, idx, resume, hb, bad):
    """RBP around insns[idx]: saved before it (pushed, or moved to a
    register: R11 at the low-bandwidth vmmcall sites that have it free),
    set (high bandwidth: to in6; vmmcall: cleared, right before it), and
    restored from where it was saved where the fixup resumes."""
    i = insns[idx]
    kind = i.hypercall()
    before = insns[max(0, idx - 4):idx]
    saved = [n for n, p in enumerate(before) if rbp_save(p)]
    if not saved:
        bad(f'{kind} at {i.addr:#x}: RBP is not saved before it')
        return
    where = rbp_save(before[saved[-1]])
    set_rbp = before[saved[-1] + 1:]
    if hb:
        if not any(p.mnem == 'mov' and p.ops.endswith(',%rbp')
                   for p in set_rbp):
            bad(f'{kind} at {i.addr:#x}: RBP is not loaded with in6')
    elif not (len(set_rbp) == 1 and set_rbp[0].mnem == 'xor' and
              set_rbp[0].ops == '%ebp,%ebp'):
        bad(f'{kind} at {i.addr:#x}: RBP is not cleared right before it')
    if where == 'stack':
        restored = resume is not None and resume.mnem == 'pop' and \
            resume.ops == '%rbp'
    else:
        restored = resume is not None and resume.mnem == 'mov' and \
            resume.ops == f'{where},%rbp' and \
            not any(p.ops.endswith(',' + where) for p in set_rbp)
    if not restored:
        bad(f'{kind} at {i.addr:#x}: RBP is not restored where the fixup '
            f'resumes')


def site_goes(entries, keys):
    """Where a static-key site goes with @keys enabled: to the target of
    the entry whose key's state differs from its branch bit
    (jump_label_type() in kernel/jump_label.c), else on (None), whatever
    bytes the object holds there.  Each key's state rewrites only its own
    entries: a site with several (__HC_SITE3()) must be a NOP while none of
    its keys is enabled (branch 0 on each), and at most one may jump.
    Returns (target or None, problem or None)."""
    jumping = [t for t, k, b in entries if (k in keys) != bool(b)]
    if len(entries) > 1 and any(b for _, _, b in entries):
        return None, 'has several keys, one of them with branch 1'
    if len(jumping) > 1:
        return None, 'jumps for two keys at once'
    return (jumping[0] if jumping else None), None


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
                target, problem = site_goes(sites[addr], keys)
                if problem:
                    bad(f'{transport}: the site at {addr:#x} {problem}')
                addr = i.next if target is None else target
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


# The instruction budget (Documentation/performance.rst, "The instruction
# budget"): the instructions that one call runs on its success path, per
# transport, as the kernel leaves the code once it has patched it.

# What each counted instruction is for (the table's columns)
PURPOSES = {
    'frame': "the function's own: call, endbr64, the ftrace NOP, saving and "
             "restoring callee-saved registers, ret",
    'select': 'choosing the path: a static-key site (ours), the TDX test '
              '(the kernel\'s alternative)',
    'insn': 'the hypercall instruction, and the NOP that pads its '
            'alternative',
    'setup': 'loading and moving registers',
    'rbp': 'RBP saved, set and restored around the instruction (SEV-ES on '
           'vmmcall; in6 for high bandwidth)',
    'zero': 'ESI and EDI sent as 0 over vmmcall (SEV-ES)',
    'flag': 'the fault flag: cleared after the instruction, tested',
    'null': 'the test of an output pointer for NULL',
    'store': 'storing an output',
    'stack': 'the stack: locals, arguments passed on it, the stack '
             'protector',
    'jump': 'a jump between blocks',
    'call': 'a call the caller makes after the site',
}
CALLEE_SAVED = {'bx', 'bp', 'r12', 'r13', 'r14', 'r15'}
CALLER_SAVED = {'ax', 'cx', 'dx', 'si', 'di', 'r8', 'r9', 'r10', 'r11'}
HYPERCALL_REGS = {'ax', 'bx', 'cx', 'dx', 'si', 'di'}
# Instructions that leave EFLAGS alone (any other may change them)
FLAGS_KEPT = re.compile(r'^(mov|lea|push|pop|nop|xchg|endbr|cmov|set|bswap|'
                        r'jmp|call|ret|cwtl|cltq|cqto|cltd)')
REG_WIDTH = {}
for _r in 'ax bx cx dx si di sp bp'.split():
    REG_WIDTH['r' + _r] = (_r, 64)
    REG_WIDTH['e' + _r] = (_r, 32)
    REG_WIDTH[_r] = (_r, 16)
for _r, _l in (('ax', 'al'), ('bx', 'bl'), ('cx', 'cl'), ('dx', 'dl'),
               ('si', 'sil'), ('di', 'dil'), ('sp', 'spl'), ('bp', 'bpl')):
    REG_WIDTH[_l] = (_r, 8)
for _n in range(8, 16):
    for _s, _w in (('', 64), ('d', 32), ('w', 16), ('b', 8)):
        REG_WIDTH[f'r{_n}{_s}'] = (f'r{_n}', _w)


def operands(ops):
    """AT&T operands, split at the commas outside parentheses"""
    out, depth, cur = [], 0, ''
    for c in ops:
        depth += (c == '(') - (c == ')')
        if c == ',' and not depth:
            out.append(cur.strip())
            cur = ''
        else:
            cur += c
    return out + [cur.strip()] if cur.strip() else out


def reg_of(op):
    """'%r8d' -> ('r8', 32); None for anything but a register"""
    return REG_WIDTH.get(op[1:]) if op.startswith('%') else None


def imm_of(op):
    return int(op[1:], 0) & (1 << 64) - 1 \
        if re.match(r'^\$-?(0x[0-9a-f]+|\d+)$', op) else None


class Step:
    """One instruction on a counted path: where, what, and what for"""

    def __init__(self, addr, text, purpose):
        self.addr, self.text, self.purpose = addr, text, purpose
        self.zero_arg = False   # writes 0 into ESI or EDI
        self.block = 0          # the straight-line block it ran in
        self.rbp_save = None    # where it saves RBP (rbp_save())


class Path:
    """The success path of one function for one transport: every path
    decision is made from the code's own state (keys, alternatives, values
    the code set itself), and where it is not (a pointer's test for NULL),
    by the rule that the outputs are given."""

    def __init__(self, mod, name, keys, features, caller=False):
        self.mod, self.name = mod, name
        self.steps, self.problems = [], []
        self.keys = keys
        self.features = features        # the kernel's features: names
        self.regs = {}                  # register -> known value
        self.writer = {}                # register -> the Step that set it
        self.flags = None               # (kind, value, width, purpose)
        self.fault_reg = None           # cleared after the instruction
        self.rbp_open = False           # where RBP waits around the
                                        # instruction: 'stack', a register
        self.just_after_insn = False
        self.block = 0
        self.walk(caller)

    def bad(self, msg):
        self.problems.append(f'{os.path.basename(self.mod.path)}: '
                             f'{self.name}: {msg}')

    def count(self, frame=True):
        """The instructions, with the frame's or without"""
        return sum(frame or s.purpose != 'frame' for s in self.steps)

    def purposes(self):
        out = {}
        for s in self.steps:
            out[s.purpose] = out.get(s.purpose, 0) + 1
        return out

    def add(self, insn, purpose):
        step = Step(insn.addr, insn.text, purpose)
        step.block = self.block
        step.rbp_save = rbp_save(insn)
        self.steps.append(step)
        return step

    def walk(self, caller):
        if self.name not in self.mod.funcs:
            self.bad('not found')
            return
        section, insns = self.mod.funcs[self.name]
        if caller:
            self.steps.append(Step(None, 'call ' + self.name, 'frame'))
        where = (section, insns[0].addr)
        for _ in range(2000):
            if where is None:
                return
            if where in self.mod.alts:
                where = self.alternative(where)
                continue
            i = self.mod.code.get(where[0], {}).get(where[1])
            if i is None:
                self.bad(f'the path leaves the code at {where[1]:#x}')
                return
            where = self.execute(where[0], i)
        self.bad('the path does not end')

    def alternative(self, where):
        """An alternative as apply_alternatives() leaves it: the last entry
        whose feature condition holds (nested and _2 alternatives are
        entries at the same address, applied in order) replaces the
        original with its replacement, padded with NOPs to the longest
        entry's length; optimize_nops() makes a run of NOPs one NOP."""
        alts = self.mod.alts[where]
        length = max(a.instrlen for a in alts)
        chosen = None
        for a in alts:
            name = [n for n, v in self.mod.features.items()
                    if v == a.feature]
            has = any(n in self.features or n == 'ALWAYS' for n in name)
            if has != a.neg:
                chosen = a
        if chosen is None:
            section, start = where
            code = self.mod.code.get(section, {})
            insns = [code[a] for a in sorted(code) if start <= a < start + length]
            end = (section, start + length)
        else:
            if chosen.call:
                self.bad(f'alternative call at {where[1]:#x}: not counted')
                return None
            section, start = chosen.repl
            code = self.mod.code.get(section, {})
            insns = [code[a] for a in sorted(code)
                     if start <= a < start + chosen.replen]
            end = (where[0], where[1] + length)
        padded = chosen is not None and chosen.replen < length
        last_nop = False
        for i in insns:
            if i.mnem.startswith('nop') or i.text == 'xchg   %ax,%ax':
                if not last_nop:
                    self.add(i, 'insn')
                last_nop = True
                continue
            last_nop = False
            nxt = self.execute(section, i, in_alt=True)
            if nxt != (section, i.next):
                return nxt      # a jump, or the end
        if padded and not last_nop:
            self.steps.append(Step(where[1], 'nop (padding)', 'insn'))
        return end

    def transfer(self):
        self.block += 1
        self.rbp_open = False

    def branch_target(self, section, i):
        """Where a jmp, jcc or call goes: (section, address) in this
        object, or a symbol's name"""
        for _, sym, addend in i.relocs:
            if sym.startswith('.'):
                return (sym, addend + 4)
            return sym
        t = i.target()
        return (section, t) if t is not None else None

    def execute(self, section, i, in_alt=False):
        """Run @i: record it, update what is known; returns where the path
        goes next (None: it ended)"""
        ops = operands(i.ops)
        kind = i.hypercall()
        nxt = (section, i.next)
        site = self.mod.jumps.get((section, i.addr)) if not in_alt else None
        if site:
            target, problem = site_goes(site, self.keys)
            if problem:
                self.bad(f'the site at {i.addr:#x} {problem}')
            self.add(i, 'select')
            self.transfer()
            return nxt if target is None else (section, target)
        if kind:
            self.hypercall(i, kind)
            return nxt
        if self.just_after_insn:
            self.just_after_insn = False
            if i.mnem == 'test' and ops == ['%rsp', '%rsp']:
                self.add(i, 'flag')     # ZF cleared (__HC_INSN_ZF())
                self.flags = ('nonzero', None, 64, 'flag')
                return nxt
            if i.mnem == 'xor' and len(ops) == 2 and ops[0] == ops[1] and \
                    reg_of(ops[0]):
                self.fault_reg = reg_of(ops[0])[0]
                self.add(i, 'flag')
                self.set_reg(ops[1], 0)
                self.flags = ('value', 0, 64, 'flag')
                return nxt
        if i.mnem.startswith('endbr'):
            self.add(i, 'frame')
            return nxt
        if i.mnem.startswith('call'):
            target = self.branch_target(section, i)
            if target == '__fentry__':
                self.add(i, 'frame')
                return nxt
            self.add(i, 'call')
            for r in CALLER_SAVED:
                self.regs.pop(r, None)
            self.flags = None
            return nxt
        if i.mnem.startswith('ret'):
            self.add(i, 'frame')
            return None
        if i.mnem.startswith('jmp'):
            target = self.branch_target(section, i)
            if target == RETURN_THUNK or isinstance(target, str):
                self.add(i, 'frame')    # the return, or a tail call
                return None
            self.add(i, 'select' if in_alt else 'jump')
            self.transfer()
            return target
        if i.mnem.startswith('j'):
            taken = self.decide(i)
            if taken is None:
                self.bad(f'cannot tell which way {i.text} at {i.addr:#x} '
                         f'goes on the success path')
                return None
            self.add(i, self.flags[3] if self.flags else 'jump')
            if taken:
                self.transfer()
                return self.branch_target(section, i)
            return nxt
        if i.mnem == 'push':
            r = reg_of(ops[0]) if ops else None
            self.add(i, 'frame' if r and r[0] in CALLEE_SAVED else 'stack')
            return nxt
        if i.mnem == 'mov' and self.rbp_open not in (False, 'stack') and \
                ops == [self.rbp_open, '%rbp']:
            self.add(i, 'rbp')          # RBP back from its register
            self.rbp_open = False
            self.regs.pop('bp', None)
            return nxt
        if i.mnem == 'pop':
            r = reg_of(ops[0]) if ops else None
            if r and r[0] == 'bp' and self.rbp_open == 'stack':
                self.add(i, 'rbp')
                self.rbp_open = False
            else:
                self.add(i, 'frame' if r and r[0] in CALLEE_SAVED
                         else 'stack')
            if r:
                self.regs.pop(r[0], None)
            return nxt
        self.other(i, ops)
        return nxt

    def hypercall(self, i, kind):
        """The instruction: the RBP save and the zeroed ESI/EDI that lead to
        it in its block are the instruction's (SEV-ES, in6)"""
        block = [s for s in self.steps if s.block == self.block]
        saved = [s for s in block if s.rbp_save]
        if saved:
            seen = False
            for s in block:
                seen = seen or s is saved[-1]
                if seen and (s is saved[-1] or s.text.endswith('bp')):
                    s.purpose = 'rbp'
            self.rbp_open = saved[-1].rbp_save
        if kind == 'vmmcall':
            for s in block:
                if s.zero_arg:
                    s.purpose = 'zero'
        self.add(i, 'insn')
        for r in HYPERCALL_REGS:
            self.regs.pop(r, None)
        self.flags = None
        self.fault_reg = None
        self.just_after_insn = True

    def set_reg(self, op, value):
        r = reg_of(op)
        if not r:
            return
        name, width = r
        if value is None:
            self.regs.pop(name, None)
        elif width >= 32:
            self.regs[name] = value & ((1 << width) - 1)
        elif name in self.regs:
            mask = (1 << width) - 1
            self.regs[name] = self.regs[name] & ~mask | value & mask
        else:
            self.regs.pop(name, None)

    def value(self, op):
        r = reg_of(op)
        if r and r[0] in self.regs:
            return self.regs[r[0]] & ((1 << r[1]) - 1)
        return imm_of(op)

    def other(self, i, ops):
        m = i.mnem
        dst = ops[-1] if ops else ''
        canary = '%gs:0x28' in i.ops or \
            any(sym == '__stack_chk_guard' for _, sym, _ in i.relocs)
        purpose = 'setup'
        if canary or '%rsp' in i.ops:
            purpose = 'stack'
        elif '(' in dst and m.startswith('mov'):
            purpose = 'store'
        if m in ('test', 'testq', 'testl') and len(ops) == 2 and \
                reg_of(ops[0]) and reg_of(ops[1]):
            name, width = reg_of(ops[0])
            v = self.value(ops[0])
            if ops[0] == ops[1] and name == self.fault_reg:
                purpose = 'flag'
            if ops[0] == ops[1] and v is not None:
                self.add(i, purpose)
                self.flags = ('value', v, width, purpose)
                return
            if self.value(ops[0]) is None and self.value(ops[1]) is None:
                # output pointers: given (a kernel pointer, bit 63 set),
                # alone or ANDed together (__hc_vmw_given())
                self.add(i, 'null')
                self.null_operands(ops)
                self.flags = ('pointer', None, width, 'null')
                return
        if m.startswith('cmp') and len(ops) == 2 and ops[0] == ops[1]:
            self.add(i, 'flag')         # ZF set for __HC_INSN_ZF()
            self.flags = ('value', 0, 64, 'flag')
            return
        if m.startswith(('cmp', 'sub')) and canary:
            self.add(i, 'stack')
            self.flags = ('equal', None, 64, 'stack')
            if m.startswith('sub'):
                self.set_reg(dst, 0)
            return
        step = self.add(i, purpose)
        if reg_of(dst) and (len(ops) >= 2 or m.startswith(('inc', 'dec'))):
            self.writer[reg_of(dst)[0]] = step
        if m.startswith('xor') and len(ops) == 2 and ops[0] == ops[1]:
            self.set_reg(dst, 0)
            step.zero_arg = reg_of(dst)[0] in ('si', 'di') \
                if reg_of(dst) else False
            self.flags = ('value', 0, 64, purpose)
            return
        if m.startswith('mov') and len(ops) == 2 and \
                not m.startswith(('movs', 'movz')) and '(' not in ops[0]:
            v = self.value(ops[0])
            self.set_reg(dst, v)
            r = reg_of(dst)
            step.zero_arg = v == 0 and r is not None and r[0] in ('si', 'di')
        elif m.startswith(('in', 'outs', 'ins')):
            for r in ('ax', 'cx', 'si', 'di'):
                self.regs.pop(r, None)
        elif len(ops) >= 2 or m.startswith(('inc', 'dec', 'neg', 'not')):
            self.set_reg(dst, None)
        if not FLAGS_KEPT.match(m):
            self.flags = None

    def null_operands(self, ops):
        """The instructions that combined the pointers a NULL test reads
        (a copy, an AND: __hc_vmw_given()) are the test's too"""
        todo = [reg_of(o)[0] for o in ops]
        while todo:
            step = self.writer.pop(todo.pop(), None)
            if step and step.block == self.block and \
                    step.text.split()[0] in ('mov', 'and') and \
                    all(reg_of(o) for o in operands(step.text.split(None, 1)[1])):
                step.purpose = 'null'
                todo += [reg_of(o)[0] for o in
                         operands(step.text.split(None, 1)[1])[:1]]
                if step.text.startswith('and'):
                    todo.append(reg_of(operands(step.text.split(None, 1)[1])[1])[0])

    def decide(self, i):
        """Whether the conditional jump @i is taken, from the flags the
        code set; None where they are not known"""
        if self.flags is None:
            return None
        kind, v, width, _ = self.flags
        cond = i.mnem[1:]
        if kind == 'equal':
            return {'e': True, 'z': True, 'ne': False, 'nz': False}.get(cond)
        if kind == 'nonzero':       # ZF clear (test %rsp,%rsp)
            return {'e': False, 'z': False, 'ne': True, 'nz': True}.get(cond)
        if kind == 'pointer':       # output pointers, given: negative
            return {'e': False, 'z': False, 'ne': True, 'nz': True,
                    's': True, 'ns': False}.get(cond)
        zf = v == 0
        sf = bool(v >> (width - 1) & 1)
        return {'e': zf, 'z': zf, 'ne': not zf, 'nz': not zf, 's': sf,
                'ns': not sf, 'g': not zf and not sf, 'ge': not sf,
                'l': sf, 'le': zf or sf, 'a': not zf, 'ae': True,
                'b': False, 'be': zf}.get(cond)


# The kernel's CPU feature bits under which its own inline runs each
# transport's instruction: the ALTERNATIVE()s of VMWARE_HYPERCALL
# (<asm/vmware.h>) and KVM_HYPERCALL (<asm/kvm_para.h>).  TDX_GUEST is
# never set: what is counted is the instruction's path.
KERNEL_VMW = {'ioport': set(), 'vmcall': {'VMCALL'},
              'vmmcall': {'VMW_VMMCALL'}}
KERNEL_KVM = {'vmcall': set(), 'vmmcall': {'VMMCALL'}}
# High bandwidth: the kernel's inline has the I/O port only (no
# alternative), the reference of every transport
KERNEL_HB = {'ioport': set(), 'vmcall': set(), 'vmmcall': set()}

# The kernel's inlines, each alone in a function (kernel/bench/kernel.c)
KERNEL_SITES = 'kernel/bench/hypercall_bench.ko'
INLINE_BUDGET = 4
EXPORT_BUDGET = 10


def export(ref, features, nullable=0, sev=False):
    """An exported function: called (the call counts), and the inline API
    in a function of its own; @ref: the kernel's inline of its shape,
    @features: the kernel's features per transport (KERNEL_*), @nullable:
    how many of its outputs the API lets be NULL, @sev: whether its vmmcall
    site keeps the SEV-ES registers from the host (Row.allowance())"""
    return ('export', ref, features, nullable, sev)


def inline(ref, features, nullable=0, sev=False):
    """An inline site in a consumer's function, against @ref: the same
    function with the kernel's inline in its place"""
    return ('inline', ref, features, nullable, sev)


# Every function of MODULES that has transports is counted; those that
# the kernel has an inline of are held to it, as said here.  The VMware
# inlines are Linux 6.11+'s: a build for an older kernel is held to
# another build's.  A function missing here (the *_call functions, an ABI
# the kernel has no inline of) is counted only.
BUDGET = {
    'kernel/hypercall.ko': dict(
        [(f'vmware_hypercall{n}',
          export(f'hc_kernel_vmware_hypercall{n}', KERNEL_VMW, nullable=o,
                 sev=True))
         for n, o in ((1, 0), (3, 2), (4, 3), (5, 1), (6, 4), (7, 3))] +
        [(f'vmware_hypercall_hb_{d}',
          export(f'hc_kernel_vmware_hypercall_hb_{d}', KERNEL_HB,
                 nullable=1))
         for d in ('out', 'in')] +
        [(f'hypercall_kvm{n}', export(f'hc_kernel_kvm_hypercall{n}',
                                      KERNEL_KVM)) for n in range(5)]),
    'kernel/sample/hypercall_sample.ko': {
        'hc_sample_version_get': inline('hc_kernel_sample_version_get',
                                        KERNEL_VMW, sev=True),
    },
}


class Row:
    """One function on one transport of one build: ours and the kernel's"""

    def __init__(self, series, name, transport, budget, ours, kernel,
                 kernel_series):
        self.series, self.name, self.transport = series, name, transport
        self.kind, _, _, self.nullable, self.sev = budget
        self.ours, self.kernel = ours, kernel
        self.kernel_series = kernel_series

    def inline(self):
        """ours and the kernel's without the frame, and the difference"""
        o = self.ours.count(frame=False)
        k = self.kernel.count(frame=False) if self.kernel else None
        return o, k, (o - k if k is not None else None)

    def exported(self):
        o = self.ours.count()
        k = self.kernel.count(frame=False) if self.kernel else None
        return o, (o - k if k is not None else None)

    def allowance(self):
        """What the budget leaves out, because the API or the safety policy
        asks for it and the kernel's inline does not do it: the NULL tests
        of the outputs that may be NULL (at most a test and a branch per
        output), and over vmmcall the SEV-ES registers (RBP saved, cleared
        and restored; ESI and EDI as 0 where the shape has no in4/in5)"""
        p = self.ours.purposes()
        allow = min(p.get('null', 0), 2 * self.nullable)
        if self.sev and self.transport == 'vmmcall':
            allow += min(p.get('rbp', 0), 3) + min(p.get('zero', 0), 2)
        return allow

    def extra(self, frame):
        """What the difference is made of, by purpose"""
        if not self.kernel:
            return ''
        ours, kern = self.ours.purposes(), self.kernel.purposes()
        out = []
        for p in PURPOSES:
            if p == 'frame' and not frame:
                continue
            d = ours.get(p, 0) - kern.get(p, 0)
            if d:
                out.append(f'{p} {d:+d}')
        return ', '.join(out)

    def over(self):
        """How far over budget: (inline, exported), or None where it is
        not held to one"""
        if not self.kernel:
            return None
        _, _, d = self.inline()
        over_inline = d - self.allowance() - INLINE_BUDGET
        over_export = None
        if self.kind == 'export':
            _, d = self.exported()
            over_export = d - self.allowance() - EXPORT_BUDGET
        return over_inline, over_export

    def problems(self):
        """The budget missed, as problems"""
        over = self.over()
        if over is None:
            return []
        out = []
        where = f'{self.name}: {self.transport}'
        allow = f', {self.allowance()} allowed' if self.allowance() else ''
        if over[0] > 0:
            out.append(f'{where}: the inline API runs {self.inline()[2]} '
                       f'instructions more than the kernel\'s inline (budget '
                       f'{INLINE_BUDGET}{allow}): {self.extra(False)}')
        if over[1] is not None and over[1] > 0:
            out.append(f'{where}: the exported function runs '
                       f'{self.exported()[1]} instructions more than the '
                       f'kernel\'s inline (budget {EXPORT_BUDGET}{allow}): '
                       f'{self.extra(True)}')
        return out


def instrumented(mod):
    """A build with the sanitizers (the KUnit kernel's): its counts say
    nothing of the kernels that ship"""
    return any(s.startswith(('__asan_', '__kasan_', '__ubsan_',
                             '__sanitizer_cov')) for s in mod.symbols)


def budget_rows(series, modules, references, problems, verbose):
    """The rows of one build: @modules, {rel: Module}; @references, the
    kernel's inlines: [(series, Module)], this build's first"""
    rows = []
    for rel, funcs in MODULES.items():
        mod = modules.get(rel)
        if mod is None:
            continue
        for name, transports in funcs.items():
            if 'call' in transports:
                continue        # a call of an exported function
            budget = BUDGET.get(rel, {}).get(name) or export(None, {})
            _, ref, features, _, _ = budget
            for transport, (_, keys) in sorted(transports.items()):
                if transport == 'none':
                    continue
                ours = Path(mod, name, keys, set(), budget[0] == 'export')
                kernel, kseries = None, None
                for rseries, rmod in references if ref else []:
                    if ref in rmod.funcs:
                        kernel = Path(rmod, ref, set(),
                                      features[transport])
                        kseries = rseries
                        break
                missing = f'{series}: {name}: no build holds {ref}, the ' \
                    f'kernel\'s inline (give objcheck a 6.12 build too)'
                if ref and kernel is None and missing not in problems:
                    problems.append(missing)
                for p in (ours, kernel):
                    if p:
                        problems.extend(f'{series}: {x}' for x in p.problems)
                row = Row(series, name, transport, budget, ours, kernel,
                          kseries)
                if not (ours.problems or kernel and kernel.problems):
                    problems.extend(f'{series}: {x}' for x in row.problems())
                rows.append(row)
                if verbose:
                    print_path(row)
    return rows


def print_path(row):
    print(f'  {row.series} {row.name} {row.transport}:')
    for label, path in (('ours', row.ours), ('kernel', row.kernel)):
        if not path:
            continue
        print(f'    {label}: {path.name}')
        for s in path.steps:
            where = f'{s.addr:#x}' if s.addr is not None else '-'
            print(f'      {where:>8}  {s.purpose:<7} {s.text}')


def table(rows):
    """The table of make check and Documentation/performance.rst: the
    instructions on the success path, the kernel's inline (without the
    frame), ours inline (without the frame) and exported (with the call),
    each difference, the allowance and what the difference is made of"""
    lines = [
        f'{"function":<24}{"transport":<10}{"kernel":<9}{"theirs":>6}'
        f'{"inline":>7}{"+":>4}{"export":>7}{"+":>4}{"allow":>6}  '
        f'what ours adds (inline)',
    ]
    for r in rows:
        o, k, d = r.inline()
        ks = r.series + ('' if r.kernel_series in (None, r.series)
                         else f'<{r.kernel_series}')
        e, ed = r.exported() if r.kind == 'export' else ('-', None)
        lines.append(
            f'{r.name:<24}{r.transport:<10}{ks:<9}'
            f'{"-" if k is None else k:>6}{o:>7}'
            f'{"-" if d is None else format(d, "+d"):>4}{e:>7}'
            f'{"-" if ed is None else format(ed, "+d"):>4}'
            f'{r.allowance() if r.kernel else "-":>6}  {r.extra(False)}')
    return '\n'.join(lines) + '\n'


def summary(rows, problems):
    held = [r for r in rows if r.kernel]
    exp = [r for r in held if r.kind == 'export']

    def worst(items, i, limit):
        if not items:
            return 'none'
        r = max(items, key=lambda r: r.over()[i])
        return (f'{r.over()[i] + limit:+d} of +{limit} ({r.name} '
                f'{r.transport} {r.series})')
    return (f'budget: {len(rows)} counted, {len(held)} against the '
            f'kernel\'s inline; worst inline {worst(held, 0, INLINE_BUDGET)},'
            f' worst exported {worst(exp, 1, EXPORT_BUDGET)} (less what is '
            f'allowed): {"missed" if problems else "met"}')

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
    """The checks of one build; returns its modules, {rel: Module}"""
    modules = {}
    for rel, funcs in MODULES.items():
        path = os.path.join(d, rel)
        if not os.path.exists(path):
            problems.append(f'{path}: missing')
            continue
        mod = modules[rel] = Module(path)
        before = len(problems)
        if rel == 'kernel/hypercall.ko':
            check_slow(mod, problems)
        for name, transports in funcs.items():
            check_function(mod, name, transports, problems, verbose)
        print(f'{path}: {len(funcs)} functions, '
              f'{"ok" if len(problems) == before else "FAILED"}')
    return modules


def check_budget(builds, problems, verbose):
    """The instruction budget of every build that is not instrumented,
    each held to its own kernel's inlines, else to another build's;
    returns the rows"""
    counted, references = [], []
    for d, modules in builds:
        series = os.path.basename(os.path.normpath(d))
        if 'kernel/hypercall.ko' in modules and \
                instrumented(modules['kernel/hypercall.ko']):
            print(f'{d}: instrumented (KASAN, UBSAN): not counted')
            continue
        path = os.path.join(d, KERNEL_SITES)
        if not os.path.exists(path):
            problems.append(f'{path}: missing')
            continue
        counted.append((series, modules))
        references.append((series, Module(path)))
    rows = []
    for series, modules in counted:
        refs = sorted(references, key=lambda r: r[0] != series)
        rows += budget_rows(series, modules, refs, problems, verbose)
    return rows


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
    'bad_kvm_budget_inline': 'the inline API runs 5 instructions more',
    'bad_kvm_budget_export': 'the exported function runs 11 instructions',
    'bad_kvm_count_undecided': 'cannot tell which way jne',
    'bad_vmware_no_ioport': 'no path from the entry reaches ioport',
    'bad_vmware_no_slow': 'no path from the entry reaches ' + SLOW,
    'bad_vmware_vmmcall_rbp_kept': 'RBP is not saved before it',
    'bad_vmware_vmmcall_rbp_not_cleared': 'RBP is not cleared right before it',
    'bad_vmware_vmmcall_rbp_wrong_reg': 'RBP is not restored where the fixup',
    'bad_vmware_zf_not_set': 'ZF is not set right before it',
    'bad_vmware_zf_lost': 'ZF is not set right before it',
    'bad_vmware_zf_not_cleared': 'is not followed by clearing ZF',
    'bad_vmware_zf_default': 'not EX_TYPE_ONE_REG',
    'bad_vmware_site_branch': 'has several keys, one of them with branch 1',
    'bad_vmware_hb_one_reg': 'not EX_TYPE_FAULT',
    'bad_vmware_hb_flag_r8': 'the fault flag is r8, not dx',
    'bad_vmware_hb_rbp_not_restored': 'RBP is not restored where the fixup',
    'bad_palacios_other_keys': 'no __jump_table entry for __hc_palacios_vmcall',
}

# The fixtures' feature numbers (selftest.S: the kernel's)
SELF_TEST_FEATURES = {'ALWAYS': 3 * 32 + 21, 'VMMCALL': 8 * 32 + 15,
                      'VMCALL': 8 * 32 + 18, 'VMW_VMMCALL': 8 * 32 + 19,
                      'TDX_GUEST': 8 * 32 + 22}

# What the paths of the fixtures count, by hand from selftest.S:
# {function: (transports, features or None, {transport: (all, no frame)})}
SELF_TEST_COUNTS = {
    # site, mov, the instruction, xor, test, jne, ret
    'good_kvm_site': (KVM, None, {'vmcall': (7, 6), 'vmmcall': (7, 6)}),
    'good_kvm_site_at_budget': (KVM, None,
                                {'vmcall': (8, 7), 'vmmcall': (8, 7)}),
    # three pushes and three pops more: the frame
    'bad_kvm_budget_export': (KVM, None,
                              {'vmcall': (13, 6), 'vmmcall': (13, 6)}),
    # a chain of two sites: vmcall passes one, vmmcall two
    'good_kvm': (KVM, None, {'vmcall': (8, 7), 'vmmcall': (9, 8)}),
    # push, site, mov, xor, inl, test, pop, ret; vmcall: a jmp more;
    # vmmcall: the RBP push, xor and pop too
    'good_vmware': (VMW_LB, None, {'ioport': (9, 6), 'vmcall': (9, 6),
                                   'vmmcall': (12, 9)}),
    # the same, RBP in R11 instead of on the stack: the same count
    'good_vmware_rbp_r11': (VMW_LB, None, {'ioport': (9, 6), 'vmcall': (9, 6),
                                           'vmmcall': (12, 9)}),
    # endbr64, the ftrace NOP, the TDX test's jmp, mov, the instruction, ret
    'kref_kvm': (None, KERNEL_KVM, {'vmcall': (6, 3), 'vmmcall': (6, 3)}),
    # push, mov, xor, movw and inl or the instruction and its NOP, the
    # store and the NOP of its padding, pop, ret
    'kref_vmware': (None, KERNEL_VMW, {'ioport': (9, 6), 'vmcall': (9, 6),
                                       'vmmcall': (9, 6)}),
}

# The budget of fixtures, held to kref_kvm like an exported function
SELF_TEST_BUDGET = ('good_kvm_site', 'good_kvm_site_at_budget',
                    'bad_kvm_budget_inline', 'bad_kvm_budget_export')


def self_test_counts(mod, name, problems):
    """SELF_TEST_COUNTS[@name] against the paths counted; returns the
    differences as lines"""
    transports, features, want = SELF_TEST_COUNTS[name]
    out = []
    for transport, (total, frameless) in want.items():
        keys = transports[transport][1] if transports else set()
        feats = features[transport] if features else set()
        path = Path(mod, name, keys, feats)
        problems.extend(path.problems)
        got = (path.count(), path.count(frame=False))
        if got != (total, frameless):
            out.append(f'{transport}: counted {got}, not {(total, frameless)}')
    return out


def self_test_object(obj, verbose):
    """The fixtures of one object; returns how many went wrong"""
    mod = Module(obj, SELF_TEST_FEATURES)
    names = sorted(n for n in mod.funcs if n.startswith(('good_', 'bad_')))
    missing = (set(SELF_TEST_REASONS) | set(SELF_TEST_COUNTS)) - \
        set(mod.funcs)
    if not names or missing:
        print(f'self-test: selftest.S lacks {sorted(missing) or "functions"}')
        return 1
    failures = 0
    for name in names:
        transports = KVM if '_kvm' in name else \
            PALACIOS if '_palacios' in name else \
            VMW_HB_IN if '_hb' in name else VMW_LB
        problems = []
        check_function(mod, name, transports, problems, verbose)
        if name in SELF_TEST_BUDGET:
            for transport in sorted(transports):
                ours = Path(mod, name, transports[transport][1], set(), True)
                kernel = Path(mod, 'kref_kvm', set(), KERNEL_KVM[transport])
                problems += ours.problems + kernel.problems + Row(
                    'self-test', name, transport, export('kref_kvm', KERNEL_KVM),
                    ours, kernel, 'self-test').problems()
        elif name.startswith('bad_kvm_count'):
            for transport in sorted(transports):
                problems += Path(mod, name, transports[transport][1],
                                 set()).problems
        wrong = self_test_counts(mod, name, problems) \
            if name in SELF_TEST_COUNTS else []
        if name.startswith('good_'):
            ok = not problems and not wrong
        else:
            why = SELF_TEST_REASONS.get(name, '?')
            ok = any(why in p for p in problems)
        failures += not ok
        print(f'self-test {name}: {"ok" if ok else "WRONG"}'
              + ''.join(f'\n    {p}' for p in problems + wrong))
    for name in sorted(n for n in SELF_TEST_COUNTS if n.startswith('kref_')):
        problems = []
        wrong = self_test_counts(mod, name, problems)
        ok = not problems and not wrong
        failures += not ok
        print(f'self-test {name} (counted): {"ok" if ok else "WRONG"}'
              + ''.join(f'\n    {p}' for p in problems + wrong))
    return failures


def self_test(verbose):
    """Each function of scripts/objcheck/selftest.S is checked like an
    exported one; its name says whether it must pass (good_*) or fail
    (bad_*), and SELF_TEST_REASONS what for; the paths of those in
    SELF_TEST_COUNTS must count as it says.  Twice: with the alternatives
    of Linux 6.12 and of 6.1."""
    src = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       'objcheck', 'selftest.S')
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for flags, label in (([], '6.12'), (['-DHC_ALT_U16'], '6.1')):
            obj = os.path.join(tmp, f'selftest-{label}.o')
            subprocess.run(['gcc', '-c', '-I', INCLUDE, *flags, '-o', obj,
                            src], check=True)
            print(f'self-test: alternatives as in Linux {label}')
            failures += self_test_object(obj, verbose)
    return 1 if failures else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('-v', '--verbose', action='store_true')
    ap.add_argument('--self-test', action='store_true')
    ap.add_argument('--table', metavar='FILE',
                    help='write the instruction budget\'s table there')
    ap.add_argument('dirs', nargs='*')
    args = ap.parse_args()
    if not args.dirs and not args.self_test:
        ap.error('no build directory')
    status = self_test(args.verbose) if args.self_test else 0
    if not args.dirs:
        return status
    problems = []
    builds = [(d, check_dir(d, problems, args.verbose)) for d in args.dirs]
    before = len(problems)
    rows = check_budget(builds, problems, args.verbose)
    text = table(rows)
    if args.table:
        os.makedirs(os.path.dirname(os.path.abspath(args.table)),
                    exist_ok=True)
        with open(args.table, 'w') as f:
            f.write(text)
    if rows:
        print(text, end='')
        print(summary(rows, problems[before:]) +
              (f'; table: {args.table}' if args.table else ''))
    for p in problems:
        print('FAIL:', p)
    return 1 if problems or status else 0


if __name__ == '__main__':
    sys.exit(main())
