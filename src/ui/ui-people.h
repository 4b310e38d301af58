/*
 * vanthu: the people picker (ui-people.c) for assign and forward.
 */
#ifndef VANTHU_UI_PEOPLE_H
#define VANTHU_UI_PEOPLE_H

#include <stddef.h>

struct ui;

enum ui_people_mode { UI_PEOPLE_ASSIGN, UI_PEOPLE_FORWARD };
enum ui_role { UI_ROLE_NONE, UI_ROLE_LEAD, UI_ROLE_COOPERATE,
    UI_ROLE_INFORM };

struct ui_person_choice {
	const char	*username;
	enum ui_role	 role;
};

/* Open the picker for document ID; on Enter it calls
 * ui_action_people_chosen with the people chosen. */
void	ui_people_open(struct ui *ui, enum ui_people_mode mode,
	    const char *id);
void	ui_action_people_chosen(struct ui *ui, enum ui_people_mode mode,
	    const char *id, const struct ui_person_choice *c, size_t n);

#endif
