# srnic-pmdinfo.py reads from the built librte_net_srnic the driver name, its
# kernel module and both VFs it supports; srnic-devbind.py --status marks the
# emulated 82576's VF from that same driver info, and stops marking it when
# pointed at a copy of the library whose info names another device instead.
. "$SRNIC_SRC/usertools/lab/srnic-lab.sh"
set -e
pmdinfo=$SRNIC_SRC/usertools/srnic-pmdinfo.py
devbind=$SRNIC_SRC/usertools/srnic-devbind.py
lib=$SRNIC_BUILD/drivers/net/srnic/librte_net_srnic.so

count() { echo "$1" | grep -cF -- "$2" || true; }

out=$("$pmdinfo" "$lib")
echo "$out"
lab_expect "driver line" "$(count "$out" "driver: net_srnic")" -eq 1
lab_expect "kmod line" "$(count "$out" "  kmod: vfio-pci")" -eq 1
lab_expect "82576 VF listed" "$(count "$out" "8086:10ca (82576 VF)")" -eq 1
lab_expect "I350 VF listed" "$(count "$out" "8086:1520 (I350 VF)")" -eq 1
json=$("$pmdinfo" --json "$lib")
lab_expect "--json lists 10ca" "$(count "$json" '"device": "10ca"')" -eq 1
lab_expect "--json lists 1520" "$(count "$json" '"device": "1520"')" -eq 1

pf=$(lab_first_pf)
lab_create_vfs "$pf" 1 > /dev/null
vf0=$(lab_vf "$pf" 0)
status=$(SRNIC_PMD_PATH=$lib "$devbind" --status)
echo "$status"
lab_expect "$vf0 marked srnic-supported" \
	"$(echo "$status" | grep -c "^$vf0 '[^']* 10ca' .*\[8086:10ca .*srnic-supported" || true)" -eq 1
lab_expect "marks read from $lib" \
	"$(count "$status" "srnic-supported: 8086:10ca 8086:1520 (driver info in $lib)")" -eq 1
lab_expect "no fallback note" "$(count "$status" "built-in list")" -eq 0

# The same library, its info saying 10cb where it said 10ca.
other=/tmp/pmdinfo-check/librte_net_srnic.so
mkdir -p "${other%/*}"
/usr/bin/python3 -c 'import sys
data = open(sys.argv[1], "rb").read()
open(sys.argv[2], "wb").write(data.replace(b"\"device\": \"10ca\"", b"\"device\": \"10cb\""))' \
	"$lib" "$other"
status=$(SRNIC_PMD_PATH=$other "$devbind" --status)
echo "$status" | grep -F "srnic-supported:"
lab_expect "$vf0 marked from a library that lists 10cb instead" \
	"$(echo "$status" | grep -c "^$vf0 .*srnic-supported" || true)" -eq 0

# Without SRNIC_PMD_PATH the tool finds a build tree beside its source.
case $SRNIC_BUILD in
"$SRNIC_SRC"/build*)
	status=$("$devbind" --status)
	lab_expect "default search finds a build tree in $SRNIC_SRC" \
		"$(count "$status" "(driver info in $SRNIC_SRC/build")" -eq 1
	;;
esac
