# SPDX-License-Identifier: BSD-3-Clause
project = 'srnic'
copyright = 'srnic developers'
release = '0.1.0'
master_doc = 'index'
exclude_patterns = ['_build']
html_theme = 'alabaster'
html_show_sourcelink = False
