#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Find the DPDK driver-SDK tree that matches the installed DPDK.

Debian installs DPDK's public headers only; a PMD also needs the driver
headers (ethdev_driver.h, bus_pci_driver.h, ...) of exactly the installed
version. usertools/srnic-setup-deps unpacks Debian's dpdk source package
under the cache folder; -Ddpdk_sdk=PATH names any other DPDK source tree.

Usage: srnic-find-sdk.py VERSION [PATH]
Prints the tree's path, or says on stderr what is wrong and exits 1.
"""
import os
import sys

CACHE = os.environ.get('SRNIC_SDK_CACHE', '/var/cache/srnic/dpdk-sdk')
NEEDED = ('lib/ethdev/ethdev_driver.h', 'lib/ethdev/ethdev_pci.h',
          'drivers/bus/pci/bus_pci_driver.h', 'lib/eal/include/dev_driver.h')


def tree_version(path):
    try:
        with open(os.path.join(path, 'VERSION'), encoding='ascii') as f:
            return f.read().strip()
    except OSError:
        return None


def check(path, want):
    """None if @path is a usable SDK of version @want, else why not."""
    missing = [h for h in NEEDED if not os.path.isfile(os.path.join(path, h))]
    if missing:
        return f'{path} is not a DPDK source tree (no {missing[0]})'
    have = tree_version(path)
    if have != want:
        return (f'{path} is DPDK {have}, but the installed libdpdk is {want}: '
                'the driver must build against the headers of the DPDK it runs on')
    return None


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    want = sys.argv[1]
    if len(sys.argv) == 3 and sys.argv[2]:
        why = check(sys.argv[2], want)
        if why:
            sys.exit(f'dpdk_sdk: {why}')
        print(os.path.abspath(sys.argv[2]))
        return
    seen = []
    if os.path.isdir(CACHE):
        for name in sorted(os.listdir(CACHE)):
            path = os.path.join(CACHE, name)
            if os.path.isdir(path) and not name.startswith('.'):
                if check(path, want) is None:
                    print(path)
                    return
                seen.append(f'{name} (DPDK {tree_version(path)})')
    sys.exit(f'no DPDK {want} driver-SDK headers in {CACHE}'
             + (f' (found: {", ".join(seen)})' if seen else '')
             + ': run usertools/srnic-setup-deps as root, or point -Ddpdk_sdk=PATH '
             f'at a DPDK {want} source tree')


if __name__ == '__main__':
    main()
