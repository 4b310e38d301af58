/*
 * vanthu: what the terminal can do, asked of terminfo before curses
 * starts (a separate file: <term.h> defines macros such as "lines").
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curses.h>
#include <term.h>

bool	ui_term_can_address(void);
void	ui_term_clear_shell_screen(void);
int	ui_term_rtt_ms(int limit_ms);

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

static long
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/*
 * The terminal's round trip in milliseconds, as the user's keys feel
 * it: ask for the cursor position (DSR 6, ECMA-48 8.3.35) and time the
 * answer (CPR, ESC [ row ; col R), waiting LIMIT_MS at most.  Curses
 * has started (cbreak, no echo); keys typed meanwhile go back to its
 * input (ungetch).  -1: no answer in time (that tells nothing).
 */
int
ui_term_rtt_ms(int limit_ms)
{
	unsigned char	 keep[64], c;
	size_t		 nkeep = 0, i;
	struct pollfd	 pfd = { STDIN_FILENO, POLLIN, 0 };
	long		 t0 = now_ms(), left;
	int		 state = 0, rtt = -1;

	if (write(STDOUT_FILENO, "\033[6n", 4) != 4)
		return -1;
	while ((left = limit_ms - (now_ms() - t0)) > 0) {
		if (poll(&pfd, 1, (int)left) <= 0 || read(STDIN_FILENO, &c, 1)
		    != 1) {
			if (errno == EINTR)
				continue;
			break;
		}
		/* ESC [ digits ; digits R */
		if (state == 0 && c == 0x1b)
			state = 1;
		else if (state == 1 && c == '[')
			state = 2;
		else if (state == 2 && ((c >= '0' && c <= '9') || c == ';'))
			;
		else if (state == 2 && c == 'R') {
			rtt = (int)(now_ms() - t0);
			break;
		} else {
			if (state == 0 && nkeep < sizeof keep)
				keep[nkeep++] = c;
			state = 0;
		}
	}
	for (i = nkeep; i > 0; i--)
		ungetch(keep[i - 1]);
	return rtt;
}
