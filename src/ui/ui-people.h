/*
 * vanthu: the one people picker (ui-people.c): the people of the
 * organisation (GET /users, fetched by a worker) for an assignment, a
 * forward, the signer of a new draft or its reviewers.
 */
#ifndef VANTHU_UI_PEOPLE_H
#define VANTHU_UI_PEOPLE_H

#include <stddef.h>

struct ui;
struct vt_person;

enum ui_people_mode {
	UI_PEOPLE_ASSIGN,	/* Space cycles lead, cooperate, inform */
	UI_PEOPLE_FORWARD,	/* Space marks; at least one */
	UI_PEOPLE_SIGNER,	/* Enter chooses one leader */
	UI_PEOPLE_REVIEWERS	/* Space marks; none is a choice too */
};
enum ui_role { UI_ROLE_NONE, UI_ROLE_LEAD, UI_ROLE_COOPERATE,
    UI_ROLE_INFORM };

/* A person chosen: ROLE is UI_ROLE_LEAD for a marked or chosen one.
   PERSON points into the picker's list (valid during the call). */
struct ui_person_choice {
	const char		*username;
	enum ui_role		 role;
	const struct vt_person	*person;
};

/*
 * Called when the user is done (the picker is closed already) with the
 * N people chosen; C is NULL when the list could not be fetched and the
 * user pressed Enter to type a name instead.
 */
typedef void	(*ui_people_fn)(struct ui *ui, void *arg,
		    const struct ui_person_choice *c, size_t n);

/*
 * ui_people_choose: open the picker in MODE, without the NSKIP people
 * named in SKIP (user names; SIGNER mode offers leaders only), with
 * the NMARKED people in MARKED marked at first; DONE(ARG) is called on
 * Enter.  Online only (the caller handles offline).
 */
void	ui_people_choose(struct ui *ui, enum ui_people_mode mode,
	    const char *const *skip, size_t nskip,
	    const char *const *marked, size_t nmarked,
	    ui_people_fn done, void *arg);

/* Open the picker for an assignment or a forward of document ID; on
 * Enter it calls ui_action_people_chosen with the people chosen. */
void	ui_people_open(struct ui *ui, enum ui_people_mode mode,
	    const char *id);
void	ui_action_people_chosen(struct ui *ui, enum ui_people_mode mode,
	    const char *id, const struct ui_person_choice *c, size_t n);

#endif
