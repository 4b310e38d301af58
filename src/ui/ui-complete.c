/*
 * vanthu: file-name completion for the one-line editor (Tab), as a
 * shell does: the longest part common to every name of the directory
 * that starts with what was typed; a lone directory gets its '/'.
 * Hidden files are offered only when the typed part starts with '.'.
 */
#include "config.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "vanthu/xmalloc.h"
#include "ui-int.h"

/* The directory to read for TEXT ("~/" is $HOME) and the typed name. */
static char *
ui_complete_dir(const char *text, const char **base)
{
	const char	*slash = strrchr(text, '/');
	const char	*home = getenv("HOME");

	*base = slash != NULL ? slash + 1 : text;
	if (slash == NULL)
		return xstrdup(".");
	if (slash == text)
		return xstrdup("/");
	if (text[0] == '~' && text[1] == '/' && home != NULL)
		return xasprintf("%s%.*s", home, (int)(slash - text - 1),
		    text + 1);
	return xasprintf("%.*s", (int)(slash - text), text);
}

char *
ui_complete_path(const char *text)
{
	const char	*base;
	char		*dir, *best = NULL, *full, *out = NULL;
	size_t		 blen, n = 0, k;
	struct dirent	*e;
	struct stat	 st;
	DIR		*d;

	dir = ui_complete_dir(text, &base);
	blen = strlen(base);
	if ((d = opendir(dir)) == NULL) {
		free(dir);
		return NULL;
	}
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, base, blen) != 0 ||
		    strcmp(e->d_name, ".") == 0 ||
		    strcmp(e->d_name, "..") == 0 ||
		    (e->d_name[0] == '.' && base[0] != '.'))
			continue;
		if (n++ == 0) {
			best = xstrdup(e->d_name);
			continue;
		}
		for (k = 0; best[k] != '\0' && best[k] == e->d_name[k]; k++)
			;
		best[k] = '\0';
	}
	closedir(d);
	if (best != NULL && (strlen(best) > blen || n == 1)) {
		out = xasprintf("%.*s%s", (int)(base - text), text, best);
		full = xasprintf("%s/%s", dir, best);
		if (n == 1 && stat(full, &st) == 0 && S_ISDIR(st.st_mode)) {
			char *slashed = xasprintf("%s/", out);

			free(out);
			out = slashed;
		}
		free(full);
		if (strcmp(out, text) == 0) {
			free(out);
			out = NULL;
		}
	}
	free(best);
	free(dir);
	return out;
}
