/*
 * vanthu: what the terminal can do, asked of terminfo before curses
 * starts (a separate file: <term.h> defines macros such as "lines").
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curses.h>
#include <term.h>

bool	ui_term_can_address(void);

bool
ui_term_can_address(void)
{
	const char	*term = getenv("TERM");
	char		*cup;
	int		 err = 0;
	bool		 ok;

	if (term == NULL || *term == '\0' || strcmp(term, "dumb") == 0)
		return false;
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK)
		return false;
	cup = tigetstr("cup");
	ok = cup != NULL && cup != (char *)-1;
	del_curterm(cur_term);
	cur_term = NULL;
	return ok;
}
