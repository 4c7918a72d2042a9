# A VF application with least privilege, as a container gets a VF from
# the Kubernetes SR-IOV device plugin: a non-root user (no capabilities,
# no supplementary groups), in its own mount namespace whose /dev holds
# only /dev/vfio/vfio, the VFs' /dev/vfio/<group>, a hugetlbfs mount and
# null/zero/urandom; root only owns the group files to that user and
# raises its locked-memory limit (vfio pins what it maps for DMA).
# srnic-testpmd forwards there with nothing dropped.
. "$SRNIC_GUEST_LIB/vf-setup.sh"
vf_setup 2 || exit 1
uid=4242
g0=$(basename "$(readlink "/sys/bus/pci/devices/$VF0/iommu_group")")
g1=$(basename "$(readlink "/sys/bus/pci/devices/$VF1/iommu_group")")
chown $uid "/dev/vfio/$g0" "/dev/vfio/$g1" || exit 1
restore() { chown root "/dev/vfio/$g0" "/dev/vfio/$g1"; }
trap restore EXIT
log=$SRNIC_RESULTS/$SRNIC_CHECK-app.log
inner=$SRNIC_RESULTS/$SRNIC_CHECK-inner.sh
cat > "$inner" <<INNER
set -e
mount --make-rprivate /
newdev=\$(mktemp -d)
mount -t tmpfs -o mode=755 none "\$newdev"
mkdir "\$newdev/vfio" "\$newdev/hugepages"
for n in vfio/vfio vfio/$g0 vfio/$g1 null zero urandom; do
	touch "\$newdev/\$n"
	mount --bind "/dev/\$n" "\$newdev/\$n"
done
mount -t hugetlbfs -o uid=$uid,mode=700 nodev "\$newdev/hugepages"
mount --move "\$newdev" /dev
echo "/dev in the namespace: \$(cd /dev && find . -mindepth 1 | sort | tr '\n' ' ')"
ulimit -l unlimited
exec setpriv --reuid=$uid --regid=$uid --clear-groups --inh-caps=-all \\
	--bounding-set=-all --no-new-privs -- sh -c 'echo "user: \$(id -u):\$(id -g), \$(grep CapEff /proc/self/status)"; exec "\$@"' sh \\
	timeout 120 "$SRNIC_TESTPMD" -l 0-1 -n 1 --iova-mode=va --in-memory \\
	--huge-dir=/dev/hugepages -a "$VF0" -a "$VF1" -- --forward-mode=mac --tx-first \\
	--max-pkts=200000 --stats-period=2
INNER
unshare -m bash "$inner" > "$log" 2>&1
rc=$?
grep -E "^/dev in|^user:|RX-packets|RX-dropped|Bye" "$log" | tail -n 8
lab_expect "exit status" $rc -eq 0
lab_expect "ran as uid $uid with no capabilities" \
	"$(grep -c "^user: $uid:$uid, CapEff:	0000000000000000" "$log")" -eq 1
lab_expect "/dev held only the VF's devices" \
	"$(grep '^/dev in the namespace:' "$log" | wc -w)" -eq $((4 + 8))
lab_expect "forwarded packets" "$(accum_field "$log" RX-packets)" -ge 200000
lab_expect "RX dropped" "$(accum_field "$log" RX-dropped)" -eq 0
