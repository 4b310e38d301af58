/*
 * vanthu: the clock and Vietnam time (include/vanthu/clock.h).  Civil
 * dates from day counts with Howard Hinnant's days_from_civil and
 * civil_from_days algorithms (proleptic Gregorian calendar), so nothing
 * here depends on the host's TZ or tzdata.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "vanthu/clock.h"
#include "vanthu/i18n.h"

/* Set once at start, before threads (vt_clock_set_zone). */
static long	vt_zone_offset = VT_CLOCK_DEFAULT_OFFSET;

/* Days since 1970-01-01 of Y-M-D. */
static long long
days_from_civil(long long y, unsigned m, unsigned d)
{
	long long	era;
	unsigned	yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

static void
civil_from_days(long long z, int *y, int *m, int *d)
{
	long long	era;
	unsigned	doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)((long long)yoe + era * 400 + (*m <= 2));
}

static int
days_in_month(int y, int m)
{
	static const int	dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
					 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return m >= 1 && m <= 12 ? dm[m - 1] : 0;
}

static bool
valid_date(int y, int m, int d)
{
	return y >= 1900 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= days_in_month(y, m);
}

/* "YYYY-MM-DD" into OUT (11 bytes). */
static void
fmt_ymd(char out[11], int y, int m, int d)
{
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
	    (unsigned)m % 100u, (unsigned)d % 100u);
}

time_t
vt_clock_now(void)
{
	const char	*fixed = getenv("VANTHU_NOW");
	time_t		 t;
	char		*end;
	long long	 n;

	if (fixed != NULL && *fixed != '\0') {
		if (vt_clock_parse(fixed, &t))
			return t;
		n = strtoll(fixed, &end, 10);
		if (*end == '\0')
			return (time_t)n;
	}
	return time(NULL);
}

/* "+07:00", "+0700", "+7", "UTC+7", "GMT-03:30" into seconds. */
static bool
parse_offset(const char *s, long *out)
{
	int	sign, h = 0, m = 0, n = 0;

	if (strncasecmp(s, "UTC", 3) == 0 || strncasecmp(s, "GMT", 3) == 0)
		s += 3;
	if (*s == '\0') {
		*out = 0;
		return true;
	}
	if (*s != '+' && *s != '-')
		return false;
	sign = *s++ == '-' ? -1 : 1;
	if (sscanf(s, "%2d:%2d%n", &h, &m, &n) == 2 && s[n] == '\0')
		;
	else if (strlen(s) == 4 && strspn(s, "0123456789") == 4)
		h = (s[0] - '0') * 10 + (s[1] - '0'),
		m = (s[2] - '0') * 10 + (s[3] - '0');
	else if (sscanf(s, "%2d%n", &h, &n) == 1 && s[n] == '\0')
		m = 0;
	else
		return false;
	if (h > 14 || m > 59)
		return false;
	*out = sign * (h * 3600L + m * 60L);
	return true;
}

vt_code
vt_clock_set_zone(const char *name, struct vt_errbuf *eb)
{
	/* Zones without daylight saving time today, by their offset. */
	static const struct {
		const char	*name;
		long		 offset;
	} zones[] = {
		{ "Asia/Ho_Chi_Minh", 7 * 3600 }, { "Asia/Saigon", 7 * 3600 },
		{ "Asia/Bangkok", 7 * 3600 }, { "Asia/Vientiane", 7 * 3600 },
		{ "Asia/Phnom_Penh", 7 * 3600 }, { "Asia/Jakarta", 7 * 3600 },
		{ "Asia/Singapore", 8 * 3600 }, { "Asia/Shanghai", 8 * 3600 },
		{ "Asia/Tokyo", 9 * 3600 }, { "Asia/Seoul", 9 * 3600 },
		{ "UTC", 0 }, { "Etc/UTC", 0 }, { "GMT", 0 },
	};
	size_t	i;
	long	off;

	for (i = 0; i < sizeof zones / sizeof zones[0]; i++) {
		if (strcmp(name, zones[i].name) == 0) {
			vt_zone_offset = zones[i].offset;
			return VT_OK;
		}
	}
	if (parse_offset(name, &off)) {
		vt_zone_offset = off;
		return VT_OK;
	}
	return vt_fail(eb, VT_ERR_CONFIG, _("unknown time zone \"%s\": write "
	    "Asia/Ho_Chi_Minh or an offset such as +07:00"), name);
}

long
vt_clock_offset(void)
{
	return vt_zone_offset;
}

/* The civil date and time of T in the zone. */
static void
civil(time_t t, int *y, int *mo, int *d, int *h, int *mi, int *s)
{
	long long	lt = (long long)t + vt_zone_offset;
	long long	days = lt >= 0 ? lt / 86400 : -((-lt + 86399) / 86400);
	long long	sec = lt - days * 86400;

	civil_from_days(days, y, mo, d);
	*h = (int)(sec / 3600);
	*mi = (int)(sec / 60 % 60);
	*s = (int)(sec % 60);
}

void
vt_clock_today(char out[11])
{
	int	y, mo, d, h, mi, s;

	civil(vt_clock_now(), &y, &mo, &d, &h, &mi, &s);
	fmt_ymd(out, y, mo, d);
}

/* Parse "YYYY-MM-DD" at S; true when it is a valid date. */
static bool
parse_ymd(const char *s, int *y, int *m, int *d)
{
	int	i;

	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return false;
		} else if (!isdigit((unsigned char)s[i]))
			return false;
	}
	*y = atoi(s);
	*m = (s[5] - '0') * 10 + (s[6] - '0');
	*d = (s[8] - '0') * 10 + (s[9] - '0');
	return valid_date(*y, *m, *d);
}

bool
vt_clock_add_days(const char *date, int n, char out[11])
{
	int	y, m, d;

	if (date == NULL || strlen(date) < 10 || !parse_ymd(date, &y, &m, &d))
		return false;
	civil_from_days(days_from_civil(y, (unsigned)m, (unsigned)d) + n,
	    &y, &m, &d);
	fmt_ymd(out, y, m, d);
	return true;
}

bool
vt_clock_parse(const char *s, time_t *out)
{
	int		 y, mo, d, h = 0, mi = 0, sec = 0, n = 0;
	long		 off = vt_zone_offset;
	const char	*p;
	long long	 t;

	if (s == NULL || strlen(s) < 10 || !parse_ymd(s, &y, &mo, &d))
		return false;
	p = s + 10;
	if (*p == 'T' || *p == ' ') {
		p++;
		if (sscanf(p, "%2d:%2d%n", &h, &mi, &n) != 2 || n != 5)
			return false;
		p += n;
		if (*p == ':') {
			if (!isdigit((unsigned char)p[1]) ||
			    !isdigit((unsigned char)p[2]))
				return false;
			sec = (p[1] - '0') * 10 + (p[2] - '0');
			p += 3;
			if (*p == '.' || *p == ',')
				for (p++; isdigit((unsigned char)*p); p++)
					;
		}
		if (h > 23 || mi > 59 || sec > 60)
			return false;
		if (*p == 'Z' || *p == 'z') {
			off = 0;
			p++;
		} else if (*p == '+' || *p == '-') {
			if (!parse_offset(p, &off))
				return false;
			p += strlen(p);
		}
	}
	if (*p != '\0')
		return false;
	t = days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400LL +
	    h * 3600LL + mi * 60LL + sec - off;
	*out = (time_t)t;
	return true;
}

char *
vt_clock_show(const char *iso, enum vt_clock_style style, char *out,
    size_t len)
{
	int	y, mo, d, h, mi, s;
	time_t	t;

	if (len == 0)
		return out;
	if (iso == NULL) {
		*out = '\0';
		return out;
	}
	if (strlen(iso) == 10 && parse_ymd(iso, &y, &mo, &d)) {
		h = mi = s = -1;
	} else if (vt_clock_parse(iso, &t))
		civil(t, &y, &mo, &d, &h, &mi, &s);
	else {
		snprintf(out, len, "%s", iso);
		return out;
	}
	switch (style) {
	case VT_CLOCK_DATE_SHORT:
		snprintf(out, len, "%02d/%02d", d, mo);
		break;
	case VT_CLOCK_DATETIME:
		if (h >= 0) {
			snprintf(out, len, "%02d/%02d/%04d %02d:%02d", d, mo,
			    y, h, mi);
			break;
		}
		/* FALLTHROUGH */
	case VT_CLOCK_DATE:
		snprintf(out, len, "%02d/%02d/%04d", d, mo, y);
		break;
	case VT_CLOCK_DATETIME_SHORT:
		if (h >= 0)
			snprintf(out, len, "%02d/%02d %02d:%02d", d, mo, h, mi);
		else
			snprintf(out, len, "%02d/%02d", d, mo);
		break;
	case VT_CLOCK_DATETIME_SECONDS:
		if (h >= 0)
			snprintf(out, len, "%02d/%02d/%04d %02d:%02d:%02d", d,
			    mo, y, h, mi, s);
		else
			snprintf(out, len, "%02d/%02d/%04d", d, mo, y);
		break;
	}
	return out;
}

char *
vt_clock_iso(time_t t, char out[32])
{
	int	y, mo, d, h, mi, s;
	long	off = vt_zone_offset, a = off < 0 ? -off : off;

	civil(t, &y, &mo, &d, &h, &mi, &s);
	y = (int)((unsigned)y % 10000u);
	a %= 15 * 3600;
	if (off == 0)
		snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, d,
		    h, mi, s);
	else
		snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld",
		    y, mo, d, h, mi, s, off < 0 ? '-' : '+', a / 3600,
		    a / 60 % 60);
	return out;
}

vt_code
vt_clock_read_date(const char *s, char out[11], struct vt_errbuf *eb)
{
	int	d = 0, m = 0, y = -1, n = 0, k;
	char	sep, today[11];

	while (s != NULL && isspace((unsigned char)*s))
		s++;
	if (s != NULL && strlen(s) >= 10 && parse_ymd(s, &y, &m, &d) &&
	    s[10 + strspn(s + 10, " \t")] == '\0') {
		snprintf(out, 11, "%.10s", s);
		return VT_OK;
	}
	if (s == NULL || sscanf(s, "%2d%c%2d%n", &d, &sep, &m, &n) != 3 ||
	    (sep != '/' && sep != '-' && sep != '.'))
		goto bad;
	s += n;
	if (*s == sep) {
		if (sscanf(s + 1, "%4d%n", &y, &k) != 1 || k < 2 || k == 3)
			goto bad;
		if (k == 2)
			y += 2000;
		s += 1 + k;
	} else {
		vt_clock_today(today);
		y = atoi(today);
	}
	while (isspace((unsigned char)*s))
		s++;
	if (*s != '\0' || !valid_date(y, m, d))
		goto bad;
	fmt_ymd(out, y, m, d);
	return VT_OK;
bad:
	return vt_fail(eb, VT_ERR_INVALID, _("not a date: write day/month, "
	    "such as 5/12, or day/month/year, such as 05/12/2026"));
}

bool
vt_clock_local_date(const char *iso, char out[11])
{
	int	y, mo, d, h, mi, s;
	time_t	t;

	if (iso == NULL)
		return false;
	if (strlen(iso) == 10 && parse_ymd(iso, &y, &mo, &d)) {
		memcpy(out, iso, 10);
		out[10] = '\0';
		return true;
	}
	if (!vt_clock_parse(iso, &t))
		return false;
	civil(t, &y, &mo, &d, &h, &mi, &s);
	fmt_ymd(out, y, mo, d);
	return true;
}

const char *
vt_date_vn(char out[11], const char *iso)
{
	out[0] = '\0';
	if (iso != NULL && strlen(iso) >= 10 && iso[4] == '-' && iso[7] == '-')
		snprintf(out, 11, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
	return out;
}

char *
vt_clock_show_time(time_t t, enum vt_clock_style style, char *out,
    size_t len)
{
	char	iso[32];

	return vt_clock_show(vt_clock_iso(t, iso), style, out, len);
}
