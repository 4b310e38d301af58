/*
 * vanthu get: download an attachment of an incoming document (or the
 * current version of a draft) to a file.  Downloads are kept in the
 * cache by SHA-256, resumed with Range when interrupted, and checked
 * against the SHA-256 the server announced.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd-core.h"
#include "vanthu/file.h"
#include "vanthu/i18n.h"
#include "vanthu/xmalloc.h"

/* Copy the file FROM to TO ("-": standard output), atomically. */
static vt_code
copy_out(const char *from, const char *to, struct vt_errbuf *eb)
{
	struct vt_buf	b;
	vt_code		code;

	vt_buf_init(&b);
	code = vt_file_read(from, (size_t)1 << 34, &b, eb);
	if (code == VT_OK && strcmp(to, "-") == 0) {
		if (!vt_file_write_fd(STDOUT_FILENO, b.data, b.len))
			code = vt_fail(eb, VT_ERR_IO, "%s", strerror(errno));
	} else if (code == VT_OK)
		code = vt_file_write_atomic(to, b.data, b.len, 0644, eb);
	vt_buf_free(&b);
	return code;
}

/* The attachment of D named WANT (id or file name), or the only one. */
static const struct vt_attachment *
pick(const struct vt_doc *d, const char *want, struct vt_errbuf *eb)
{
	size_t	i;

	for (i = 0; want != NULL && i < d->nattachments; i++) {
		if (strcmp(d->attachments[i].id, want) == 0 ||
		    strcmp(d->attachments[i].filename, want) == 0)
			return &d->attachments[i];
	}
	if (want != NULL)
		vt_fail(eb, VT_ERR_NOT_FOUND, _("%s has no attachment %s"),
		    d->id, want);
	else if (d->nattachments == 1)
		return &d->attachments[0];
	else if (d->nattachments == 0)
		vt_fail(eb, VT_ERR_NOT_FOUND, _("%s has no attachment"),
		    d->id);
	else
		vt_fail(eb, VT_ERR_USAGE, _("%s has %zu attachments: name one "
		    "(see 'vanthu show %s')"), d->id, d->nattachments, d->id);
	return NULL;
}

static int
get_file(struct core *core, const struct vt_attachment *att, const char *out)
{
	struct vt_errbuf	 eb = { VT_OK, "" };
	char			*path;
	int			 status = 0;

	path = vt_cache_attachment_path(core->cache, att->sha256);
	if (path == NULL) {
		vt_fail(&eb, VT_ERR_PROTOCOL, "sha256");
		return core_fail(core, &eb);
	}
	if ((access(path, R_OK) != 0 &&
	    vt_api_download(core->client, att, path, &eb) != VT_OK) ||
	    copy_out(path, out, &eb) != VT_OK)
		status = core_fail(core, &eb);
	else if (strcmp(out, "-") != 0)
		printf(_("Saved %s (%llu bytes) to %s\n"), att->filename,
		    (unsigned long long)att->size, out);
	free(path);
	return status;
}

static int
cmd_get(const struct vt_cli *cli, const struct vt_args *args)
{
	struct core		 core;
	struct vt_errbuf	 eb = { VT_OK, "" };
	struct vt_doc		 d;
	struct vt_draft		 r;
	struct vt_attachment	 att;
	const struct vt_attachment *a;
	const char		*out = NULL, *id, *want;
	vt_code			 code;
	bool			 cached;
	int			 status;

	out = vt_args_get(args, 'o');
	if (out == NULL)
		return vt_cmd_usage_error(args->cmd, _("-o FILE is required"));
	memset(&r, 0, sizeof r);
	id = args->argv[0];
	want = args->argc == 2 ? args->argv[1] : NULL;
	if (!core_valid_id(id))
		return core_bad_doc_id(args->cmd, args->argv[0]);
	if ((status = core_open(&core, cli, args->cmd, CORE_CACHE)) != 0)
		return status;
	if ((id = core_doc_id(&core, id, &status)) == NULL) {
		core_close(&core);
		return status;
	}
	code = vt_fetch_doc(core.client, core.cache, id, &d, &cached, &eb);
	if (code == VT_OK || cached) {
		if ((a = pick(&d, want, &eb)) == NULL)
			status = core_fail(&core, &eb);
		else
			status = get_file(&core, a, out);
		vt_doc_clear(&d);
	} else if (code == VT_ERR_NOT_FOUND && vt_fetch_draft(core.client,
	    core.cache, id, &r, &cached, &eb) == VT_OK) {
		if (!r.has_current) {
			vt_fail(&eb, VT_ERR_NOT_FOUND, _("%s has no version"),
			    id);
			status = core_fail(&core, &eb);
		} else {
			memset(&att, 0, sizeof att);
			att.id = r.current_version.attachment_id;
			att.filename = r.current_version.filename;
			att.size = r.current_version.size;
			att.sha256 = r.current_version.sha256;
			att.url = xasprintf("/api/v1/attachments/%s", att.id);
			status = get_file(&core, &att, out);
			free(att.url);
		}
		vt_draft_clear(&r);
	} else {
		status = core_fail(&core, &eb);
		vt_doc_clear(&d);
		vt_draft_clear(&r);
	}
	core_close(&core);
	return status;
}

static const struct vt_cmd_opt get_opts[] = {
	{ 'o', "output", VT_OPT_SHORT | VT_OPT_ARG, N_("FILE"),
	    N_("the file to write ('-': standard output; required)") },
	{ 0, NULL, 0, NULL, NULL }
};

const struct vt_cmd cmd_get_entry = {
	.name = "get",
	.run = cmd_get,
	.summary = N_("save an attachment or a draft's PDF to a file"),
	.operands = N_("ID [ATTACHMENT]"),
	.min_args = 1,
	.max_args = 2,
	.args_error = N_("expected ID and optionally ATTACHMENT"),
	.opts = get_opts,
	.help = N_("Save an attachment of a document (its id or file name; the "
	    "only one if omitted), or the current version of a draft, to the "
	    "file given with -o ('-' for standard output)."),
};
