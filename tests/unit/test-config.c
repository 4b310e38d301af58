/* Unit tests for lib/config.c: the key = value file and XDG paths. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vanthu/config.h"

static vt_code
parse(struct vt_config *cfg, const char *text, struct vt_errbuf *eb)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->retries = -1;
	return vt_config_parse(cfg, "test.conf", text, strlen(text), eb);
}

static void
test_known_and_unknown_keys(void **state)
{
	struct vt_config		 cfg;
	struct vt_errbuf		 eb = { 0 };
	const struct vt_config_entry	*e;
	size_t				 pos = 0;

	(void)state;
	assert_int_equal(parse(&cfg,
	    "# comment\n\n  server =  https://vanban.example.vn  \n"
	    "ca_file=/etc/ca.pem\r\n"
	    "bind = inbox <f2> help\n"
	    "username = \" chutich \"\n"
	    "bind = generic x quit\n"
	    "retries = 0\nconnect_timeout = 7\n"
	    "future_key = whatever\n"
	    "server = https://other.example.vn\n", &eb), VT_OK);
	assert_string_equal(cfg.server, "https://other.example.vn");
	assert_string_equal(cfg.ca_file, "/etc/ca.pem");
	assert_string_equal(cfg.username, " chutich ");
	assert_int_equal(cfg.retries, 0);
	assert_int_equal(cfg.connect_timeout, 7);
	assert_string_equal(vt_config_get(&cfg, "future_key"), "whatever");
	e = vt_config_next(&cfg, "bind", &pos);
	assert_non_null(e);
	assert_string_equal(e->value, "inbox <f2> help");
	assert_int_equal(e->line, 5);
	e = vt_config_next(&cfg, "bind", &pos);
	assert_string_equal(e->value, "generic x quit");
	assert_null(vt_config_next(&cfg, "bind", &pos));
	assert_null(vt_config_get(&cfg, "nothing"));
	vt_config_free(&cfg);
}

static void
test_errors_name_the_line(void **state)
{
	struct vt_config	cfg;
	struct vt_errbuf	eb = { 0 };

	(void)state;
	assert_int_equal(parse(&cfg, "server = x\nno equals sign\n", &eb),
	    VT_ERR_CONFIG);
	assert_non_null(strstr(eb.detail, "test.conf:2:"));
	vt_config_free(&cfg);
	assert_int_equal(parse(&cfg, "retries = lots\n", &eb), VT_ERR_CONFIG);
	assert_non_null(strstr(eb.detail, "test.conf:1: retries"));
	vt_config_free(&cfg);
	assert_int_equal(parse(&cfg, "Bad Key = 1\n", &eb), VT_ERR_CONFIG);
	vt_config_free(&cfg);
	assert_int_equal(parse(&cfg, "viewer = a\033[2Jb\n", &eb),
	    VT_ERR_CONFIG);
	vt_config_free(&cfg);
}

/* breaker F10: a key with ESC was echoed raw; long values in full. */
static void
test_errors_are_terminal_safe(void **state)
{
	struct vt_config	 cfg;
	struct vt_errbuf	 eb = { 0 };
	char			*q, *big;

	(void)state;
	assert_int_equal(parse(&cfg, "ke\033[31my = 1\n", &eb),
	    VT_ERR_CONFIG);
	assert_non_null(strstr(eb.detail, "test.conf:1:"));
	assert_null(strchr(eb.detail, '\033'));
	assert_non_null(strstr(eb.detail, "ke\xef\xbf\xbdy"));
	vt_config_free(&cfg);
	big = malloc(100001);
	assert_non_null(big);
	memset(big, 'a', 100000);
	big[100000] = '\0';
	q = vt_config_quote(big);
	assert_int_equal(strlen(q), 64 + 3);
	assert_string_equal(q + 64, "...");
	free(q);
	/* Cut at a character boundary: "ằ" is 3 bytes. */
	big[0] = '\0';
	while (strlen(big) < 90)
		strcat(big, "\xe1\xba\xb1");
	q = vt_config_quote(big);
	assert_int_equal(strlen(q), 63 + 3);
	free(q);
	free(big);
}

static void
test_values_are_nfc(void **state)
{
	struct vt_config	cfg;
	struct vt_errbuf	eb = { 0 };

	(void)state;
	/* a + combining breve + combining grave -> U+1EB1 */
	assert_int_equal(parse(&cfg, "username = Ho\x61\xcc\x86\xcc\x80ng\n",
	    &eb), VT_OK);
	assert_string_equal(cfg.username, "Ho\xe1\xba\xb1ng");
	vt_config_free(&cfg);
}

static void
test_xdg_dirs(void **state)
{
	char	*d;

	(void)state;
	setenv("HOME", "/home/u", 1);
	setenv("XDG_CONFIG_HOME", "/x/conf", 1);
	d = vt_config_dir();
	assert_string_equal(d, "/x/conf/vanthu");
	free(d);
	setenv("XDG_CONFIG_HOME", "relative/path", 1);
	d = vt_config_dir();
	assert_string_equal(d, "/home/u/.config/vanthu");
	free(d);
	unsetenv("XDG_STATE_HOME");
	d = vt_state_dir();
	assert_string_equal(d, "/home/u/.local/state/vanthu");
	free(d);
	setenv("XDG_CACHE_HOME", "/c", 1);
	d = vt_cache_dir();
	assert_string_equal(d, "/c/vanthu");
	free(d);
}

static void
test_missing_default_file_is_fine(void **state)
{
	struct vt_config	cfg;
	struct vt_errbuf	eb = { 0 };

	(void)state;
	setenv("XDG_CONFIG_HOME", "/nonexistent-vanthu-dir", 1);
	assert_int_equal(vt_config_load(&cfg, NULL, "https://s", NULL, &eb),
	    VT_OK);
	assert_string_equal(cfg.server, "https://s");
	vt_config_free(&cfg);
	assert_int_equal(vt_config_load(&cfg, "/nonexistent-vanthu-file",
	    NULL, NULL, &eb), VT_ERR_CONFIG);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_and_unknown_keys),
		cmocka_unit_test(test_errors_name_the_line),
		cmocka_unit_test(test_errors_are_terminal_safe),
		cmocka_unit_test(test_values_are_nfc),
		cmocka_unit_test(test_xdg_dirs),
		cmocka_unit_test(test_missing_default_file_is_fine),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
