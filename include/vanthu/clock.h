/*
 * vanthu: the clock and Vietnam time (lib/clock.c).
 *
 * Every date vanthu shows or compares ("today", deadlines, overdue, due
 * soon, the time of a comment) is in ONE configured zone, by default
 * Asia/Ho_Chi_Minh (UTC+07:00, no daylight saving time since 1975),
 * whatever the host's TZ: officials often work over SSH on a server set
 * to UTC.  The zone is a fixed offset from UTC computed here with plain
 * arithmetic (no tzfile, no setenv("TZ"), no localtime: safe in the
 * threaded interface).  Formats: dd/mm/yyyy and HH:MM for people (Decree
 * 30's Vietnamese usage), ISO 8601 (RFC 3339) with the offset for
 * machines (--json, the outbox, the server).
 */
#ifndef VANTHU_CLOCK_H
#define VANTHU_CLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "vanthu/error.h"

/* The default zone, and its offset from UTC in seconds. */
#define VT_CLOCK_DEFAULT_ZONE	"Asia/Ho_Chi_Minh"
#define VT_CLOCK_DEFAULT_OFFSET	(7 * 3600)

/*
 * vt_clock_now: the current time in seconds since the epoch.  TEST-ONLY
 * hook: when the environment variable VANTHU_NOW holds a time as
 * vt_clock_parse accepts it (e.g. "2026-12-01T23:30:00Z") or a number of
 * seconds since the epoch, that time is returned instead, so tests can
 * fix the clock (Debian has faketime, but it does not reach the reference
 * server's clients reliably across threads).  Not for users.
 */
time_t	vt_clock_now(void);

/*
 * vt_clock_set_zone: use zone NAME for every date from now on.  NAME is
 * "Asia/Ho_Chi_Minh" (or its old name "Asia/Saigon"), another zone of
 * fixed offset vanthu knows ("UTC", "Asia/Bangkok", "Asia/Jakarta"...),
 * or an offset "+07:00", "+0700", "UTC+7", "-03:30".  Call it once at
 * start (the configuration's time_zone key does), before any thread
 * starts.  Returns VT_OK, or VT_ERR_CONFIG (message in EB, may be NULL)
 * for a name it does not know; the zone is then unchanged.
 */
vt_code	vt_clock_set_zone(const char *name, struct vt_errbuf *eb);

/* vt_clock_offset: the configured zone's offset from UTC, in seconds. */
long	vt_clock_offset(void);

/* vt_clock_today: today's date in the zone as "YYYY-MM-DD" (11 bytes). */
void	vt_clock_today(char out[11]);

/*
 * vt_clock_add_days: the date N days after DATE ("YYYY-MM-DD"; N may be
 * negative) into OUT (11 bytes).  Returns false when DATE is not a date.
 */
bool	vt_clock_add_days(const char *date, int n, char out[11]);

/*
 * vt_clock_parse: parse an ISO 8601 / RFC 3339 time: "YYYY-MM-DD" (the
 * start of that day in the zone), "YYYY-MM-DDTHH:MM[:SS[.frac]]" followed
 * by "Z", "+HH:MM", "+HHMM" or nothing (then in the zone).  Stores
 * seconds since the epoch in *OUT.  Returns false when S is not such a
 * time (then *OUT is unchanged).
 */
bool	vt_clock_parse(const char *s, time_t *out);

/*
 * vt_clock_local_date: the date in the zone ("YYYY-MM-DD", 11 bytes) of
 * ISO, a date (kept as it is) or a time with an offset (converted).
 * Returns false when ISO is NULL or not a time.
 */
bool	vt_clock_local_date(const char *iso, char out[11]);

/* What vt_clock_show writes. */
enum vt_clock_style {
	VT_CLOCK_DATE,		/* 05/12/2026 */
	VT_CLOCK_DATE_SHORT,	/* 05/12 */
	VT_CLOCK_DATETIME,	/* 05/12/2026 09:15 */
	VT_CLOCK_DATETIME_SHORT, /* 05/12 09:15 */
	VT_CLOCK_DATETIME_SECONDS /* 05/12/2026 09:15:30: signatures,
				   timestamps, revocations */
};

/*
 * vt_clock_show: the time or date ISO (as vt_clock_parse takes it) as
 * people read it in the zone, in STYLE, into OUT (LEN bytes).  A plain
 * date ("2026-12-05") is shown as that date (no conversion); a time with
 * an offset is converted to the zone.  Text that is not a time is copied
 * as it is (cut to LEN); NULL gives "".  Returns OUT.
 */
char	*vt_clock_show(const char *iso, enum vt_clock_style style, char *out,
	    size_t len);

/* vt_clock_show_time: T (seconds since the epoch) as vt_clock_show
   shows it in STYLE, into OUT (LEN bytes).  Returns OUT. */
char	*vt_clock_show_time(time_t t, enum vt_clock_style style, char *out,
	    size_t len);

/*
 * vt_clock_iso: T as RFC 3339 in the zone, "2026-12-05T09:15:30+07:00",
 * into OUT (32 bytes).  Returns OUT.
 */
char	*vt_clock_iso(time_t t, char out[32]);

/*
 * vt_clock_read_date: a date as a person types it: "5/12" (this year in
 * the zone), "5/12/2026", "05-12-2026", "5.12.26" or ISO "2026-12-05",
 * into OUT as "YYYY-MM-DD" (11 bytes).  Returns VT_OK, or VT_ERR_INVALID
 * with a translated message in EB (may be NULL) for anything else or a
 * day that does not exist (31/2).
 */
vt_code	vt_clock_read_date(const char *s, char out[11], struct vt_errbuf *eb);

/*
 * vt_date_vn: "YYYY-MM-DD" as Decree 30 writes dates, as "dd/mm/yyyy"
 * into OUT (11 bytes; a calendar date, no time zone involved).  NULL or
 * malformed input gives "".  Returns OUT.
 */
const char *vt_date_vn(char out[11], const char *iso);

#endif
