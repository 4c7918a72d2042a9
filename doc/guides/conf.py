# SPDX-License-Identifier: BSD-3-Clause
project = 'srnic'
copyright = 'srnic developers'
release = '0.1.0'
master_doc = 'index'
exclude_patterns = ['_build']
html_theme = 'alabaster'
html_show_sourcelink = False
html_copy_source = False   # no _sources/ copies in the installed HTML

# One manual page for each installed program (sphinx-build -b man).
man_pages = [
    ('man/srnic-testpmd', 'srnic-testpmd',
     'forward packets between DPDK ports, as testpmd does, with PF commands', [], 1),
    ('man/srnic-l2fwd', 'srnic-l2fwd', 'forward frames between paired VF ports', [], 1),
    ('man/srnic-rxintr', 'srnic-rxintr',
     'receive on VF ports, sleeping on RX interrupts when idle', [], 1),
    ('man/srnic-pfd', 'srnic-pfd', 'PF manager daemon for igb-family SR-IOV NICs', [], 8),
    ('man/srnic-devbind.py', 'srnic-devbind.py',
     'show and change NIC drivers, create and remove SR-IOV VFs', [], 8),
    ('man/srnic-pmdinfo.py', 'srnic-pmdinfo.py',
     'print the driver info built into librte_net_srnic', [], 1),
    ('man/srnic-vm', 'srnic-vm', 'boot the srnic lab guest and run a command in it', [], 1),
    ('man/srnic-setup-deps', 'srnic-setup-deps',
     "install srnic's build and lab dependencies from Debian's packages", [], 8),
]
man_show_urls = False
