#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# What "meson install" lays out for users (a build with docs and examples):
# every program in bin/ and libexec/srnic has a manual page that renders cleanly and names
# every option its --help prints; the HTML guides and API reference sit
# side by side under share/doc/srnic; the lab tools are in libexec/srnic,
# not in bin/, and still find their guest files there. TAP output.
#
# Usage: test-install-layout.sh BUILD_DIR
set -u
build=$1
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
. "$(dirname "$0")/tap.sh"
meson install -C "$build" --destdir "$stage" --no-rebuild --quiet > "$stage/install.log" 2>&1 ||
	{ echo "1..1"; sed 's/^/# /' "$stage/install.log"; check 1 "meson install"; exit 0; }
prefix=$stage$(meson introspect "$build" --buildoptions |
	python3 -c 'import json, sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == "prefix"))')
bin=$prefix/bin
libdir=$(dirname "$(find "$prefix" -name 'librte_net_srnic.so' | head -n 1)")
programs=$(ls -d "$bin"/* "$prefix"/libexec/srnic/srnic-*)
echo "1..$(( $(echo "$programs" | wc -l) * 2 + 3 ))"

# The help text of a program, EAL's own lines left out.
help_of() {
	case $(basename "$1") in
	srnic-testpmd|srnic-l2fwd|srnic-rxintr)
		local h=-h
		[ "$(basename "$1")" = srnic-testpmd ] && h=--help
		LD_LIBRARY_PATH=$libdir "$1" --no-huge -m 64 --no-pci --no-shconf \
			--file-prefix "lay$$" -l 0 -- $h 2>&1 | grep -v '^EAL:\|^TELEMETRY:' ;;
	srnic-pfd) "$1" --help 2>&1 ;;
	*) SRNIC_PMD_PATH=$libdir "$1" --help 2>&1 ;;
	esac
}
for path in $programs; do
	p=$(basename "$path")
	page=$(ls "$prefix"/share/man/man[18]/"$p".[18] 2>/dev/null | head -n 1)
	warnings=$( [ -n "$page" ] && LC_ALL=C.UTF-8 MANWIDTH=100 man --warnings -l "$page" 2>&1 >/dev/null)
	[ -n "$page" ] && [ -z "$warnings" ]
	check $? "$p has a manual page that renders without warnings${page:+ ($(basename "$page"))}"
	[ -n "$warnings" ] && echo "$warnings" | sed 's/^/# /'
	# Options: --long anywhere, -x after a space, bracket or comma.
	missing=
	if [ -n "$page" ]; then
		text=$(sed 's/\\f[BIRP]//g; s/\\-/-/g' "$page")
		for o in $(help_of "$path" | grep -oE -- '(^|[ [,])--?[a-zA-Z][a-zA-Z0-9-]*' |
			sed 's/^[ [,]//' | sort -u); do
			grep -qE -- "(^|[^a-zA-Z0-9-])$o([^a-zA-Z0-9-]|$)" <<< "$text" ||
				missing="$missing $o"
		done
	fi
	[ -n "$page" ] && [ -z "$missing" ]
	check $? "every option of $p --help is in its manual page${missing:+ (missing:$missing)}"
done

guides=$prefix/share/doc/srnic/guides
api=$prefix/share/doc/srnic/api/html
[ -f "$guides/index.html" ] && [ -f "$api/index.html" ] &&
	grep -q 'href="../api/html/index.html"' "$guides/index.html"
check $? "HTML guides and API reference under share/doc/srnic, linked to each other"

[ ! -e "$bin/srnic-vm" ] && [ ! -e "$bin/srnic-setup-deps" ] &&
	[ -x "$prefix/libexec/srnic/srnic-vm" ] && [ -x "$prefix/libexec/srnic/srnic-setup-deps" ]
check $? "lab tools in libexec/srnic, not in bin"

out=$("$prefix/libexec/srnic/srnic-vm" --results /nonexistent/x --timeout 0 -- true 2>&1)
grep -q "must be positive" <<< "$out" && [ -x "$prefix/libexec/srnic/lab/guest-init" ]
check $? "the installed srnic-vm runs and has its guest files beside it"
