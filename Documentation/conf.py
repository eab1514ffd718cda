# SPDX-License-Identifier: GPL-2.0
#
# Sphinx configuration of the hypercall documentation.  Render it with
# "make docs" (scripts/lint.sh docs: sphinx-build -W, also part of make
# check); the HTML lands in build/docs/html.
#
# The API reference is extracted from the sources by the kernel's own
# kernel-doc extension, loaded from an unpacked Linux source tree: the one in
# $HC_LINUX_SRC (scripts/lint.sh sets it), else the one the harness unpacks
# into ~/.cache/hypercall/src.

import glob
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def linux_source():
    src = os.environ.get('HC_LINUX_SRC')
    if not src:
        cache = os.environ.get('XDG_CACHE_HOME',
                               os.path.expanduser('~/.cache'))
        found = sorted(glob.glob(os.path.join(
            cache, 'hypercall/src/linux-source-6.12_*/scripts/kernel-doc')))
        src = os.path.dirname(os.path.dirname(found[-1])) if found else None
    if not src or not os.path.exists(os.path.join(src, 'scripts/kernel-doc')):
        raise RuntimeError('no Linux source tree with scripts/kernel-doc: '
                           'set HC_LINUX_SRC, or run "make docs"')
    return src


LINUX = linux_source()
sys.path.insert(0, os.path.join(LINUX, 'Documentation/sphinx'))

project = 'hypercall'
author = 'the hypercall developers'
copyright = '2026, ' + author  # pylint: disable=redefined-builtin
with open(os.path.join(ROOT, 'VERSION'), encoding='utf-8') as f:
    version = release = f.read().strip()

root_doc = 'index'
extensions = ['kerneldoc']
kerneldoc_bin = os.path.join(LINUX, 'scripts/kernel-doc')
kerneldoc_srctree = ROOT
kerneldoc_verbosity = 0

highlight_language = 'none'
html_theme = 'alabaster'
html_theme_options = {'page_width': '1100px'}
exclude_patterns = ['ABI']
