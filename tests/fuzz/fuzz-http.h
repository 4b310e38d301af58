/* The fuzzer's HTTP layer (tests/fuzz/fuzz-http.c). */
#ifndef FUZZ_HTTP_H
#define FUZZ_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "vanthu/http.h"

/* One made-up answer: status, body (not copied: it must live until
   the request), an ETag or not, replayed or not. */
struct fuzz_answer {
	long		 status;
	const char	*body;
	size_t		 len;
	bool		 etag;
	bool		 replayed;
};

/* Queue A as the answer to the next request (16 at most). */
void	fuzz_http_queue(const struct fuzz_answer *a);
/* Forget the answers not used. */
void	fuzz_http_reset(void);

#endif
