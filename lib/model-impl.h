/*
 * vanthu: helpers shared by the model parsers (lib/model-*.c only).
 * A struct mp carries the error context ("incoming[3].organ") and
 * records the first failure; later calls do nothing once it failed.
 */
#ifndef VANTHU_MODEL_IMPL_H
#define VANTHU_MODEL_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "vanthu/error.h"
#include "vanthu/model.h"

#define MP_OPT	0x1	/* may be missing or null: NULL / 0 / false */
#define MP_ML	0x2	/* multi-line text (VT_TEXT_MULTILINE) */

struct mp {
	struct vt_errbuf	*eb;
	bool			 failed;
	char			 ctx[160];
};

void		 mp_init(struct mp *p, const char *ctx, struct vt_errbuf *eb);
void		 mp_sub(struct mp *child, const struct mp *parent,
		     const char *name, long i);
void		 mp_join(struct mp *p, const struct mp *child);
char		*mp_str(struct mp *p, const cJSON *o, const char *name,
		     int flags);
char		*mp_id(struct mp *p, const cJSON *o, const char *name,
		     int flags);
char		*mp_date(struct mp *p, const cJSON *o, const char *name,
		     int flags);
char		*mp_time(struct mp *p, const cJSON *o, const char *name,
		     int flags);
long long	 mp_int(struct mp *p, const cJSON *o, const char *name,
		     long long min, long long max, int flags);
bool		 mp_bool(struct mp *p, const cJSON *o, const char *name,
		     int flags);
const cJSON	*mp_obj(struct mp *p, const cJSON *o, const char *name,
		     int flags);
const cJSON	*mp_arr(struct mp *p, const cJSON *o, const char *name,
		     int flags, size_t *n);
void		 mp_person(struct mp *p, const cJSON *o, const char *name,
		     int flags, struct vt_person *out);
void		 mp_history(struct mp *p, const cJSON *o, const char *name,
		     struct vt_history_step **out, size_t *n);
void		 history_free(struct vt_history_step *h, size_t n);
char		**mp_str_list(struct mp *p, const cJSON *o, const char *name,
		     int flags, bool ids, size_t *n);
void		 str_list_free(char **l, size_t n);
/* mj_add_str: add NAME to O as the string V, or JSON null when V is
   NULL (model-json.c; cJSON copies V). */
void		 mj_add_str(cJSON *o, const char *name, const char *v);

#endif
