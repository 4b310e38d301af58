/* vanthu: gettext set-up. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "vanthu/i18n.h"

void
vt_i18n_init(void)
{
	const char	*dir;

	setlocale(LC_ALL, "");
	/* Tests point this at catalogues in the build tree. */
	if ((dir = getenv("VANTHU_LOCALEDIR")) == NULL || *dir == '\0')
		dir = LOCALEDIR;
	bindtextdomain(PACKAGE, dir);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
}
