/*
 * vanthu: the document types of Decree 30/2020/ND-CP Appendix III and
 * the signer's competence prefixes (see vanthu/doctype.h).
 */
#include "config.h"

#include <string.h>

#include "vanthu/doctype.h"

static const struct vt_doctype types[] = {
	{ "NQ", "Nghị quyết" },
	{ "QĐ", "Quyết định" },
	{ "CT", "Chỉ thị" },
	{ "QC", "Quy chế" },
	{ "QyĐ", "Quy định" },
	{ "TC", "Thông cáo" },
	{ "TB", "Thông báo" },
	{ "HD", "Hướng dẫn" },
	{ "CTr", "Chương trình" },
	{ "KH", "Kế hoạch" },
	{ "PA", "Phương án" },
	{ "ĐA", "Đề án" },
	{ "DA", "Dự án" },
	{ "BC", "Báo cáo" },
	{ "BB", "Biên bản" },
	{ "TTr", "Tờ trình" },
	{ "HĐ", "Hợp đồng" },
	{ "CĐ", "Công điện" },
	{ "BGN", "Bản ghi nhớ" },
	{ "BTT", "Bản thỏa thuận" },
	{ "GUQ", "Giấy ủy quyền" },
	{ "GM", "Giấy mời" },
	{ "GGT", "Giấy giới thiệu" },
	{ "GNP", "Giấy nghỉ phép" },
	{ "PG", "Phiếu gửi" },
	{ "PC", "Phiếu chuyển" },
	{ "PB", "Phiếu báo" },
	{ "", "Công văn" },
	{ NULL, NULL }
};

static const char *const competences[] = {
	"", "TM.", "KT.", "Q.", "TL.", "TUQ.", NULL
};

const struct vt_doctype *
vt_doctypes(size_t *n)
{
	if (n != NULL)
		*n = sizeof types / sizeof types[0] - 1;
	return types;
}

const struct vt_doctype *
vt_doctype_find(const char *code)
{
	const struct vt_doctype	*t;

	if (strcmp(code, "CV") == 0)
		code = "";
	for (t = types; t->code != NULL; t++)
		if (strcmp(t->code, code) == 0)
			return t;
	return NULL;
}

const char *const *
vt_competences(void)
{
	return competences;
}

bool
vt_competence_valid(const char *s)
{
	const char *const	*c;

	for (c = competences; *c != NULL; c++)
		if (strcmp(*c, s) == 0)
			return true;
	return false;
}
