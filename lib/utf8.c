/*
 * utf8.c: UTF-8 validation and terminal width.
 *
 * Validation runs on every field of an import, so ASCII is checked eight
 * bytes at a time; anything else takes the byte-wise path of RFC 3629,
 * table 4 (no overlongs, no surrogates, nothing above U+10FFFF).
 */
#include <stdint.h>
#include <string.h>

#include "internal.h"

#define ONES	UINT64_C(0x0101010101010101)
#define HIGHS	UINT64_C(0x8080808080808080)

/*
 * Decode one character at u[0..n), n > 0. Returns its length and sets *cp,
 * or 0 if the bytes there are not a valid, complete character. A NUL byte
 * decodes as U+0000; callers decide what it means.
 */
static size_t
decode(const unsigned char *u, size_t n, uint32_t *cp)
{
	unsigned char c = u[0], lo = 0x80, hi = 0xBF;
	size_t k, i;
	uint32_t v;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		k = 2;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		k = 3;
		v = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0;	/* overlong */
		else if (c == 0xED)
			hi = 0x9F;	/* surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		k = 4;
		v = c & 0x07;
		if (c == 0xF0)
			lo = 0x90;	/* overlong */
		else if (c == 0xF4)
			hi = 0x8F;	/* above U+10FFFF */
	} else
		return 0;
	if (n < k || u[1] < lo || u[1] > hi)
		return 0;
	for (i = 1; i < k; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 0;
		v = v << 6 | (u[i] & 0x3F);
	}
	*cp = v;
	return k;
}

size_t
rel_utf8_valid(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k;
	uint64_t w;
	uint32_t cp;

	while (i < len) {
		/* All eight bytes ASCII and none zero: the high bits of w
		 * and of the classic haszero expression are all clear. */
		while (len - i >= 8) {
			memcpy(&w, u + i, 8);
			if (((w | ((w - ONES) & ~w)) & HIGHS) != 0)
				break;
			i += 8;
		}
		if (i == len)
			break;
		if (u[i] == 0)
			return i;
		if ((k = decode(u + i, len - i, &cp)) == 0)
			return i;
		i += k;
	}
	return i;
}

struct range {
	uint32_t lo, hi;
	unsigned char width;
};

/* Sorted and disjoint; anything printable not listed is one column. */
static const struct range widths[] = {
	{ 0x0300, 0x036F, 0 },		/* combining diacritical marks */
	{ 0x0483, 0x0489, 0 },		/* Cyrillic */
	{ 0x0591, 0x05BD, 0 },		/* Hebrew points */
	{ 0x05BF, 0x05BF, 0 },
	{ 0x05C1, 0x05C2, 0 },
	{ 0x05C4, 0x05C5, 0 },
	{ 0x05C7, 0x05C7, 0 },
	{ 0x0610, 0x061A, 0 },		/* Arabic */
	{ 0x064B, 0x065F, 0 },
	{ 0x0670, 0x0670, 0 },
	{ 0x06D6, 0x06DC, 0 },
	{ 0x06DF, 0x06E4, 0 },
	{ 0x06E7, 0x06E8, 0 },
	{ 0x06EA, 0x06ED, 0 },
	{ 0x0E31, 0x0E31, 0 },		/* Thai */
	{ 0x0E34, 0x0E3A, 0 },
	{ 0x0E47, 0x0E4E, 0 },
	{ 0x1100, 0x115F, 2 },		/* Hangul leading jamo */
	{ 0x1160, 0x11FF, 0 },		/* Hangul vowels, finals: join */
	{ 0x1AB0, 0x1AFF, 0 },		/* combining marks extended */
	{ 0x1DC0, 0x1DFF, 0 },		/* combining marks supplement */
	{ 0x200B, 0x200F, 0 },		/* zero width space, ZWNJ, ZWJ */
	{ 0x2060, 0x2064, 0 },		/* word joiner, invisible ops */
	{ 0x20D0, 0x20FF, 0 },		/* combining marks for symbols */
	{ 0x2E80, 0x303E, 2 },		/* CJK radicals .. punctuation */
	{ 0x3041, 0x33FF, 2 },		/* kana .. CJK compatibility */
	{ 0x3400, 0x4DBF, 2 },		/* CJK extension A */
	{ 0x4E00, 0x9FFF, 2 },		/* CJK unified ideographs */
	{ 0xA000, 0xA4CF, 2 },		/* Yi */
	{ 0xAC00, 0xD7A3, 2 },		/* Hangul syllables */
	{ 0xF900, 0xFAFF, 2 },		/* CJK compatibility ideographs */
	{ 0xFE00, 0xFE0F, 0 },		/* variation selectors */
	{ 0xFE20, 0xFE2F, 0 },		/* combining half marks */
	{ 0xFE30, 0xFE4F, 2 },		/* CJK compatibility forms */
	{ 0xFEFF, 0xFEFF, 0 },		/* byte order mark */
	{ 0xFF00, 0xFF60, 2 },		/* fullwidth forms */
	{ 0xFFE0, 0xFFE6, 2 },
	{ 0x1F300, 0x1F64F, 2 },	/* pictographs, emoticons */
	{ 0x1F900, 0x1F9FF, 2 },	/* supplemental pictographs */
	{ 0x20000, 0x2FFFD, 2 },	/* CJK extensions B.. */
	{ 0x30000, 0x3FFFD, 2 },
	{ 0xE0001, 0xE0001, 0 },	/* language tag */
	{ 0xE0020, 0xE007F, 0 },	/* tag characters (flag sequences) */
	{ 0xE0100, 0xE01EF, 0 },	/* variation selectors supplement */
};

static unsigned
cpwidth(uint32_t cp)
{
	size_t lo = 0, hi = NELEM(widths), mid;

	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return 0;
	if (cp < widths[0].lo)
		return 1;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cp < widths[mid].lo)
			hi = mid;
		else if (cp > widths[mid].hi)
			lo = mid + 1;
		else
			return widths[mid].width;
	}
	return 1;
}

size_t
rel_utf8_width(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k, w = 0;
	uint32_t cp;

	while (i < len) {
		if ((k = decode(u + i, len - i, &cp)) == 0) {
			/* Shown as one replacement glyph per byte. */
			w++;
			i++;
			continue;
		}
		w += cpwidth(cp);
		i += k;
	}
	return w;
}
