/*
 * vanthu: the clerk's registers as text (Decree 30/2020/ND-CP art. 16
 * and 22, Appendix IV): the outgoing register (sổ đăng ký văn bản đi)
 * and the incoming register (sổ đăng ký văn bản đến), one entry per
 * paragraph, for the command line and the interface.  The registers are
 * official forms: their headings are Vietnamese whatever the locale,
 * dates dd/mm/yyyy.
 */
#ifndef VANTHU_REGISTER_TEXT_H
#define VANTHU_REGISTER_TEXT_H

#include <stddef.h>

#include "vanthu/buf.h"
#include "vanthu/outgoing.h"
#include "vanthu/register.h"

/*
 * vt_outgoing_register_text: append to B the outgoing register of YEAR
 * (ITEMS, N entries, as vt_api_outgoing_register() gave them): its
 * heading, then per document the number and notation, the issue date,
 * the type and subject, the signer, the recipients and the copies.
 * The strings are the model's (already safe text).
 */
void	vt_outgoing_register_text(int year, const struct vt_outgoing *items,
	    size_t n, struct vt_buf *b);

/*
 * vt_incoming_register_text: append to B the incoming register R: its
 * heading, then per document the arrival number and date, the sender,
 * the number and notation and its date, the type and subject, who
 * received it, the deadline and the notes.
 */
void	vt_incoming_register_text(const struct vt_incoming_register *r,
	    struct vt_buf *b);

#endif
