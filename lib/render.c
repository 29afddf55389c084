/*
 * render.c: documents for people (render.h): text for a terminal,
 * Markdown, or one self-contained HTML page with inline SVG charts; and
 * for scripts, only the document's data table.
 *
 * The text and Markdown layouts are those of the student card as it was
 * first written (lib/card.c), so that the card moved onto documents
 * without a byte changing.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

#define REPLACEMENT	"\xEF\xBF\xBD"	/* U+FFFD */
#define WRAP		76	/* text columns of a paragraph */
#define BAR_MAX		40	/* columns of the longest text bar */

struct rel_doc {
	FILE *fp;
	enum rel_fmt fmt;
	int titled;		/* the title (and HTML's head) is out */
	int in_list;		/* HTML: a <ul> is open */
	int in_item;
	int data;		/* the data table was given */
	int nchart;		/* charts so far: unique SVG ids */
	int blank;		/* Markdown: a blank line was just written */
	unsigned flags;		/* rel_out_open's, for the data table */
};

/* Okabe and Ito's palette, without its yellow (too light on white). */
static const char *const colours[] = { "#0072B2", "#E69F00", "#009E73",
	"#CC79A7", "#56B4E9", "#D55E00", "#000000" };
static const char *const dashes[] = { "", "6 3", "2 3", "8 3 2 3", "4 2",
	"1 2", "10 4" };
#define NCOLOURS	(sizeof(colours) / sizeof(colours[0]))

/* The page's style: system fonts, light rules, numbers right-aligned,
 * and print rules that keep a chart or a table on one page. */
static const char style[] =
    "body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,"
    "\"DejaVu Sans\",Arial,sans-serif;color:#1a1a1a;background:#fff;"
    "margin:0;line-height:1.45;font-size:16px}\n"
    "main{max-width:60rem;margin:0 auto;padding:1.5rem 1.25rem 3rem}\n"
    "h1{font-size:1.7rem;margin:0 0 .25rem}\n"
    "h2{font-size:1.25rem;margin:1.4rem 0 .5rem;padding-bottom:.2rem;"
    "border-bottom:2px solid #0072B2}\n"
    "p.subtitle{color:#555;margin:0 0 1rem}\n"
    "p.none{color:#555;font-style:italic}\n"
    "ul{padding-left:1.3rem}li{margin:.2rem 0}\n"
    "table{border-collapse:collapse;margin:.6rem 0 1rem;font-size:.85rem}\n"
    "th,td{padding:.3rem .5rem;border-bottom:1px solid #ddd;"
    "text-align:left;vertical-align:top}\n"
    "th{border-bottom:2px solid #999;font-weight:600}\n"
    "td.num{text-align:right;font-variant-numeric:tabular-nums}\n"
    "figure{margin:1rem 0 1.5rem}\n"
    "figcaption{font-weight:600;margin-bottom:.3rem}\n"
    "svg.chart{width:100%;max-width:46rem;height:auto}\n"
    "svg.spark{vertical-align:middle}\n"
    "@media print{body{font-size:11pt}main{max-width:none;padding:0}"
    "figure,table,svg,li{break-inside:avoid}"
    "h2{break-after:avoid}@page{margin:1.5cm}}\n";

void
rel_html_put(FILE *fp, const char *s, size_t len)
{
	size_t i = 0, valid;

	if (s == NULL)
		return;
	if (len == (size_t)-1)
		len = strlen(s);
	while (i < len) {
		valid = i + rel_utf8_valid(s + i, len - i);
		for (; i < valid; i++) {
			unsigned char c = (unsigned char)s[i];

			switch (c) {
			case '&': fputs("&amp;", fp); break;
			case '<': fputs("&lt;", fp); break;
			case '>': fputs("&gt;", fp); break;
			case '"': fputs("&quot;", fp); break;
			case '\'': fputs("&#39;", fp); break;
			default:
				if (c == '\n' || c == '\t')
					putc(' ', fp);
				else if (c < 0x20 || c == 0x7F)
					fputs(REPLACEMENT, fp);
				else
					putc(c, fp);
			}
		}
		if (i < len) {
			fputs(REPLACEMENT, fp);
			i++;
		}
	}
}

/* Text in the format: one line (a line break and the indent after it are
 * one space), Markdown's own characters escaped, HTML escaped. */
static void
put_text(struct rel_doc *d, const char *s, size_t len)
{
	size_t i;

	if (s == NULL)
		return;
	if (len == (size_t)-1)
		len = strlen(s);
	if (d->fmt == REL_FMT_HTML) {
		rel_html_put(d->fp, s, len);
		return;
	}
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7F) {
			while (i + 1 < len && (((unsigned char)s[i + 1] > 0 &&
			    (unsigned char)s[i + 1] < 0x20) ||
			    s[i + 1] == 0x7F || s[i + 1] == ' '))
				i++;
			putc(' ', d->fp);
			continue;
		}
		if (d->fmt == REL_FMT_MD && strchr("\\`*_[]<>", c) != NULL)
			putc('\\', d->fp);
		putc(c, d->fp);
	}
}

int
rel_doc_human(const struct rel_doc *d)
{
	return d->fmt == REL_FMT_TABLE || d->fmt == REL_FMT_MD ||
	    d->fmt == REL_FMT_HTML;
}

void
rel_doc_csv_flags(struct rel_doc *d, unsigned flags)
{
	d->flags = flags;
}

enum rel_fmt
rel_doc_fmt(const struct rel_doc *d)
{
	return d->fmt;
}

int
rel_doc_open(struct rel_doc **dp, FILE *fp, enum rel_fmt fmt,
    const char *title, const char *subtitle, struct rel_err *e)
{
	struct rel_doc *d;

	*dp = NULL;
	if (fmt == REL_FMT_AUTO)
		fmt = isatty(fileno(fp)) ? REL_FMT_TABLE : REL_FMT_CSV;
	if (fmt == REL_FMT_NONE)
		return rel_err_set(e, REL_ESOFTWARE, "a document in no format");
	d = rel_xcalloc(1, sizeof(*d));
	d->fp = fp;
	d->fmt = fmt;
	*dp = d;
	if (title != NULL)
		rel_doc_title(d, title, subtitle);
	return 0;
}

void
rel_doc_title(struct rel_doc *d, const char *title, const char *subtitle)
{
	if (d->titled)
		return;
	d->titled = 1;
	switch (d->fmt) {
	case REL_FMT_HTML:
		fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
		    "content=\"width=device-width, initial-scale=1\">\n"
		    "<title>", d->fp);
		rel_html_put(d->fp, title, (size_t)-1);
		fprintf(d->fp, "</title>\n<style>\n%s</style>\n</head>\n"
		    "<body>\n<main>\n<h1>", style);
		rel_html_put(d->fp, title, (size_t)-1);
		fputs("</h1>\n", d->fp);
		if (subtitle != NULL) {
			fputs("<p class=\"subtitle\">", d->fp);
			rel_html_put(d->fp, subtitle, (size_t)-1);
			fputs("</p>\n", d->fp);
		}
		break;
	case REL_FMT_MD:
		fputs("# ", d->fp);
		put_text(d, title, (size_t)-1);
		fputs("\n\n", d->fp);
		if (subtitle != NULL) {
			put_text(d, subtitle, (size_t)-1);
			putc('\n', d->fp);
		} else
			d->blank = 1;
		break;
	case REL_FMT_TABLE:
		put_text(d, title, (size_t)-1);
		putc('\n', d->fp);
		if (subtitle != NULL) {
			put_text(d, subtitle, (size_t)-1);
			putc('\n', d->fp);
		}
		break;
	default:
		break;
	}
}

/* Before a block: an item left open is ended, an HTML list closed. */
/* A document that was given no title has none: only HTML's page needs
 * one, and a head to begin. */
static void
untitled(struct rel_doc *d)
{
	if (d->titled)
		return;
	if (d->fmt == REL_FMT_HTML)
		rel_doc_title(d, "rel", NULL);
	d->titled = 1;
}

static void
block(struct rel_doc *d)
{
	untitled(d);
	if (d->in_item)
		rel_doc_end_item(d);
	if (d->in_list) {
		fputs("</ul>\n", d->fp);
		d->in_list = 0;
	}
}

void
rel_doc_heading(struct rel_doc *d, const char *text)
{
	if (!rel_doc_human(d))
		return;
	block(d);
	switch (d->fmt) {
	case REL_FMT_HTML:
		fputs("<h2>", d->fp);
		put_text(d, text, (size_t)-1);
		fputs("</h2>\n", d->fp);
		break;
	case REL_FMT_MD:
		fputs("\n## ", d->fp);
		put_text(d, text, (size_t)-1);
		fputs("\n\n", d->fp);
		d->blank = 1;
		return;
	default:
		putc('\n', d->fp);
		put_text(d, text, (size_t)-1);
		putc('\n', d->fp);
		break;
	}
}

/* A paragraph of text for a terminal or Markdown, wrapped at WRAP columns
 * on spaces. */
static void
wrapped(struct rel_doc *d, const char *s)
{
	size_t col = 0, w, n;
	const char *p = s, *q;

	while (*p != '\0') {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		for (q = p; *q != '\0' && *q != ' '; q++)
			;
		n = (size_t)(q - p);
		w = rel_utf8_width(p, n);
		if (col > 0 && col + 1 + w > WRAP) {
			putc('\n', d->fp);
			col = 0;
		} else if (col > 0) {
			putc(' ', d->fp);
			col++;
		}
		put_text(d, p, n);
		col += w;
		p = q;
	}
	putc('\n', d->fp);
}

/* printf into a new string; NULL when it cannot be made. */
static char *
format(const char *fmt, va_list ap)
{
	va_list aq;
	char *s;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		return NULL;
	s = rel_xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

void
rel_doc_para(struct rel_doc *d, const char *fmt, ...)
{
	va_list ap;
	char *s;

	if (!rel_doc_human(d))
		return;
	block(d);
	va_start(ap, fmt);
	s = format(fmt, ap);
	va_end(ap);
	if (s == NULL)
		return;
	if (d->fmt == REL_FMT_HTML) {
		fputs("<p>", d->fp);
		put_text(d, s, (size_t)-1);
		fputs("</p>\n", d->fp);
	} else {
		if (!d->blank)
			putc('\n', d->fp);
		wrapped(d, s);
	}
	d->blank = 0;
	free(s);
}

void
rel_doc_item(struct rel_doc *d)
{
	if (!rel_doc_human(d))
		return;
	untitled(d);
	if (d->in_item)
		rel_doc_end_item(d);
	d->in_item = 1;
	d->blank = 0;
	switch (d->fmt) {
	case REL_FMT_HTML:
		if (!d->in_list) {
			fputs("<ul>\n", d->fp);
			d->in_list = 1;
		}
		fputs("<li>", d->fp);
		break;
	case REL_FMT_MD:
		fputs("- ", d->fp);
		break;
	default:
		fputs("  - ", d->fp);
		break;
	}
}

void
rel_doc_text(struct rel_doc *d, const char *s, size_t len)
{
	if (rel_doc_human(d))
		put_text(d, s, len);
}

void
rel_doc_textf(struct rel_doc *d, const char *fmt, ...)
{
	va_list ap;
	char *s;

	if (!rel_doc_human(d))
		return;
	va_start(ap, fmt);
	s = format(fmt, ap);
	va_end(ap);
	if (s == NULL)
		return;
	put_text(d, s, (size_t)-1);
	free(s);
}

void
rel_doc_strong(struct rel_doc *d, const char *s)
{
	if (!rel_doc_human(d))
		return;
	if (d->fmt == REL_FMT_HTML)
		fputs("<strong>", d->fp);
	else if (d->fmt == REL_FMT_MD)
		fputs("**", d->fp);
	put_text(d, s, (size_t)-1);
	if (d->fmt == REL_FMT_HTML)
		fputs("</strong>", d->fp);
	else if (d->fmt == REL_FMT_MD)
		fputs("**", d->fp);
}

void
rel_doc_end_item(struct rel_doc *d)
{
	if (!rel_doc_human(d) || !d->in_item)
		return;
	d->in_item = 0;
	fputs(d->fmt == REL_FMT_HTML ? "</li>\n" : "\n", d->fp);
}

void
rel_doc_none(struct rel_doc *d)
{
	if (!rel_doc_human(d))
		return;
	block(d);
	d->blank = 0;
	if (d->fmt == REL_FMT_HTML)
		fputs("<p class=\"none\">(none recorded yet)</p>\n", d->fp);
	else
		fputs(d->fmt == REL_FMT_MD ? "(none recorded yet)\n" :
		    "  (none recorded yet)\n", d->fp);
}

char *
rel_spark(char *buf, const double *v, size_t n, double lo, double hi)
{
	size_t i, k = 0;
	int level;

	for (i = 0; i < n; i++) {
		if (isnan(v[i])) {
			buf[k++] = ' ';
			continue;
		}
		if (hi <= lo || v[i] <= lo)
			level = 0;
		else if (v[i] >= hi)
			level = 7;
		else
			level = (int)floor((v[i] - lo) / (hi - lo) * 8.0);
		if (level > 7)
			level = 7;
		/* U+2581 + level: E2 96 81..88 */
		buf[k++] = (char)0xE2;
		buf[k++] = (char)0x96;
		buf[k++] = (char)(0x81 + level);
	}
	buf[k] = '\0';
	return buf;
}

/* An inline SVG sparkline, 80 by 16, for HTML. */
static void
spark_svg(struct rel_doc *d, const char *title, const double *v, size_t n,
    double lo, double hi)
{
	size_t i;
	int pen = 0;
	double x, y;

	fputs("<svg class=\"spark\" xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"80\" height=\"16\" viewBox=\"0 0 80 16\" role=\"img\">"
	    "<title>", d->fp);
	rel_html_put(d->fp, title, (size_t)-1);
	fputs("</title>", d->fp);
	for (i = 0; i < n; i++) {
		if (isnan(v[i])) {
			if (pen)
				fputs("\"/>", d->fp);
			pen = 0;
			continue;
		}
		x = n > 1 ? 2.0 + 76.0 * (double)i / (double)(n - 1) : 40.0;
		y = hi > lo ? 14.0 - 12.0 * (fmin(fmax(v[i], lo), hi) - lo) /
		    (hi - lo) : 8.0;
		if (!pen)
			fputs("<polyline fill=\"none\" stroke=\"#0072B2\" "
			    "stroke-width=\"1.5\" points=\"", d->fp);
		fprintf(d->fp, "%s%.1f,%.1f", pen ? " " : "", x, y);
		pen = 1;
	}
	if (pen)
		fputs("\"/>", d->fp);
	/* The last point, so that one value still shows. */
	for (i = n; i > 0; i--)
		if (!isnan(v[i - 1])) {
			x = n > 1 ? 2.0 + 76.0 * (double)(i - 1) /
			    (double)(n - 1) : 40.0;
			y = hi > lo ? 14.0 - 12.0 * (fmin(fmax(v[i - 1], lo),
			    hi) - lo) / (hi - lo) : 8.0;
			fprintf(d->fp, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" "
			    "fill=\"#0072B2\"/>", x, y);
			break;
		}
	fputs("</svg>", d->fp);
}

void
rel_doc_spark(struct rel_doc *d, const char *title, const double *v,
    size_t n, double lo, double hi)
{
	char *buf;

	if (!rel_doc_human(d))
		return;
	if (d->fmt == REL_FMT_HTML) {
		spark_svg(d, title, v, n, lo, hi);
		return;
	}
	buf = rel_xmalloc(3 * n + 1);
	fputs(rel_spark(buf, v, n, lo, hi), d->fp);
	free(buf);
}

struct rel_out *
rel_doc_table(struct rel_doc *d, const char *const *cols, size_t ncols,
    int data)
{
	struct rel_out *o = NULL;
	enum rel_fmt fmt = d->fmt;

	if (!rel_doc_human(d)) {
		/* Scripts get the one data table. */
		if (!data || d->data)
			fmt = REL_FMT_NONE;
		d->data |= data;
	} else {
		block(d);
		if (!d->blank)
			putc('\n', d->fp);
		d->blank = 0;
	}
	if (rel_out_open(&o, d->fp, fmt, rel_doc_human(d) ? 0 : d->flags,
	    cols, ncols, NULL) != 0)
		rel_out_open(&o, d->fp, REL_FMT_NONE, 0, cols, ncols, NULL);
	return o;
}

int
rel_doc_table_end(struct rel_doc *d, struct rel_out *o, struct rel_err *e)
{
	(void)d;
	return rel_out_close(o, e);
}

/*
 * Charts.
 */

static double
axis_hi(const struct rel_chart *c)
{
	double hi = 0;
	size_t s, i;

	if (c->hi > c->lo)
		return c->hi;
	double step;

	for (s = 0; s < c->nseries; s++)
		for (i = 0; i < c->ncats; i++)
			if (!isnan(c->series[s].v[i]) && c->series[s].v[i] > hi)
				hi = c->series[s].v[i];
	if (hi <= 0)
		return 1;
	/* Up to a round number, so that the axis's quarters read well:
	 * 1, 2, 2.5, 5 or 10 times a power of ten, over four. */
	step = pow(10, floor(log10(hi / 4)));
	if (step * 4 >= hi)
		return step * 4;
	if (step * 8 >= hi)
		return step * 8;
	if (step * 10 >= hi)
		return step * 10;
	if (step * 20 >= hi)
		return step * 20;
	return step * 40;
}

static double
axis_lo(const struct rel_chart *c)
{
	return c->hi > c->lo ? c->lo : 0;
}

static int
no_data(const struct rel_chart *c)
{
	size_t s, i;

	for (s = 0; s < c->nseries; s++)
		for (i = 0; i < c->ncats; i++)
			if (!isnan(c->series[s].v[i]))
				return 0;
	return 1;
}

static void
value(FILE *fp, const struct rel_chart *c, double v)
{
	fprintf(fp, "%.*f%s", c->decimals, v, c->unit != NULL ? c->unit : "");
}

/* The chart's values as a table: Markdown, or a text table. */
static void
chart_table(struct rel_doc *d, const struct rel_chart *c)
{
	const char **cols = rel_xcalloc(c->nseries + 1, sizeof(*cols));
	struct rel_out *o;
	char buf[64];
	size_t s, i;
	int n;

	cols[0] = "";
	for (s = 0; s < c->nseries; s++)
		cols[s + 1] = c->series[s].name;
	if (rel_out_open(&o, d->fp, d->fmt, 0, cols, c->nseries + 1,
	    NULL) != 0) {
		free(cols);
		return;
	}
	for (i = 0; i < c->ncats; i++) {
		rel_out_cell(o, c->cats[i], strlen(c->cats[i]));
		for (s = 0; s < c->nseries; s++) {
			if (isnan(c->series[s].v[i])) {
				rel_out_cell(o, "", 0);
				continue;
			}
			n = snprintf(buf, sizeof(buf), "%.*f%s", c->decimals,
			    c->series[s].v[i], c->unit != NULL ? c->unit : "");
			rel_out_cell(o, buf, (size_t)n);
		}
		rel_out_endrow(o);
	}
	rel_out_close(o, NULL);
	free(cols);
}

static void
chart_caption(struct rel_doc *d, const struct rel_chart *c)
{
	block(d);
	if (d->fmt == REL_FMT_MD) {
		fputs(d->blank ? "**" : "\n**", d->fp);
		d->blank = 0;
		put_text(d, c->title, (size_t)-1);
		fputs("**\n", d->fp);
	} else {
		putc('\n', d->fp);
		put_text(d, c->title, (size_t)-1);
		putc('\n', d->fp);
	}
}

/* Text bars: eighth blocks, the longest BAR_MAX columns. */
static void
text_bars(struct rel_doc *d, const struct rel_chart *c)
{
	double lo = axis_lo(c), hi = axis_hi(c);
	size_t i, s, w, lw = 0, sw = 0, k;
	long eighths;

	for (i = 0; i < c->ncats; i++)
		if ((w = rel_utf8_width(c->cats[i], strlen(c->cats[i]))) > lw)
			lw = w;
	for (s = 0; c->nseries > 1 && s < c->nseries; s++)
		if ((w = rel_utf8_width(c->series[s].name,
		    strlen(c->series[s].name))) > sw)
			sw = w;
	for (i = 0; i < c->ncats; i++) {
		for (s = 0; s < c->nseries; s++) {
			double v = c->series[s].v[i];

			fputs("  ", d->fp);
			w = 0;
			if (s == 0) {
				put_text(d, c->cats[i], (size_t)-1);
				w = rel_utf8_width(c->cats[i],
				    strlen(c->cats[i]));
			}
			for (; w < lw; w++)
				putc(' ', d->fp);
			if (c->nseries > 1) {
				fputs("  ", d->fp);
				put_text(d, c->series[s].name, (size_t)-1);
				for (w = rel_utf8_width(c->series[s].name,
				    strlen(c->series[s].name)); w < sw; w++)
					putc(' ', d->fp);
			}
			fputs("  ", d->fp);
			if (isnan(v)) {
				fputs("-\n", d->fp);
				continue;
			}
			eighths = lround((fmin(fmax(v, lo), hi) - lo) /
			    (hi - lo) * BAR_MAX * 8);
			for (k = 0; k < (size_t)eighths / 8; k++)
				fputs("\xE2\x96\x88", d->fp);	/* U+2588 */
			if (eighths % 8 != 0)	/* U+258F (1/8) .. U+2589 (7/8) */
				fprintf(d->fp, "\xE2\x96%c",
				    (char)(0x8F - (eighths % 8 - 1)));
			putc(' ', d->fp);
			value(d->fp, c, v);
			if (s == c->nseries - 1 && c->mark != NULL &&
			    c->mark[i] && c->mark_label != NULL) {
				fputs("  <- ", d->fp);
				put_text(d, c->mark_label, (size_t)-1);
			}
			putc('\n', d->fp);
		}
	}
	if (!isnan(c->ref) && c->ref_label != NULL) {
		fputs("  ", d->fp);
		put_text(d, c->ref_label, (size_t)-1);
		putc('\n', d->fp);
	}
}

static void
svg_text(struct rel_doc *d, double x, double y, const char *anchor,
    const char *extra, const char *s)
{
	fprintf(d->fp, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>", x,
	    y, anchor, extra != NULL ? extra : "");
	rel_html_put(d->fp, s, (size_t)-1);
	fputs("</text>\n", d->fp);
}

static void
svg_open(struct rel_doc *d, const struct rel_chart *c, double w, double h)
{
	block(d);
	fputs("<figure>\n<figcaption>", d->fp);
	rel_html_put(d->fp, c->title, (size_t)-1);
	fprintf(d->fp, "</figcaption>\n<svg class=\"chart\" "
	    "xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
	    "viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" "
	    "font-family=\"system-ui, 'DejaVu Sans', Arial, sans-serif\" "
	    "font-size=\"13\" fill=\"#222\">\n<title>", w, h, w, h);
	rel_html_put(d->fp, c->title, (size_t)-1);
	fputs("</title>\n", d->fp);
}

static void
svg_close(struct rel_doc *d)
{
	fputs("</svg>\n</figure>\n", d->fp);
}

/* The legend: a swatch (a line with its marker for lines) per series,
 * and the marked pattern, in one row at y. */
static void
svg_legend(struct rel_doc *d, const struct rel_chart *c, double x, double y,
    int lines, const char *pattern)
{
	size_t s;

	for (s = 0; s < c->nseries; s++) {
		const char *col = colours[s % NCOLOURS];

		if (lines)
			fprintf(d->fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
			    "y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2.5\" "
			    "stroke-dasharray=\"%s\"/>\n", x, y - 4, x + 22,
			    y - 4, col, dashes[s % NCOLOURS]);
		else
			fprintf(d->fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" "
			    "height=\"12\" fill=\"%s\"/>\n", x, y - 11, col);
		x += lines ? 28 : 20;
		svg_text(d, x, y, "start", NULL, c->series[s].name);
		x += 8.0 * (double)rel_utf8_width(c->series[s].name,
		    strlen(c->series[s].name)) + 22;
	}
	if (pattern != NULL && c->mark_label != NULL) {
		fprintf(d->fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" "
		    "height=\"12\" fill=\"url(#%s)\" stroke=\"#555\"/>\n", x,
		    y - 11, pattern);
		svg_text(d, x + 20, y, "start", NULL, c->mark_label);
	}
}

/* A chart's start in every format but HTML's SVG: nothing for scripts,
 * "(no data)", the table of values (Markdown) or the text drawing
 * (text). Returns 1 when the chart is done. */
static int
chart_plain(struct rel_doc *d, const struct rel_chart *c,
    void (*text)(struct rel_doc *, const struct rel_chart *))
{
	if (!rel_doc_human(d))
		return 1;
	if (c->ncats == 0 || c->nseries == 0 || no_data(c)) {
		chart_caption(d, c);
		fputs(d->fmt == REL_FMT_HTML ? "<p class=\"none\">(no data)</p>\n"
		    : "  (no data)\n", d->fp);
		return 1;
	}
	if (d->fmt == REL_FMT_MD) {
		chart_caption(d, c);
		putc('\n', d->fp);
		chart_table(d, c);
		return 1;
	}
	if (d->fmt == REL_FMT_TABLE) {
		chart_caption(d, c);
		text(d, c);
		return 1;
	}
	return 0;
}

void
rel_doc_bars(struct rel_doc *d, const struct rel_chart *c)
{
	double lo, hi, left, width = 680, plot, bar, gap, h, y, x0, x, top;
	size_t i, s, lw = 0, w;
	char pattern[32];
	int any_mark = 0;

	if (chart_plain(d, c, text_bars))
		return;
	lo = axis_lo(c);
	hi = axis_hi(c);
	for (i = 0; i < c->ncats; i++) {
		if ((w = rel_utf8_width(c->cats[i], strlen(c->cats[i]))) > lw)
			lw = w;
		if (c->mark != NULL && c->mark[i])
			any_mark = 1;
	}
	left = fmin(10 + 7.5 * (double)lw, 260);
	plot = width - left - 70;
	bar = c->nseries > 1 ? 14 : 18;
	gap = 12;
	/* The legend's row, then the reference line's label on its own. */
	top = (c->nseries > 1 || any_mark ? 30 : 8) +
	    (!isnan(c->ref) && c->ref_label != NULL ? 20 : 0);
	h = top + (double)c->ncats * ((double)c->nseries * bar + gap) + 40;
	d->nchart++;
	snprintf(pattern, sizeof(pattern), "hatch%d", d->nchart);
	svg_open(d, c, width, h);
	fprintf(d->fp, "<defs><pattern id=\"%s\" patternUnits=\"userSpaceOnUse\" "
	    "width=\"6\" height=\"6\" patternTransform=\"rotate(45)\">"
	    "<rect width=\"6\" height=\"6\" fill=\"#fff\"/>"
	    "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#444\" "
	    "stroke-width=\"3\"/></pattern></defs>\n", pattern);
	x0 = left;
	/* The axis: gridlines at quarters, labelled. */
	for (i = 0; i <= 4; i++) {
		char lbl[32];

		x = x0 + plot * (double)i / 4;
		fprintf(d->fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"#e3e3e3\"/>\n", x, top - 6, x,
		    h - 36);
		snprintf(lbl, sizeof(lbl), "%.*f%s", hi - lo >= 4 ? 0 : 1,
		    lo + (hi - lo) * (double)i / 4, c->unit != NULL ? c->unit :
		    "");
		svg_text(d, x, h - 22, "middle", " fill=\"#555\" font-size=\"12\"",
		    lbl);
	}
	if (c->y_label != NULL)
		svg_text(d, x0 + plot / 2, h - 6, "middle",
		    " fill=\"#555\" font-size=\"12\"", c->y_label);
	y = top;
	for (i = 0; i < c->ncats; i++) {
		int marked = c->mark != NULL && c->mark[i];

		svg_text(d, left - 8, y + (double)c->nseries * bar / 2 + 4, "end",
		    NULL, c->cats[i]);
		for (s = 0; s < c->nseries; s++) {
			double v = c->series[s].v[i], bw;

			if (!isnan(v)) {
				bw = plot * (fmin(fmax(v, lo), hi) - lo) /
				    (hi - lo);
				fprintf(d->fp, "<rect x=\"%.1f\" y=\"%.1f\" "
				    "width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
				    "<title>", x0, y, bw, bar - 2,
				    colours[s % NCOLOURS]);
				rel_html_put(d->fp, c->cats[i], (size_t)-1);
				fputs(", ", d->fp);
				rel_html_put(d->fp, c->series[s].name,
				    (size_t)-1);
				fputs(": ", d->fp);
				value(d->fp, c, v);
				fputs("</title></rect>\n", d->fp);
				if (marked)
					fprintf(d->fp, "<rect x=\"%.1f\" "
					    "y=\"%.1f\" width=\"%.1f\" "
					    "height=\"%.1f\" fill=\"url(#%s)\" "
					    "opacity=\"0.55\"/>\n", x0, y, bw,
					    bar - 2, pattern);
				fprintf(d->fp, "<text x=\"%.1f\" y=\"%.1f\" "
				    "font-size=\"12\">", x0 + bw + 4,
				    y + bar - 5);
				value(d->fp, c, v);
				fputs("</text>\n", d->fp);
			}
			y += bar;
		}
		y += gap;
	}
	if (!isnan(c->ref)) {
		x = x0 + plot * (fmin(fmax(c->ref, lo), hi) - lo) / (hi - lo);
		fprintf(d->fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"#222\" stroke-width=\"1.5\" "
		    "stroke-dasharray=\"5 4\"/>\n", x, top - 14, x, h - 38);
		if (c->ref_label != NULL)
			svg_text(d, x > width - 200 ? x - 4 : x + 4, top - 6,
			    x > width - 200 ? "end" : "start",
			    " font-size=\"12\"", c->ref_label);
	}
	if (c->nseries > 1 || any_mark)
		svg_legend(d, c, 10, 16, 0, any_mark ? pattern : NULL);
	svg_close(d);
}

/* Text lines: a sparkline per series, with its first, last, lowest and
 * highest values. */
static void
text_lines(struct rel_doc *d, const struct rel_chart *c)
{
	double lo = axis_lo(c), hi = axis_hi(c), first, last, mn, mx;
	size_t s, i, w, sw = 0;
	char *buf = rel_xmalloc(3 * c->ncats + 1);

	for (s = 0; s < c->nseries; s++)
		if ((w = rel_utf8_width(c->series[s].name,
		    strlen(c->series[s].name))) > sw)
			sw = w;
	for (s = 0; s < c->nseries; s++) {
		const double *v = c->series[s].v;

		first = last = mn = mx = NAN;
		for (i = 0; i < c->ncats; i++) {
			if (isnan(v[i]))
				continue;
			if (isnan(first))
				first = v[i];
			last = v[i];
			mn = isnan(mn) || v[i] < mn ? v[i] : mn;
			mx = isnan(mx) || v[i] > mx ? v[i] : mx;
		}
		fputs("  ", d->fp);
		put_text(d, c->series[s].name, (size_t)-1);
		for (w = rel_utf8_width(c->series[s].name,
		    strlen(c->series[s].name)); w < sw; w++)
			putc(' ', d->fp);
		fprintf(d->fp, "  %s", rel_spark(buf, v, c->ncats, lo, hi));
		if (isnan(first)) {
			fputs("  (no data)\n", d->fp);
			continue;
		}
		fputs("  first ", d->fp);
		value(d->fp, c, first);
		fputs(", last ", d->fp);
		value(d->fp, c, last);
		fputs(", low ", d->fp);
		value(d->fp, c, mn);
		fputs(", high ", d->fp);
		value(d->fp, c, mx);
		putc('\n', d->fp);
	}
	if (c->ncats > 0) {
		fputs("  ", d->fp);
		for (w = 0; w < sw; w++)
			putc(' ', d->fp);
		fputs("  ", d->fp);
		put_text(d, c->cats[0], (size_t)-1);
		if (c->ncats > 1) {
			fputs(" to ", d->fp);
			put_text(d, c->cats[c->ncats - 1], (size_t)-1);
		}
		putc('\n', d->fp);
	}
	free(buf);
}

void
rel_doc_lines(struct rel_doc *d, const struct rel_chart *c)
{
	double lo, hi, left = 58, top = 34, width = 680, height = 300, plot,
	    ph, x, y;
	size_t i, s, step;
	int pen;

	if (chart_plain(d, c, text_lines))
		return;
	lo = axis_lo(c);
	hi = axis_hi(c);
	plot = width - left - 24;
	ph = height - top - 62;
	d->nchart++;
	svg_open(d, c, width, height);
	/* Gridlines and the y axis's labels, in five steps. */
	for (i = 0; i <= 4; i++) {
		char lbl[32];

		y = top + ph - ph * (double)i / 4;
		fprintf(d->fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"%s\"/>\n", left, y, left + plot, y,
		    i == 0 ? "#999" : "#e3e3e3");
		snprintf(lbl, sizeof(lbl), "%.*f%s", hi - lo >= 4 ? 0 : 1,
		    lo + (hi - lo) * (double)i / 4, c->unit != NULL ? c->unit :
		    "");
		svg_text(d, left - 6, y + 4, "end", " fill=\"#555\" "
		    "font-size=\"12\"", lbl);
	}
	if (c->y_label != NULL) {
		fprintf(d->fp, "<text transform=\"translate(14 %.1f) "
		    "rotate(-90)\" text-anchor=\"middle\" fill=\"#555\" "
		    "font-size=\"12\">", top + ph / 2);
		rel_html_put(d->fp, c->y_label, (size_t)-1);
		fputs("</text>\n", d->fp);
	}
	/* The x ticks: every one, or every step-th when they crowd. */
	step = c->ncats > 8 ? (c->ncats + 7) / 8 : 1;
	for (i = 0; i < c->ncats; i++) {
		x = c->ncats > 1 ? left + plot * (double)i /
		    (double)(c->ncats - 1) : left + plot / 2;
		fprintf(d->fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"#999\"/>\n", x, top + ph, x,
		    top + ph + 4);
		if (i % step == 0)
			svg_text(d, x, top + ph + 18, "middle", " fill=\"#555\" "
			    "font-size=\"12\"", c->cats[i]);
	}
	if (c->x_label != NULL)
		svg_text(d, left + plot / 2, height - 8, "middle",
		    " fill=\"#555\" font-size=\"12\"", c->x_label);
	for (s = 0; s < c->nseries; s++) {
		const double *v = c->series[s].v;
		const char *col = colours[s % NCOLOURS];

		pen = 0;
		for (i = 0; i < c->ncats; i++) {
			if (isnan(v[i])) {
				if (pen)
					fputs("\"/>\n", d->fp);
				pen = 0;
				continue;
			}
			x = c->ncats > 1 ? left + plot * (double)i /
			    (double)(c->ncats - 1) : left + plot / 2;
			y = top + ph - ph * (fmin(fmax(v[i], lo), hi) - lo) /
			    (hi - lo);
			if (!pen)
				fprintf(d->fp, "<polyline fill=\"none\" "
				    "stroke=\"%s\" stroke-width=\"2.5\" "
				    "stroke-dasharray=\"%s\" points=\"", col,
				    dashes[s % NCOLOURS]);
			fprintf(d->fp, "%s%.1f,%.1f", pen ? " " : "", x, y);
			pen = 1;
		}
		if (pen)
			fputs("\"/>\n", d->fp);
		/* Markers differ by shape as well as colour. */
		for (i = 0; i < c->ncats; i++) {
			if (isnan(v[i]))
				continue;
			x = c->ncats > 1 ? left + plot * (double)i /
			    (double)(c->ncats - 1) : left + plot / 2;
			y = top + ph - ph * (fmin(fmax(v[i], lo), hi) - lo) /
			    (hi - lo);
			switch (s % 3) {
			case 0:
				fprintf(d->fp, "<circle cx=\"%.1f\" cy=\"%.1f\" "
				    "r=\"3.5\" fill=\"%s\">", x, y, col);
				break;
			case 1:
				fprintf(d->fp, "<rect x=\"%.1f\" y=\"%.1f\" "
				    "width=\"7\" height=\"7\" fill=\"%s\">",
				    x - 3.5, y - 3.5, col);
				break;
			default:
				fprintf(d->fp, "<path d=\"M%.1f %.1fl4 7h-8z\" "
				    "fill=\"%s\">", x, y - 4.5, col);
				break;
			}
			fputs("<title>", d->fp);
			rel_html_put(d->fp, c->series[s].name, (size_t)-1);
			fputs(", ", d->fp);
			rel_html_put(d->fp, c->cats[i], (size_t)-1);
			fputs(": ", d->fp);
			value(d->fp, c, v[i]);
			fputs(s % 3 == 0 ? "</title></circle>\n" : s % 3 == 1 ?
			    "</title></rect>\n" : "</title></path>\n", d->fp);
		}
	}
	svg_legend(d, c, left, 18, 1, NULL);
	svg_close(d);
}

int
rel_doc_close(struct rel_doc *d, struct rel_err *e)
{
	int rc = 0, r, err;

	if (d == NULL)
		return 0;
	if (rel_doc_human(d)) {
		block(d);
		if (d->fmt == REL_FMT_HTML)
			fputs("</main>\n</body>\n</html>\n", d->fp);
	}
	errno = 0;
	r = fflush(d->fp);
	err = errno;
	if (r == EOF || ferror(d->fp)) {
		/* A write that failed before this flush left the error flag
		 * set, but its errno may be long gone. */
		rc = REL_EIO;
		if (e != NULL)
			rel_err_set(e, rc, "%swrite error: %s", d->fp == stdout ?
			    "standard output: " : "", strerror(err != 0 ? err :
			    EIO));
	}
	free(d);
	return rc;
}

void
rel_doc_abort(struct rel_doc *d)
{
	free(d);
}
