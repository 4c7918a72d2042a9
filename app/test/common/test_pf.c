/* SPDX-License-Identifier: BSD-3-Clause */
#include "test_pf.h"

const uint8_t test_pf_perm_mac[6] = { 0x52, 0x54, 0x00, 0x5c, 0x00, 0x01 };
uint64_t test_pf_now_ms = 1000000;

static uint64_t
test_clock(void)
{
	return test_pf_now_ms;
}

struct srnic_pf *
test_pf_open(struct fake_pf *fake, uint16_t nb_vfs, const struct srnic_pf_opts *opts,
	int *err)
{
	struct srnic_pf *pf;
	int ret;

	fake_pf_init(fake, test_pf_perm_mac);
	pf = pf_alloc("0000:01:00.0", opts);
	if (pf == NULL) {
		ret = -EINVAL;
		goto fail;
	}
	pf->now_ms = test_clock;
	pf->nb_vfs = nb_vfs;
	ret = pf_vfio_attach(pf, &fake->bar, IGB_DEV_ID_82576);
	if (ret < 0) {
		pf_free(pf);
		goto fail;
	}
	/* The link comes up at once in the model: take its pings out of the way. */
	srnic_pf_poll(pf);
	return pf;
fail:
	if (err != NULL)
		*err = ret;
	return NULL;
}

void
test_pf_close(struct fake_pf *fake, struct srnic_pf *pf)
{
	if (pf != NULL) {
		pf->ops->close(pf);
		pf_free(pf);
	}
	fake_pf_fini(fake);
}

uint32_t
test_pf_request(struct fake_pf *fake, struct srnic_pf *pf, uint16_t vf, int n, uint32_t w0,
	uint32_t w1, uint32_t w2)
{
	const uint32_t w[3] = { w0, w1, w2 };
	int seen = fake->nb_posted[vf];

	fake_vf_send(fake, vf, w, n);
	srnic_pf_poll(pf);
	/* Like every VF driver, it reads the answer and acknowledges it. */
	if (fake->nb_posted[vf] > seen)
		fake_vf_ack(fake, vf);
	return fake_vf_last(fake, vf, seen);
}

uint32_t
test_pf_ack_cts(uint32_t w0)
{
	return w0 | IGB_MSG_ACK | IGB_MSG_CTS;
}

uint32_t
test_pf_nack_cts(uint32_t w0)
{
	return w0 | IGB_MSG_NACK | IGB_MSG_CTS;
}

bool
test_pf_vlan_reaches_pool(const struct fake_pf *fake, uint16_t vid, uint16_t pool)
{
	int i;

	if (!(fake_pf_reg(fake, IGB_VFTA(vid >> 5)) & (1u << (vid & 31))))
		return false;
	for (i = 0; i < IGB_VLVF_ENTRIES; i++) {
		uint32_t v = fake_pf_reg(fake, IGB_VLVF(i));

		if ((v & IGB_VLVF_VIEN) && (v & IGB_VLVF_VLANID_MASK) == vid)
			return (v >> IGB_VLVF_POOLSEL_SHIFT) & (1u << pool);
	}
	return false;
}
