/*
 * vanthu: what the terminal can do, asked of terminfo before curses
 * starts (a separate file: <term.h> defines macros such as "lines").
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curses.h>
#include <term.h>

bool	ui_term_can_address(void);
void	ui_term_clear_shell_screen(void);

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

/*
 * Between endwin() and the return to curses: clear the screen the
 * shell sees, so that what a program run there printed is not left on
 * it after vanthu ends.  Needs curses' terminal (cur_term); quiet
 * without one or without a "clear" capability.
 */
void
ui_term_clear_shell_screen(void)
{
	char	*cl;

	if (cur_term == NULL)
		return;
	cl = tigetstr("clear");
	if (cl == NULL || cl == (char *)-1)
		return;
	putp(cl);
	fflush(stdout);
}
