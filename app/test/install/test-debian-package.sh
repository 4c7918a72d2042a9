#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# The Debian packages: dpkg-buildpackage -b builds them from a copy of the
# source tree, and they install on a clean system, here the host's own
# root under a throwaway overlay (nothing of srnic installed there; the
# host itself is left untouched). Installed, the programs and manual pages
# work, an application builds against libsrnic-dev with pkg-config and
# runs, and purging removes every file. TAP output.
#
# Usage (as root): test-debian-package.sh SOURCE_DIR
set -u
src=$1
work=$(mktemp -d /var/tmp/srnic-deb.XXXXXX)
root=$work/root
cleanup() {
	for m in dev/pts dev proc sys tmp; do
		mountpoint -q "$root/$m" && umount -l "$root/$m"
	done
	mountpoint -q "$root" && umount -l "$root"
	mountpoint -q "$work/ovl" && umount -l "$work/ovl"
	rm -rf "$work"
}
trap cleanup EXIT
echo "1..9"
. "$(dirname "$0")/tap.sh"
# bail TEXT: the remaining points fail, with the reason.
bail() {
	while [ $n -lt 9 ]; do check 1 "$1"; done
	exit 0
}

# The tree as git has it (committed or not, ignored files left out).
mkdir -p "$work/srnic"
git -C "$src" ls-files -z --cached --others --exclude-standard |
	(cd "$src" && tar --null -T - -cf -) | tar -xf - -C "$work/srnic"
(cd "$work/srnic" && dpkg-buildpackage -b -uc -us -j"$(nproc)") > "$work/build.log" 2>&1
rc=$?
[ $rc -eq 0 ] || tail -n 40 "$work/build.log" | sed 's/^/# /'
check $rc "dpkg-buildpackage -b builds the packages" || bail "no packages built"

# debhelper adds -dbgsym packages of the debug symbols: not installed here.
debs=()
for d in "$work"/*.deb; do
	case $d in *-dbgsym_*) echo "# also built: $(basename "$d")" ;; *) debs+=("$d") ;; esac
done
names=$(for d in "${debs[@]}"; do dpkg-deb -f "$d" Package; done | sort | tr '\n' ' ')
echo "# packages: $names"
[ "$names" = "libsrnic-dev libsrnic0 srnic-doc srnic-tools " ]
check $? "runtime library, development files, programs and documentation packages"

# A clean system: the host's root under an overlay, checked free of srnic.
mkdir -p "$work/ovl" "$root"
mount -t tmpfs srnic-deb "$work/ovl" && mkdir -p "$work/ovl/up" "$work/ovl/wk" &&
	mount -t overlay srnic-deb -o "lowerdir=/,upperdir=$work/ovl/up,workdir=$work/ovl/wk" "$root" &&
	mount --bind /proc "$root/proc" && mount --bind /sys "$root/sys" &&
	mount --bind /dev "$root/dev" && mount -t tmpfs tmp "$root/tmp" ||
	bail "cannot make an overlay of / to install into"
mkdir -p "$root/tmp/debs" && cp "${debs[@]}" "$root/tmp/debs/"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root "$@"; }
found=$(in_root sh -c 'ls /usr/lib/*/librte_net_srnic* /usr/local/lib/*/librte_net_srnic* \
	/usr/local/bin/srnic-* 2>/dev/null; dpkg -l "*srnic*" 2>/dev/null | grep "^ii"')
[ -z "$found" ] || { echo "$found" | sed 's/^/# already there: /'; bail "srnic already on this system"; }

out=$(in_root sh -c 'dpkg -i /tmp/debs/*.deb' 2>&1)
rc=$?
[ $rc -eq 0 ] || echo "$out" | sed 's/^/# /'
check $rc "the packages install with dpkg -i (their dependencies met by Debian's)"

out=$(in_root srnic-testpmd --no-huge -m 64 --no-pci --no-shconf --file-prefix "deb$$" -l 0 -- \
	--help 2>&1)
echo "$out" | grep -q "^Usage: srnic-testpmd" &&
	in_root srnic-pmdinfo.py /usr/lib/x86_64-linux-gnu/librte_net_srnic.so.0 | grep -q "8086:10ca"
check $? "srnic-testpmd and srnic-pmdinfo.py run from the packages"

pages=$(in_root man -w srnic-testpmd srnic-l2fwd srnic-rxintr srnic-pfd srnic-devbind.py srnic-pmdinfo.py 2>&1)
[ "$(echo "$pages" | grep -c '^/usr/share/man/man[18]/srnic-.*gz$')" -eq 6 ]
check $? "man finds the manual page of each program" || echo "$pages" | sed 's/^/# /'

[ -f "$root/usr/share/doc/srnic/guides/index.html" ] &&
	[ -f "$root/usr/share/doc/srnic/api/html/index.html" ]
check $? "HTML guides and API reference in /usr/share/doc/srnic"

cp -r "$src/examples/srnic-l2fwd" "$root/tmp/app"
out=$(in_root make -C /tmp/app 2>&1)
rc=$?
[ $rc -eq 0 ] || echo "$out" | sed 's/^/# /'
check $rc "srnic-l2fwd builds against libsrnic-dev with pkg-config"
out=$(in_root /tmp/app/build/srnic-l2fwd --no-huge -m 64 --no-pci --no-shconf \
	--file-prefix "deb$$" -l 0 -- -h 2>&1)
prefix=$(in_root sh -c 'readlink -f "$(pkg-config --variable=prefix libsrnic)"')
echo "$out" | grep -q "usage: .*srnic-l2fwd" && [ "$prefix" = /usr ]
check $? "the application runs on the installed library (libsrnic prefix '$prefix')"

in_root dpkg --purge libsrnic-dev srnic-tools srnic-doc libsrnic0 > /dev/null 2>&1 &&
	[ -z "$(in_root sh -c 'ls /usr/lib/*/librte_net_srnic* /usr/bin/srnic-* \
		/usr/share/doc/srnic 2>/dev/null')" ]
check $? "dpkg --purge removes every file"
