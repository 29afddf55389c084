/*
 * render.h: documents for people to read, in the format they asked for.
 *
 * A report is written as a document: a title, headings, paragraphs,
 * bullet lists, tables and charts. The same calls give
 *   REL_FMT_TABLE  text for a terminal: headings, aligned tables, charts
 *                  as text bars and sparklines (U+2581..U+2588);
 *   REL_FMT_MD     Markdown: headings, pipe tables; a chart becomes the
 *                  table of its values;
 *   REL_FMT_HTML   one self-contained HTML page: inline CSS, charts as
 *                  inline SVG, no script and no external asset, so that
 *                  an email client renders it and it prints well;
 *   REL_FMT_CSV, REL_FMT_TSV, REL_FMT_JSON
 *                  for scripts: only the document's data table is written
 *                  (one per document); headings, text and charts are not.
 * Every text given is plain UTF-8 and is escaped for the format here.
 */
#ifndef REL_RENDER_H
#define REL_RENDER_H

#include <stdio.h>
#include "rel/base.h"
#include "rel/err.h"
#include "rel/out.h"

/* A line on a chart, or a bar in each group: ncats values; NAN is no
 * value (a gap in a line, no bar). */
struct rel_series {
	const char *name;
	const double *v;
};

/* A chart. Every chart has a title, shown above it and given as the SVG
 * <title>. Colours are the Okabe-Ito palette (readable with every common
 * colour-vision deficiency), and lines also differ by dash and marker, so
 * nothing depends on colour alone. */
struct rel_chart {
	const char *title;
	const char *x_label;	/* lines: the axis below ("week of") */
	const char *y_label;	/* the value axis ("% of students") */
	const char *const *cats;	/* bars: a label per group of bars;
					   lines: a label per x position */
	size_t ncats;
	const struct rel_series *series;
	size_t nseries;
	double lo, hi;		/* the value axis; hi <= lo: 0 up to the
				   largest value */
	int decimals;		/* digits after the point in value labels */
	const char *unit;	/* after each value label ("%"), or NULL */
	const unsigned char *mark;	/* bars: ncats flags, or NULL; a
					   marked group is drawn hatched and
					   its label followed by mark_label */
	const char *mark_label;	/* what a mark means ("carries too much") */
	double ref;		/* a reference line across the chart (NAN:
				   none), such as the school-wide value */
	const char *ref_label;
};

struct rel_doc;

/* Start a document on fp in fmt (REL_FMT_AUTO: table on a terminal, CSV
 * otherwise). title is the page's title and first heading; subtitle
 * (NULL: none) a line under it, such as the school and the date. HTML
 * starts the page here. Returns 0, or 70. */
REL_API int rel_doc_open(struct rel_doc **d, FILE *fp, enum rel_fmt fmt,
    const char *title, const char *subtitle, struct rel_err *e);
/* With title NULL, rel_doc_open writes nothing yet: the title comes from
 * rel_doc_title, before anything else (a report opened by its caller
 * names itself, such as a student card by the student's name). */
REL_API void rel_doc_title(struct rel_doc *d, const char *title,
    const char *subtitle);
/* Flags for the document's data table when it is written as CSV or
 * TSV (REL_CSV_EXCEL_SAFE), as rel_out_open takes them; the formats for
 * people escape every cell anyway. Before the first table. */
REL_API void rel_doc_csv_flags(struct rel_doc *d, unsigned flags);
/* The format being written (never REL_FMT_AUTO). */
REL_API enum rel_fmt rel_doc_fmt(const struct rel_doc *d);
/* 1 when the format is for people (table, md, html), 0 for scripts. */
REL_API int rel_doc_human(const struct rel_doc *d);
/* A section heading. */
REL_API void rel_doc_heading(struct rel_doc *d, const char *text);
/* A paragraph (printf format; the result is escaped). */
REL_API void rel_doc_para(struct rel_doc *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* A bullet of a list: begin, then any number of rel_doc_text and
 * rel_doc_strong, then end. The list closes at the next heading,
 * paragraph, table or chart, or at the end. */
REL_API void rel_doc_item(struct rel_doc *d);
REL_API void rel_doc_text(struct rel_doc *d, const char *s, size_t len);
REL_API void rel_doc_textf(struct rel_doc *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
REL_API void rel_doc_strong(struct rel_doc *d, const char *s);
/* Text in a sparkline: a small inline picture of v (n values, NAN a
 * gap) between lo and hi. Table and md: U+2581..U+2588 characters (a
 * space for a gap); HTML: a small inline SVG polyline with the same
 * title. Inside an item or a table cell (rel_doc_spark_cell). */
REL_API void rel_doc_spark(struct rel_doc *d, const char *title,
    const double *v, size_t n, double lo, double hi);
REL_API void rel_doc_end_item(struct rel_doc *d);
/* "(none recorded yet)" as the whole of a section. */
REL_API void rel_doc_none(struct rel_doc *d);

/* A table: write its rows to the rel_out returned (never NULL), then
 * rel_doc_table_end. data: the document's data table, the one a script
 * gets in CSV, TSV or JSON; a table that is not data is dropped in those
 * formats (its rel_out takes cells and writes nothing). */
REL_API struct rel_out *rel_doc_table(struct rel_doc *d,
    const char *const *cols, size_t ncols, int data);
/* Finish the table; 0 or 74. */
REL_API int rel_doc_table_end(struct rel_doc *d, struct rel_out *o,
    struct rel_err *e);

/* Horizontal bars: for each category a bar per series, the value at its
 * end. Table: text bars (eighth blocks) 40 columns wide at most, value
 * after; md: the values as a table; HTML: SVG. */
REL_API void rel_doc_bars(struct rel_doc *d, const struct rel_chart *c);
/* Lines over the categories (x), with a labelled y axis from lo to hi
 * and gridlines. Table: one sparkline per series with its first, last,
 * lowest and highest value; md: the values as a table; HTML: SVG. */
REL_API void rel_doc_lines(struct rel_doc *d, const struct rel_chart *c);

/* End the document (HTML: the page) and flush; frees d. Returns 0, or 74
 * when writing failed (e may be NULL). d may be NULL. */
REL_API int rel_doc_close(struct rel_doc *d, struct rel_err *e);
/* Free without finishing, after an error. */
REL_API void rel_doc_abort(struct rel_doc *d);

/* The pieces, for those who write their own. */
/* v[0..n) into buf as eighth blocks between lo and hi (a value at or
 * below lo is U+2581, at or above hi U+2588), a NAN as a space; buf
 * holds 3 * n + 1 bytes. Returns buf. */
REL_API char *rel_spark(char *buf, const double *v, size_t n, double lo,
    double hi);
/* s (len bytes, or up to NUL if len is (size_t)-1) with & < > " '
 * escaped, control bytes as U+FFFD. */
REL_API void rel_html_put(FILE *fp, const char *s, size_t len);

#endif
