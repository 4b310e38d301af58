/*
 * vanthu: writing a dossier as the folder a records office takes
 * (nộp lưu, Decree 30/2020/NĐ-CP chapter IV): every file as the server
 * has it, the table of contents as CSV and PDF, the metadata, and a
 * SHA-256 manifest (the format of sha256sum, so any machine can check
 * it).  See vt_dossier_export in vanthu/dossier.h.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "dossier-impl.h"
#include "vanthu/api.h"
#include "vanthu/cache.h"
#include "vanthu/config.h"
#include "vanthu/dossier.h"
#include "vanthu/file.h"
#include "vanthu/http.h"
#include "vanthu/i18n.h"
#include "vanthu/xmalloc.h"

/* DIR must be new or empty: nothing of an earlier folder is mixed in. */
static vt_code
prepare_dir(const char *dir, struct vt_errbuf *eb)
{
	DIR		*d;
	struct dirent	*e;
	vt_code		 code;

	if ((code = vt_mkdirs(dir, 0755, eb)) != VT_OK)
		return code;
	if ((d = opendir(dir)) == NULL)
		return vt_fail(eb, VT_ERR_IO, "%s: %s", dir, strerror(errno));
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			break;
	}
	closedir(d);
	if (e != NULL)
		return vt_fail(eb, VT_ERR_IO, _("%s: the folder is not empty "
		    "(give a new or empty folder)"), dir);
	return VT_OK;
}

/* Copy SRC to DST atomically (at most 80 MiB). */
static vt_code
copy_file(const char *src, const char *dst, struct vt_errbuf *eb)
{
	struct vt_buf	b;
	vt_code		code;

	vt_buf_init(&b);
	code = vt_file_read(src, 80u << 20, &b, eb);
	if (code == VT_OK)
		code = vt_file_write_atomic(dst, b.data, b.len, 0644, eb);
	vt_buf_free(&b);
	return code;
}

/*
 * The file F into DST: from the cache when it holds those exact bytes,
 * else downloaded into the cache first (so that it can be read offline
 * later), checked against F's SHA-256 either way.
 */
static vt_code
fetch_file(struct vt_client *c, struct vt_cache *cache,
    const struct vt_dossier_file *f, const char *dst, struct vt_errbuf *eb)
{
	struct vt_attachment	 att;
	char			*cpath, hex[65], *esc;
	vt_code			 code;

	if ((cpath = vt_cache_attachment_path(cache, f->sha256)) == NULL)
		return vt_fail(eb, VT_ERR_PROTOCOL, "%s", f->attachment_id);
	if (vt_sha256_file(cpath, hex, NULL) != VT_OK ||
	    strcmp(hex, f->sha256) != 0) {
		char	*dir = xasprintf("%s/att", vt_cache_path(cache));

		code = vt_mkdirs(dir, 0700, eb);
		free(dir);
		memset(&att, 0, sizeof att);
		esc = vt_http_url_escape(f->attachment_id);
		att.id = f->attachment_id;
		att.filename = f->filename;
		att.content_type = (char *)"application/pdf";
		att.size = f->size;
		att.sha256 = f->sha256;
		att.url = xasprintf("/api/v1/attachments/%s", esc);
		free(esc);
		if (code == VT_OK)
			code = vt_api_download(c, &att, cpath, eb);
		free(att.url);
		if (code != VT_OK) {
			free(cpath);
			return code;
		}
	}
	code = copy_file(cpath, dst, eb);
	free(cpath);
	if (code == VT_OK && (vt_sha256_file(dst, hex, eb) != VT_OK ||
	    strcmp(hex, f->sha256) != 0))
		code = vt_fail(eb, VT_ERR_IO, _("%s: the copy differs from the "
		    "server's file"), dst);
	return code;
}

/* The folder's name for file K of row IT. */
static char *
file_name(const struct vt_dossier_item *it, size_t k)
{
	if (it->nfiles == 1)
		return xasprintf("%03d-%s.pdf", it->no, it->document_id);
	return xasprintf("%03d-%s-%zu.pdf", it->no, it->document_id, k + 1);
}

static vt_code
write_text(const char *dir, const char *name, const char *data, size_t len,
    struct vt_errbuf *eb)
{
	char	*path = xasprintf("%s/%s", dir, name);
	vt_code	 code;

	code = vt_file_write_atomic(path, data, len, 0644, eb);
	free(path);
	return code;
}

/* ho-so.json: the dossier (vt_dossier_to_json) and which file is what. */
static vt_code
write_meta(const struct vt_dossier *d, const char *dir, char **names,
    const struct vt_dossier_file **files, const char **docs, size_t n,
    struct vt_errbuf *eb)
{
	cJSON	*j = vt_dossier_to_json(d), *a;
	char	*s;
	size_t	 i;
	vt_code	 code;

	a = cJSON_AddArrayToObject(j, "folder");
	for (i = 0; i < n; i++) {
		cJSON	*o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "name", names[i]);
		cJSON_AddStringToObject(o, "document_id", docs[i]);
		cJSON_AddStringToObject(o, "attachment_id",
		    files[i]->attachment_id);
		cJSON_AddStringToObject(o, "sha256", files[i]->sha256);
		if (files[i]->label != NULL)
			cJSON_AddStringToObject(o, "label", files[i]->label);
		cJSON_AddItemToArray(a, o);
	}
	s = cJSON_Print(j);
	cJSON_Delete(j);
	code = write_text(dir, "ho-so.json", s, strlen(s), eb);
	free(s);
	return code;
}

/* manifest.sha256 over NAMES (relative to DIR), written last. */
static vt_code
write_manifest(const char *dir, char **names, size_t n, struct vt_errbuf *eb)
{
	struct vt_buf	 b;
	char		*path, hex[65];
	size_t		 i;
	vt_code		 code = VT_OK;

	vt_buf_init(&b);
	for (i = 0; i < n && code == VT_OK; i++) {
		path = xasprintf("%s/%s", dir, names[i]);
		code = vt_sha256_file(path, hex, eb);
		free(path);
		vt_buf_printf(&b, "%s  %s\n", hex, names[i]);
	}
	if (code == VT_OK)
		code = write_text(dir, DOSSIER_MANIFEST, b.data, b.len, eb);
	vt_buf_free(&b);
	return code;
}

vt_code
vt_dossier_export(struct vt_client *c, struct vt_cache *cache,
    const struct vt_dossier *d, const char *dir,
    vt_dossier_progress_fn progress, void *arg, struct vt_errbuf *eb)
{
	const struct vt_dossier_file	**files;
	const char			**docs;
	char				**names, *path;
	struct vt_buf			 csv;
	size_t				 n = 0, total = 0, i, k;
	vt_code				 code;

	if (!d->detailed)
		return vt_fail(eb, VT_ERR_INTERNAL, "dossier not detailed");
	if ((code = prepare_dir(dir, eb)) != VT_OK)
		return code;
	for (i = 0; i < d->nitems; i++)
		total += d->items[i].nfiles;
	names = xcalloc(total + 4, sizeof *names);
	files = xcalloc(total + 1, sizeof *files);
	docs = xcalloc(total + 1, sizeof *docs);
	for (i = 0; i < d->nitems && code == VT_OK; i++) {
		for (k = 0; k < d->items[i].nfiles && code == VT_OK; k++) {
			names[n] = file_name(&d->items[i], k);
			files[n] = &d->items[i].files[k];
			docs[n] = d->items[i].document_id;
			if (progress != NULL)
				progress(arg, n, total, names[n]);
			path = xasprintf("%s/%s", dir, names[n]);
			code = fetch_file(c, cache, files[n], path, eb);
			free(path);
			n++;
		}
	}
	if (code == VT_OK) {
		vt_buf_init(&csv);
		vt_dossier_toc_csv(d, &csv);
		code = write_text(dir, "muc-luc.csv", csv.data, csv.len, eb);
		vt_buf_free(&csv);
	}
	if (code == VT_OK) {
		path = xasprintf("%s/muc-luc.pdf", dir);
		code = vt_dossier_toc_pdf(d, NULL, path, eb);
		free(path);
	}
	if (code == VT_OK)
		code = write_meta(d, dir, names, files, docs, n, eb);
	if (code == VT_OK) {
		names[n] = xstrdup("muc-luc.csv");
		names[n + 1] = xstrdup("muc-luc.pdf");
		names[n + 2] = xstrdup("ho-so.json");
		code = write_manifest(dir, names, n + 3, eb);
	}
	for (i = 0; i < total + 4; i++)
		free(names[i]);
	free(names);
	free(files);
	free(docs);
	return code;
}
