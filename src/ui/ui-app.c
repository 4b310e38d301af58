/*
 * vanthu: the application glue of the terminal interface: configuration
 * (key bindings), the first screen, and background sync.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "vanthu/i18n.h"
#include "vanthu/xmalloc.h"
#include "ui-data.h"
#include "ui-int.h"
#include "ui-screens.h"

void
ui_app_start(struct ui *ui)
{
	const char	*xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char		*path = NULL;

	if (ui->opt->cli != NULL && ui->opt->cli->config_path != NULL)
		path = xstrdup(ui->opt->cli->config_path);
	else if (xdg != NULL && *xdg == '/')
		path = xasprintf("%s/vanthu/config", xdg);
	else if (home != NULL)
		path = xasprintf("%s/.config/vanthu/config", home);
	ui_keys_load_config(ui, path);
	free(path);
	ui_inbox_open_screen(ui);
}

void
ui_app_stop(struct ui *ui)
{
	(void)ui;
}

void
ui_app_sync(struct ui *ui)
{
	ui_message(ui, _("Not connected to a server"));
}

bool
ui_data_load(struct ui *ui, enum ui_view view, struct ui_rows *out)
{
	(void)ui;
	(void)view;
	ui_rows_init(out);
	return true;
}

void
ui_reader_open(struct ui *ui, const char *id)
{
	(void)id;
	ui_message(ui, _("Not connected to a server"));
}

void
ui_draft_open(struct ui *ui, const char *id)
{
	(void)id;
	ui_message(ui, _("Not connected to a server"));
}

void
ui_action_comment(struct ui *ui, const char *id)
{
	(void)id;
	ui_message(ui, _("Not connected to a server"));
}
