/*
 * vanthu: translation of user-visible strings with GNU gettext.
 * Every string a user reads goes through _() (or N_() where it must be
 * a constant, translated later with _()).  The catalogue is po/vi.po.
 */
#ifndef VANTHU_I18N_H
#define VANTHU_I18N_H

#include <libintl.h>

#define _(s)	gettext(s)
#define N_(s)	(s)

/*
 * vt_i18n_init: set the locale from the environment (LANG, LC_ALL...)
 * and bind the "vanthu" text domain to LOCALEDIR (or to the directory in
 * $VANTHU_LOCALEDIR, which tests use), in UTF-8 whatever the locale's
 * charset.  Call once at start, before any _().
 */
void	vt_i18n_init(void);

#endif
