/*
 * test_utf8.c: UTF-8 validation (with its eight-byte fast path) and width.
 */
#include "unit.h"

/* Exact-size heap copies, so that the sanitizers catch any read past len. */
static size_t
valid(const char *s, size_t len)
{
	char *p = malloc(len ? len : 1);
	size_t n;

	assert_non_null(p);
	memcpy(p, s, len);
	n = rel_utf8_valid(p, len);
	free(p);
	return n;
}

static size_t
width(const char *s)
{
	size_t len = strlen(s), n;
	char *p = malloc(len ? len : 1);

	assert_non_null(p);
	memcpy(p, s, len);
	n = rel_utf8_width(p, len);
	free(p);
	return n;
}

static size_t
encode(uint32_t cp, char *buf)
{
	unsigned char *u = (unsigned char *)buf;

	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		u[0] = (unsigned char)(0xC0 | cp >> 6);
		u[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		u[0] = (unsigned char)(0xE0 | cp >> 12);
		u[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		u[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	u[0] = (unsigned char)(0xF0 | cp >> 18);
	u[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
	u[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
	u[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

static size_t
cpwidth(uint32_t cp)
{
	char buf[4];

	return rel_utf8_width(buf, encode(cp, buf));
}

#define V(lit) valid(lit, sizeof(lit) - 1)

static void
test_valid_ascii(void **state)
{
	(void)state;
	assert_int_equal(valid("", 0), 0);
	assert_int_equal(V("a"), 1);
	assert_int_equal(V("hello"), 5);
	assert_int_equal(V("exactly8"), 8);
	assert_int_equal(V("Thandiwe Muller-Okafor,2025-01-01,\x7f\x01\t"), 37);
}

static void
test_valid_multibyte(void **state)
{
	(void)state;
	assert_int_equal(V("M\xC3\xBCller"), 7);
	assert_int_equal(V("\xE6\x9D\x8E\xE5\xB0\x8F\xE9\xBE\x8D"), 9);
	assert_int_equal(V("\xF0\x9F\x98\x80"), 4);		/* U+1F600 */
	assert_int_equal(V("\xC2\x80"), 2);			/* U+0080 */
	assert_int_equal(V("\xDF\xBF"), 2);			/* U+07FF */
	assert_int_equal(V("\xE0\xA0\x80"), 3);			/* U+0800 */
	assert_int_equal(V("\xED\x9F\xBF"), 3);			/* U+D7FF */
	assert_int_equal(V("\xEE\x80\x80"), 3);			/* U+E000 */
	assert_int_equal(V("\xEF\xBF\xBF"), 3);			/* U+FFFF */
	assert_int_equal(V("\xF0\x90\x80\x80"), 4);		/* U+10000 */
	assert_int_equal(V("\xF4\x8F\xBF\xBF"), 4);		/* U+10FFFF */
	assert_int_equal(V("\xEF\xBB\xBFid,name"), 10);		/* BOM */
}

static void
test_valid_rejects(void **state)
{
	(void)state;
	/* Overlong forms. */
	assert_int_equal(V("\xC0\xAF"), 0);
	assert_int_equal(V("\xC1\xBF"), 0);
	assert_int_equal(V("\xC0\x80"), 0);
	assert_int_equal(V("\xE0\x80\xAF"), 0);
	assert_int_equal(V("\xE0\x9F\xBF"), 0);
	assert_int_equal(V("\xF0\x80\x80\xAF"), 0);
	assert_int_equal(V("\xF0\x8F\xBF\xBF"), 0);
	/* Surrogates. */
	assert_int_equal(V("\xED\xA0\x80"), 0);
	assert_int_equal(V("\xED\xBF\xBF"), 0);
	assert_int_equal(V("ab\xED\xB0\x80"), 2);
	/* Beyond U+10FFFF, and bytes that never occur. */
	assert_int_equal(V("\xF4\x90\x80\x80"), 0);
	assert_int_equal(V("\xF5\x80\x80\x80"), 0);
	assert_int_equal(V("\xF8\x88\x80\x80\x80"), 0);
	assert_int_equal(V("\xFE"), 0);
	assert_int_equal(V("\xFF"), 0);
	/* Stray and missing continuation bytes. */
	assert_int_equal(V("\x80"), 0);
	assert_int_equal(V("a\xBF"), 1);
	assert_int_equal(V("\xC3\x28"), 0);
	assert_int_equal(V("\xE2\x28\xA1"), 0);
	assert_int_equal(V("\xE2\x82\x28"), 0);
	assert_int_equal(V("\xF0\x9F\x98\x28"), 0);
	/* Truncated at the end of the input. */
	assert_int_equal(V("x\xC3"), 1);
	assert_int_equal(V("x\xE2\x82"), 1);
	assert_int_equal(V("x\xF0\x9F\x98"), 1);
	assert_int_equal(V("M\xC3\xBCller\xC3"), 7);
	/* len cuts a character in two. */
	assert_int_equal(valid("\xE2\x82\xAC", 2), 0);
	assert_int_equal(valid("ab\xF0\x9F\x98\x80", 5), 2);
}

static void
test_valid_nul(void **state)
{
	(void)state;
	assert_int_equal(V("abc\0def"), 3);
	assert_int_equal(V("\0"), 0);
	assert_int_equal(V("\xC3\xBC\0"), 2);
	assert_int_equal(V("0123456789abcdef\0xyz"), 16);
	/* An overlong NUL is no way round the rule. */
	assert_int_equal(V("ab\xC0\x80"), 2);
}

/* A bad byte at each position of a long ASCII run, so that it falls in
 * every lane of the eight-byte words, before and after them. */
static void
test_valid_fast_path(void **state)
{
	static const unsigned char bad[] = { 0x00, 0x80, 0xBF, 0xC3, 0xE2,
	    0xF0, 0xFF };
	char buf[64];
	size_t pos, b, len;

	(void)state;
	for (len = 0; len <= 48; len++) {
		memset(buf, 'a' + (int)(len % 26), len);
		assert_int_equal(valid(buf, len), len);
	}
	for (pos = 0; pos <= 40; pos++) {
		for (b = 0; b < sizeof(bad); b++) {
			memset(buf, 'x', sizeof(buf));
			buf[pos] = (char)bad[b];
			assert_int_equal(valid(buf, 48), pos);
			assert_int_equal(valid(buf, pos + 1), pos);
			assert_int_equal(valid(buf, pos), pos);
		}
		/* A good character there leaves the run valid throughout. */
		memset(buf, 'x', sizeof(buf));
		memcpy(buf + pos, "\xE2\x82\xAC", 3);
		assert_int_equal(valid(buf, 48), 48);
		assert_int_equal(valid(buf, pos + 2), pos);
		memset(buf, 'x', sizeof(buf));
		memcpy(buf + pos, "\x7F\x01", 2);
		assert_int_equal(valid(buf, 48), 48);
	}
	/* Many multi-byte characters back to back, then one bad. */
	for (pos = 0; pos + 2 <= 48; pos += 2)
		memcpy(buf + pos, "\xC3\xBC", 2);
	assert_int_equal(valid(buf, 48), 48);
	buf[47] = 'x';
	assert_int_equal(valid(buf, 48), 46);
}

static int
ref_valid_cp(uint32_t cp)
{
	return cp != 0 && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
}

/* Every scalar value round-trips, and every two-byte string agrees with
 * a decoder written the slow way: decode, then check length and range. */
static void
test_valid_exhaustive(void **state)
{
	char buf[8];
	uint32_t cp;
	unsigned a, b;
	size_t n;

	(void)state;
	for (cp = 0; cp <= 0x10FFFF; cp++) {
		n = encode(cp, buf);
		assert_int_equal(rel_utf8_valid(buf, n),
		    ref_valid_cp(cp) ? n : 0);
	}
	for (a = 0; a < 256; a++) {
		for (b = 0; b < 256; b++) {
			size_t want;

			buf[0] = (char)a;
			buf[1] = (char)b;
			if (a == 0)
				want = 0;
			else if (a < 0x80)	/* b: NUL, ASCII, or a
						 * character cut short */
				want = b != 0 && b < 0x80 ? 2 : 1;
			else if (a >= 0xC2 && a <= 0xDF)
				want = b >= 0x80 && b <= 0xBF ? 2 : 0;
			else
				want = 0;
			assert_int_equal(rel_utf8_valid(buf, 2), want);
		}
	}
}

static void
test_width_names(void **state)
{
	(void)state;
	assert_int_equal(width(""), 0);
	assert_int_equal(width("Thandiwe M\xC3\xBCller-Okafor"), 22);
	assert_int_equal(width("e\xCC\x81"), 1);
	assert_int_equal(width("\xE6\x9D\x8E\xE5\xB0\x8F\xE9\xBE\x8D"), 6);
	/* "Li 李 (é)" with a combining acute. */
	assert_int_equal(width("Li \xE6\x9D\x8E (e\xCC\x81)"), 9);
	assert_int_equal(width("\xED\x95\x9C\xEA\xB5\xAD"), 4);	/* 한국 */
	assert_int_equal(width("\xEF\xBC\xA1\xEF\xBC\xA2"), 4);	/* ＡＢ */
	assert_int_equal(width("\xF0\x9F\x98\x80!"), 3);	/* U+1F600 */
	assert_int_equal(width("\xE3\x81\x82" "a\xE3\x80\x80"), 5); /* あa　 */
	assert_int_equal(width("\xD0\x9C\xD0\xB8\xD1\x80"), 3);	/* Мир */
	assert_int_equal(width("\xD7\xA9\xD6\xB8\xD7\x9C"), 2);	/* Hebrew */
	assert_int_equal(width("\xE0\xB8\x81\xE0\xB8\xB4"), 1);	/* Thai */
}

static void
test_width_special(void **state)
{
	(void)state;
	assert_int_equal(width("a\tb\n"), 2);
	assert_int_equal(width("\x1B[31m"), 4);
	assert_int_equal(width("\x7F"), 0);
	assert_int_equal(width("\xC2\x85"), 0);		/* NEL, a C1 control */
	assert_int_equal(rel_utf8_width("a\0b", 3), 2);
	/* Invalid bytes are one column each. */
	assert_int_equal(width("\xFF\xFE"), 2);
	assert_int_equal(width("a\xC3"), 2);
	assert_int_equal(width("\xC0\xAF"), 2);
	assert_int_equal(width("\xED\xA0\x80"), 3);
	assert_int_equal(width("\xE2\x82"), 2);
	assert_int_equal(width("\xE6\x9D\x8E\xE6\x9D"), 4);
	/* ZWJ and the variation selector add nothing. */
	assert_int_equal(width("a\xE2\x80\x8D" "b"), 2);
	assert_int_equal(width("\xE2\x9D\xA4\xEF\xB8\x8F"), 1);
	/* len, not NUL, ends the input. */
	assert_int_equal(rel_utf8_width("\xE6\x9D\x8E" "abc", 4), 3);
}

static void
test_width_boundaries(void **state)
{
	static const struct {
		uint32_t cp;
		size_t w;
	} t[] = {
		{ 0x1F, 0 }, { 0x20, 1 }, { 0x7E, 1 }, { 0x7F, 0 },
		{ 0x9F, 0 }, { 0xA0, 1 }, { 0xFC, 1 },
		{ 0x2FF, 1 }, { 0x300, 0 }, { 0x36F, 0 }, { 0x370, 1 },
		{ 0x482, 1 }, { 0x483, 0 }, { 0x489, 0 }, { 0x48A, 1 },
		{ 0x591, 0 }, { 0x5BD, 0 }, { 0x610, 0 }, { 0x61A, 0 },
		{ 0x64B, 0 }, { 0x65F, 0 }, { 0x660, 1 },
		{ 0xE30, 1 }, { 0xE31, 0 }, { 0xE32, 1 }, { 0xE34, 0 },
		{ 0xE3A, 0 }, { 0xE47, 0 }, { 0xE4E, 0 }, { 0xE4F, 1 },
		{ 0x10FF, 1 }, { 0x1100, 2 }, { 0x115F, 2 },
		{ 0x1AB0, 0 }, { 0x1AFF, 0 }, { 0x1DC0, 0 }, { 0x1DFF, 0 },
		{ 0x200A, 1 }, { 0x200B, 0 }, { 0x200D, 0 }, { 0x200F, 0 },
		{ 0x2010, 1 }, { 0x20CF, 1 }, { 0x20D0, 0 }, { 0x20FF, 0 },
		{ 0x2100, 1 }, { 0x2E7F, 1 }, { 0x2E80, 2 }, { 0x303E, 2 },
		{ 0x303F, 1 }, { 0x3041, 2 }, { 0x33FF, 2 }, { 0x3400, 2 },
		{ 0x4DBF, 2 }, { 0x4DC0, 1 }, { 0x4E00, 2 }, { 0x9FFF, 2 },
		{ 0xA000, 2 }, { 0xA4CF, 2 }, { 0xA4D0, 1 }, { 0xABFF, 1 },
		{ 0xAC00, 2 }, { 0xD7A3, 2 }, { 0xD7A4, 1 }, { 0xF8FF, 1 },
		{ 0xF900, 2 }, { 0xFAFF, 2 }, { 0xFB00, 1 }, { 0xFE00, 0 },
		{ 0xFE0F, 0 }, { 0xFE10, 1 }, { 0xFE20, 0 }, { 0xFE2F, 0 },
		{ 0xFE30, 2 }, { 0xFE4F, 2 }, { 0xFE50, 1 }, { 0xFF00, 2 },
		{ 0xFF60, 2 }, { 0xFF61, 1 }, { 0xFFDF, 1 }, { 0xFFE0, 2 },
		{ 0xFFE6, 2 }, { 0xFFE7, 1 }, { 0xFFFD, 1 },
		{ 0x1F2FF, 1 }, { 0x1F300, 2 }, { 0x1F64F, 2 },
		{ 0x1F8FF, 1 }, { 0x1F900, 2 }, { 0x1F9FF, 2 }, { 0x1FA00, 1 },
		{ 0x1FFFF, 1 }, { 0x20000, 2 }, { 0x2FFFD, 2 }, { 0x2FFFE, 1 },
		{ 0x30000, 2 }, { 0x3FFFD, 2 }, { 0x3FFFE, 1 },
		{ 0xE00FF, 1 }, { 0xE0100, 0 }, { 0xE01EF, 0 }, { 0xE01F0, 1 },
		{ 0x10FFFF, 1 }
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		if (cpwidth(t[i].cp) != t[i].w)
			fail_msg("U+%04X: width %zu, want %zu",
			    (unsigned)t[i].cp, cpwidth(t[i].cp), t[i].w);
	}
}

/* Every scalar value is 0, 1 or 2 columns: a valid character is never
 * counted byte by byte. */
static void
test_width_all(void **state)
{
	char buf[4];
	uint32_t cp;
	size_t n, w;

	(void)state;
	for (cp = 0; cp <= 0x10FFFF; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		n = encode(cp, buf);
		w = rel_utf8_width(buf, n);
		assert_true(w <= 2);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_ascii),
		cmocka_unit_test(test_valid_multibyte),
		cmocka_unit_test(test_valid_rejects),
		cmocka_unit_test(test_valid_nul),
		cmocka_unit_test(test_valid_fast_path),
		cmocka_unit_test(test_valid_exhaustive),
		cmocka_unit_test(test_width_names),
		cmocka_unit_test(test_width_special),
		cmocka_unit_test(test_width_boundaries),
		cmocka_unit_test(test_width_all),
	};

	return cmocka_run_group_tests_name("utf8: validation and width",
	    tests, NULL, NULL);
}
