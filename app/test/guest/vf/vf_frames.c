/* SPDX-License-Identifier: BSD-3-Clause */
#include <stdio.h>
#include <string.h>

#include "vf_frames.h"

/* Header bytes before the pattern: Ethernet (+ tag), magic, sequence. */
static uint32_t
header_len(const struct vf_frame_spec *spec)
{
	return RTE_ETHER_HDR_LEN + (spec->vlan ? 4 : 0) + 4 + 8;
}

static uint8_t
pattern(uint64_t seq, uint32_t off)
{
	return (uint8_t)(seq * 7 + off);
}

static void
write_header(uint8_t *p, const struct vf_frame_spec *spec, uint64_t seq)
{
	uint32_t magic = rte_cpu_to_be_32(VF_TEST_MAGIC);
	uint16_t type = rte_cpu_to_be_16(VF_TEST_ETHERTYPE);

	memcpy(p, &spec->dst, 6);
	memcpy(p + 6, &spec->src, 6);
	p += 12;
	if (spec->vlan) {
		uint16_t tpid = rte_cpu_to_be_16(RTE_ETHER_TYPE_VLAN);
		uint16_t tci = rte_cpu_to_be_16(spec->vlan);

		memcpy(p, &tpid, 2);
		memcpy(p + 2, &tci, 2);
		p += 4;
	}
	memcpy(p, &type, 2);
	memcpy(p + 2, &magic, 4);
	memcpy(p + 6, &seq, 8);
}

struct rte_mbuf *
vf_frame_build(struct rte_mempool *mp, const struct vf_frame_spec *spec, uint64_t seq)
{
	uint32_t hdr = header_len(spec), off = 0, len = spec->len;
	struct rte_mbuf *head = NULL, *last = NULL;
	uint8_t hbuf[64];

	write_header(hbuf, spec, seq);
	while (off < len) {
		struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
		uint32_t room, chunk, i;
		uint8_t *p;

		if (m == NULL) {
			rte_pktmbuf_free(head);
			return NULL;
		}
		room = rte_pktmbuf_tailroom(m);
		chunk = RTE_MIN(room, len - off);
		p = (uint8_t *)rte_pktmbuf_append(m, (uint16_t)chunk);
		for (i = 0; i < chunk; i++, off++)
			p[i] = off < hdr ? hbuf[off] : pattern(seq, off - hdr);
		if (head == NULL) {
			head = m;
		} else {
			last->next = m;
			head->nb_segs++;
			head->pkt_len += chunk;
		}
		last = m;
	}
	return head;
}

static bool check_untagged(const struct rte_mbuf *m, const struct vf_frame_spec *spec,
	uint64_t *seq, char *why, size_t why_len);

bool
vf_frame_check(const struct rte_mbuf *m, const struct vf_frame_spec *spec, uint64_t *seq,
	char *why, size_t why_len)
{
	struct vf_frame_spec untagged = *spec;

	if (!(m->ol_flags & RTE_MBUF_F_RX_VLAN_STRIPPED))
		return check_untagged(m, spec, seq, why, why_len);
	/* The NIC took the tag out of the frame and into the descriptor. */
	if (spec->vlan == 0 || (m->vlan_tci & 0xFFF) != spec->vlan) {
		snprintf(why, why_len, "stripped tag %u, sent %u", m->vlan_tci, spec->vlan);
		return false;
	}
	untagged.vlan = 0;
	untagged.len -= 4;
	return check_untagged(m, &untagged, seq, why, why_len);
}

static bool
check_untagged(const struct rte_mbuf *m, const struct vf_frame_spec *spec, uint64_t *seq,
	char *why, size_t why_len)
{
	uint8_t hbuf[64], byte;
	uint32_t hdr = header_len(spec), off = 0;
	const struct rte_mbuf *seg;
	const void *p0;
	uint64_t s;

	if (m->pkt_len != spec->len) {
		snprintf(why, why_len, "length %u, sent %u", m->pkt_len, spec->len);
		return false;
	}
	/* The sequence number sits at the end of the header. */
	p0 = rte_pktmbuf_read(m, hdr - 8, 8, &s);
	if (p0 == NULL) {
		snprintf(why, why_len, "cannot read the sequence number");
		return false;
	}
	memcpy(&s, p0, 8);
	write_header(hbuf, spec, s);
	for (seg = m; seg != NULL; seg = seg->next) {
		const uint8_t *p = rte_pktmbuf_mtod(seg, const uint8_t *);
		uint16_t i;

		for (i = 0; i < seg->data_len; i++, off++) {
			byte = off < hdr ? hbuf[off] : pattern(s, off - hdr);
			if (p[i] != byte) {
				snprintf(why, why_len, "byte %u is 0x%02x, sent 0x%02x (seq %lu)",
					off, p[i], byte, (unsigned long)s);
				return false;
			}
		}
	}
	*seq = s;
	return true;
}
