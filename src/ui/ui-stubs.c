#include "config.h"
#include "vanthu/i18n.h"
#include "ui-int.h"
#include "ui-screens.h"
void ui_draft_open(struct ui *ui, const char *id) { (void)id; ui_message(ui, "draft: not yet"); }
