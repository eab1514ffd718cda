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
import re
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

# Pages that other work adds; index.rst names them in its toctree.  Until a
# page exists its entry is left out (with a note), so that the rest of the
# documentation still renders with -W.  Take a name off this list once its
# page has landed: from then on, losing the page is an error.  (rpc.rst:
# kernel/rpc.c refers to it.)
PENDING_PAGES = ['rpc']


def drop_pending(app, docname, source):
    if docname != 'index':
        return
    for page in PENDING_PAGES:
        if not os.path.exists(os.path.join(HERE, page + '.rst')):
            print(f'note: Documentation/{page}.rst does not exist yet; '
                  'left out of the table of contents')
            source[0] = re.sub(rf'(?m)^   {page}\n', '', source[0])


def setup(app):
    app.connect('source-read', drop_pending)
