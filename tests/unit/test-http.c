/*
 * Unit tests for lib/http.c that need no server: requests refused
 * before anything is sent (breaker F2: a 5 MB sync token in the URL was
 * reported as "Cannot reach the server: Out of memory").
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vanthu/http.h"

static void
test_long_url_is_refused_before_sending(void **state)
{
	struct vt_http		*h;
	struct vt_http_req	 req;
	struct vt_http_resp	 resp;
	struct vt_errbuf	 eb = { 0 };
	struct vt_http_stats	 st;
	const char		*head = "https://127.0.0.1:9/api/v1/sync?since=";
	size_t			 n = VT_HTTP_URL_MAX + 1;
	char			*url;

	(void)state;
	assert_int_equal(vt_http_global_init(), VT_OK);
	url = malloc(n + 1);
	assert_non_null(url);
	memset(url, 'A', n);
	memcpy(url, head, strlen(head));
	url[n] = '\0';
	h = vt_http_new(NULL);
	vt_http_req_init(&req, "GET", url);
	vt_http_resp_init(&resp);
	assert_int_equal(vt_http_request(h, &req, &resp, &eb), VT_ERR_INVALID);
	assert_int_equal(eb.code, VT_ERR_INVALID);
	assert_non_null(strstr(eb.detail, "65537"));
	vt_http_get_stats(h, &st);
	assert_int_equal(st.requests, 0);
	vt_http_resp_free(&resp);
	vt_http_free(h);
	free(url);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_long_url_is_refused_before_sending),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
