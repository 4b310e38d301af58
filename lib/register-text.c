/*
 * vanthu: the clerk's registers as text (vanthu/register-text.h), one
 * entry per paragraph with the columns of Decree 30's Appendix IV as
 * labelled lines: narrow enough for any terminal and the interface's
 * pager.  Vietnamese headings whatever the locale: official forms.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vanthu/clock.h"
#include "vanthu/register-text.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

static void
put_list(struct vt_buf *b, char *const *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		vt_buf_printf(b, "%s %s", i > 0 ? ";" : "", v[i]);
	if (n == 0)
		vt_buf_puts(b, " —");
	vt_buf_putc(b, '\n');
}

/* "Quyết định: Về việc..."; not when the subject names its type
   already ("Công điện về việc..."). */
static void
put_what(struct vt_buf *b, const char *type, const char *subject)
{
	if (subject == NULL)
		subject = "";
	if (type == NULL || *type == '\0' ||
	    strncmp(subject, type, strlen(type)) == 0)
		vt_buf_printf(b, "%s\n", subject);
	else
		vt_buf_printf(b, "%s: %s\n", type, subject);
}

void
vt_outgoing_register_text(int year, const struct vt_outgoing *items,
    size_t n, struct vt_buf *b)
{
	const struct vt_outgoing	*e;
	char				 date[16], *cell;
	size_t				 i;

	vt_buf_printf(b, "SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM %d\n", year);
	if (n == 0)
		vt_buf_puts(b, "(Chưa có văn bản nào được phát hành.)\n");
	for (i = 0; i < n; i++) {
		e = &items[i];
		cell = vt_text_fit(e->number_notation != NULL ?
		    e->number_notation : "", 18, 0);
		vt_buf_printf(b, "%3zu. %s %s\n", i + 1, cell,
		    vt_date_vn(date, e->issued_date));
		free(cell);
		vt_buf_puts(b, "     Tên loại và trích yếu: ");
		put_what(b, e->type_name, e->subject);
		vt_buf_printf(b, "     Người ký: %s", e->signer_name != NULL ?
		    e->signer_name : "");
		if (e->signer_position != NULL && *e->signer_position != '\0')
			vt_buf_printf(b, " (%s%s%s)", e->signer_competence !=
			    NULL ? e->signer_competence : "",
			    e->signer_competence != NULL &&
			    *e->signer_competence != '\0' ? " " : "",
			    e->signer_position);
		vt_buf_puts(b, "\n     Nơi nhận:");
		put_list(b, e->recipients, e->nrecipients);
		vt_buf_printf(b, "     Số lượng bản: %ld\n", e->copies);
	}
}

void
vt_incoming_register_text(const struct vt_incoming_register *r,
    struct vt_buf *b)
{
	const struct vt_reg_entry	*e;
	char				 d1[16], d2[16];
	size_t				 i;

	vt_buf_printf(b, "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN NĂM %d\n", r->year);
	if (r->n == 0)
		vt_buf_puts(b, "(Chưa có văn bản đến nào được vào sổ.)\n");
	for (i = 0; i < r->n; i++) {
		e = &r->items[i];
		vt_buf_printf(b, "%5ld. Ngày đến %s\n", e->arrival_number,
		    vt_date_vn(d1, e->arrival_date));
		vt_buf_printf(b, "       Tác giả: %s\n", e->organ_name != NULL ?
		    e->organ_name : "");
		vt_buf_printf(b, "       Số, ký hiệu: %s, ngày %s\n",
		    e->number_notation != NULL ? e->number_notation : "",
		    vt_date_vn(d2, e->issued_date));
		vt_buf_puts(b, "       Tên loại và trích yếu: ");
		put_what(b, e->type_name, e->subject);
		vt_buf_puts(b, "       Đơn vị hoặc người nhận:");
		put_list(b, e->receivers, e->nreceivers);
		if (e->due_date != NULL)
			vt_buf_printf(b, "       Hạn giải quyết: %s\n",
			    vt_date_vn(d1, e->due_date));
		if (e->notes != NULL && *e->notes != '\0')
			vt_buf_printf(b, "       Ghi chú: %s\n", e->notes);
	}
	vt_buf_printf(b, "Tổng số: %zu văn bản\n", r->n);
}
