/*
 * vanthu incoming-register: the incoming register (sổ đăng ký văn bản
 * đến) of a year, from the server, in the columns of Decree
 * 30/2020/ND-CP Appendix IV.  The headings are the register's own
 * Vietnamese words, whatever the locale (it is the agency's book).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cmd-core.h"
#include "vanthu/buf.h"
#include "vanthu/clock.h"
#include "vanthu/i18n.h"
#include "vanthu/register.h"
#include "vanthu/text.h"
#include "vanthu/xmalloc.h"

#define NCOLS	9

static const struct {
	const char	*heading;
	int		 width;
} reg_cols[NCOLS] = {
	{ "Số đến", 6 },
	{ "Ngày đến", 10 },
	{ "Tác giả", 18 },
	{ "Số, ký hiệu", 13 },
	{ "Ngày tháng", 10 },
	{ "Tên loại và trích yếu nội dung", 32 },
	{ "Đơn vị hoặc người nhận", 20 },
	{ "Hạn giải quyết", 10 },
	{ "Ghi chú", 18 },
};

/* The lines of a wrapped cell. */
struct cell {
	char	**line;
	size_t	  n;
};

static void
cell_add(struct cell *c, const char *s, size_t len)
{
	c->line = xreallocarray(c->line, c->n + 1, sizeof *c->line);
	c->line[c->n] = xmalloc(len + 1);
	memcpy(c->line[c->n], s, len);
	c->line[c->n][len] = '\0';
	c->n++;
}

/* Start a new line in C with what CUR holds. */
static void
flush(struct cell *c, struct vt_buf *cur, int *curw)
{
	cell_add(c, cur->data != NULL ? cur->data : "", cur->len);
	vt_buf_free(cur);
	vt_buf_init(cur);
	*curw = 0;
}

/* S wrapped to COLS columns at spaces; a longer word is cut between
   grapheme clusters. */
static void
wrap(struct cell *c, const char *s, int cols)
{
	struct vt_buf	 cur;
	size_t		 len = strlen(s), off = 0, start, end, p, next;
	int		 curw = 0, w, ww;

	memset(c, 0, sizeof *c);
	vt_buf_init(&cur);
	while (off < len) {
		while (off < len && s[off] == ' ')
			off++;
		if (off >= len)
			break;
		start = off;
		for (ww = 0; off < len && s[off] != ' '; off = next) {
			next = vt_text_next_cluster(s, len, off, &w);
			ww += w;
		}
		end = off;
		if (curw > 0 && curw + 1 + ww > cols)
			flush(c, &cur, &curw);
		if (curw > 0) {
			vt_buf_add(&cur, " ", 1);
			curw++;
		}
		for (p = start; p < end; p = next) {
			next = vt_text_next_cluster(s, len, p, &w);
			if (curw + w > cols && curw > 0)
				flush(c, &cur, &curw);
			vt_buf_add(&cur, s + p, next - p);
			curw += w;
		}
	}
	if (cur.len > 0 || c->n == 0)
		cell_add(c, cur.data != NULL ? cur.data : "", cur.len);
	vt_buf_free(&cur);
}

static void
cell_free(struct cell *c)
{
	size_t	i;

	for (i = 0; i < c->n; i++)
		free(c->line[i]);
	free(c->line);
}

/* Print one row of NCOLS texts, each wrapped in its column. */
static void
print_row(const char *const text[NCOLS])
{
	struct cell	 cells[NCOLS];
	size_t		 rows = 0, r;
	char		*fit;
	int		 i;

	for (i = 0; i < NCOLS; i++) {
		wrap(&cells[i], text[i] != NULL ? text[i] : "",
		    reg_cols[i].width);
		if (cells[i].n > rows)
			rows = cells[i].n;
	}
	for (r = 0; r < rows; r++) {
		for (i = 0; i < NCOLS; i++) {
			fit = vt_text_fit(r < cells[i].n ? cells[i].line[r] :
			    "", reg_cols[i].width, i + 1 < NCOLS ? 0 :
			    VT_FIT_NOPAD);
			printf("%s%s", fit, i + 1 < NCOLS ? " │ " : "");
			free(fit);
		}
		putchar('\n');
	}
	for (i = 0; i < NCOLS; i++)
		cell_free(&cells[i]);
}

static void
print_rule(void)
{
	int	i, k;

	for (i = 0; i < NCOLS; i++) {
		for (k = 0; k < reg_cols[i].width + (i > 0) + (i + 1 < NCOLS);
		    k++)
			fputs("─", stdout);
		if (i + 1 < NCOLS)
			fputs("┼", stdout);
	}
	putchar('\n');
}

static void
print_entry(const struct vt_reg_entry *e)
{
	const char	*text[NCOLS];
	char		 num[24], d1[16], d2[16], d3[16], *what, *who;
	struct vt_buf	 b;
	size_t		 i;

	snprintf(num, sizeof num, "%ld", e->arrival_number);
	/* "Quyết định: Về việc..."; not when the subject names its type
	   already ("Công điện về việc..."). */
	if (e->type_name == NULL || (e->subject != NULL &&
	    strncmp(e->subject, e->type_name, strlen(e->type_name)) == 0))
		what = xstrdup(e->subject != NULL ? e->subject : "");
	else
		what = xasprintf("%s%s%s", e->type_name,
		    e->subject != NULL ? ": " : "",
		    e->subject != NULL ? e->subject : "");
	vt_buf_init(&b);
	for (i = 0; i < e->nreceivers; i++) {
		if (i > 0)
			vt_buf_puts(&b, "; ");
		vt_buf_puts(&b, e->receivers[i]);
	}
	who = xstrdup(b.data != NULL ? b.data : "");
	vt_buf_free(&b);
	text[0] = num;
	text[1] = vt_date_vn(d1, e->arrival_date);
	text[2] = e->organ_name;
	text[3] = e->number_notation;
	text[4] = vt_date_vn(d2, e->issued_date);
	text[5] = what;
	text[6] = who;
	text[7] = vt_date_vn(d3, e->due_date);
	text[8] = e->notes;
	print_row(text);
	free(what);
	free(who);
}

static void
print_table(const struct vt_incoming_register *r)
{
	const char	*head[NCOLS];
	size_t		 i;
	int		 k;

	printf("SỔ ĐĂNG KÝ VĂN BẢN ĐẾN NĂM %d\n", r->year);
	if (r->n == 0) {
		/* As the register's text form (vt_incoming_register_text). */
		printf("(Chưa có văn bản đến nào được vào sổ.)\n");
		return;
	}
	putchar('\n');
	for (k = 0; k < NCOLS; k++)
		head[k] = reg_cols[k].heading;
	print_row(head);
	print_rule();
	for (i = 0; i < r->n; i++)
		print_entry(&r->items[i]);
	printf("\nTổng số: %zu văn bản\n", r->n);
}

static void
print_json(const struct vt_incoming_register *r)
{
	cJSON	*j = cJSON_CreateObject(), *a;
	size_t	 i;

	cJSON_AddNumberToObject(j, "year", r->year);
	cJSON_AddNumberToObject(j, "count", (double)r->n);
	a = cJSON_AddArrayToObject(j, "items");
	for (i = 0; i < r->n; i++)
		cJSON_AddItemToArray(a, vt_reg_entry_to_json(&r->items[i]));
	core_json_print(j);
}

static bool
parse_year(const char *s, int *year)
{
	if (strlen(s) != 4 || strspn(s, "0123456789") != 4)
		return false;
	*year = atoi(s);
	return *year >= 1900;
}

static const struct vt_cmd_opt increg_opts[] = {
	{ 'y', "year", VT_OPT_ARG, N_("YEAR"), N_("the year of the register "
	    "(default: this year)") },
	{ 'j', "json", 0, NULL, N_("print the register as JSON") },
	{ 0, NULL, 0, NULL, NULL }
};

static int
cmd_incoming_register(const struct vt_cli *cli, const struct vt_args *args)
{
	struct vt_incoming_register reg;
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct core		 core;
	const char		*y = vt_args_get(args, 'y');
	bool			 json = vt_args_has(args, 'j');
	int			 year = 0, status;

	if (y != NULL && !parse_year(y, &year))
		return vt_cmd_usage_error(args->cmd, _("--year: a year of "
		    "four digits, e.g. 2026"));
	if ((status = core_open(&core, cli, args->cmd, CORE_LOGIN)) != 0)
		return status;
	if (vt_api_incoming_register(core.client, year, &reg, &eb) != VT_OK) {
		status = core_fail(&core, &eb);
		core_close(&core);
		return status;
	}
	if (json)
		print_json(&reg);
	else
		print_table(&reg);
	vt_incoming_register_free(&reg);
	core_close(&core);
	return 0;
}

const struct vt_cmd cmd_incoming_register_entry = {
	.name = "incoming-register",
	.run = cmd_incoming_register,
	.summary = N_("print the incoming register (sổ đăng ký văn bản đến)"),
	.min_args = 0,
	.max_args = 0,
	.opts = increg_opts,
	.help = N_("Print the incoming register (sổ đăng ký văn bản đến) of "
	    "YEAR, from the server, in the columns of Decree 30: arrival "
	    "number and date, sender, number and notation, date, type and "
	    "subject, receiving unit or person, deadline, notes."),
};
