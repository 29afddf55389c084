# usage.awk: the SYNOPSIS of an mdoc page as a command's usage, so that
# usage() and the man page cannot drift apart.
#
# Each .Nm in the SYNOPSIS starts a form; its verb is the words of the .Cm
# (or .Op Cm) that follows. A placeholder (.Ar) is written in capitals,
# as the man page's italics cannot be, and alternative words (.Cm a | b)
# as one word, a|b. Its text is wrapped at 80 columns, counting
# the 7 columns of "usage: " that rel_cli_usage() puts before each line,
# with the continuation lines indented to the verb. A paragraph after .Pp
# becomes a note (verb NULL) printed after the forms. The output is a C
# array of struct rel_usage.
#
# The macros the pages use: Nm, Cm, Op (nested too), Fl, Ar, Ns, Pa, Ic,
# Li, Sy, Ev, Pp, the delimiters | , . ; : ( ) [ ] and the escapes \- \&
# \e.
BEGIN {
	W = 80
	PFX = 7
	prog = ""
	insyn = 0
	nforms = 0
	inpara = 0
	delim["|"] = "mid"
	split(", . ; : ) ] ? !", cl, " ")
	for (i in cl)
		delim[cl[i]] = "close"
	delim["("] = "open"
	delim["["] = "open"
	split("Op Fl Ar Cm Ns Pa Ic Li Sy Ev Nm Em Va", mm, " ")
	for (i in mm)
		callable[mm[i]] = 1
}

function fail(msg) {
	printf "usage.awk: %s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"
	bad = 1
	exit 1
}

function unescape(s) {
	gsub(/\\-/, "-", s)
	gsub(/\\&/, "", s)
	gsub(/\\e/, "\\", s)
	if (s ~ /\\/)
		fail("an escape this script does not know: " s)
	return s
}

# Split a macro line into tok[1..ntok], honouring "double quotes".
function tokenize(line,    c, i, t, q, n) {
	n = 0
	t = ""
	q = 0
	for (i = 1; i <= length(line); i++) {
		c = substr(line, i, 1)
		if (c == "\"") {
			if (!q && t == "")
				has = 1
			q = !q
			continue
		}
		if (!q && (c == " " || c == "\t")) {
			if (t != "" || has)
				tok[++n] = t
			t = ""
			has = 0
			continue
		}
		t = t c
	}
	if (t != "" || has)
		tok[++n] = t
	has = 0
	return n
}

# The output of a form is a list of items that lines break between: each
# macro line at bracket depth 0 is one (so "--strength 1 | 2 | 3" stays
# whole), and each word of a note.
function emit(s, cls) {
	if (s == "")
		return
	if (cur == "" && nitems == 0)
		cur = s
	else if (cls == "close" || nospace)
		cur = cur s
	else if (depth == 0 && (breakable || inpara)) {
		item[++nitems] = cur
		cur = s
	} else
		cur = cur " " s
	breakable = 0
	nospace = (cls == "open")
}

function flush_items() {
	if (cur != "")
		item[++nitems] = cur
	cur = ""
}

# One macro line (or text line, with macro "") of the current form.
function line_out(n,    i, j, m, t, last, mode, opened) {
	# Trailing closing delimiters go after the brackets this line opens.
	last = n
	while (last > 1 && delim[tok[last]] == "close")
		last--
	mode = ""
	opened = 0
	breakable = 1
	for (i = 1; i <= last; i++) {
		t = tok[i]
		if (i == 1 || callable[t]) {
			m = t
			if (m == "Op") {
				emit("[", "open")
				depth++
				opened++
				mode = ""
				continue
			}
			if (m == "Ns") {
				nospace = 1
				continue
			}
			if (m == "Nm") {
				mode = "Nm"
				if (i == last || callable[tok[i + 1]])
					emit(prog, "")
				continue
			}
			if (m == "Fl") {
				mode = "Fl"
				if (i == last || callable[tok[i + 1]] ||
				    delim[tok[i + 1]] != "")
					emit("-", "")
				continue
			}
			if (m == "Ar") {
				mode = "Ar"
				if (i == last || callable[tok[i + 1]] ||
				    delim[tok[i + 1]] != "")
					emit("FILE ...", "")
				continue
			}
			if (m ~ /^(Cm|Pa|Ic|Li|Sy|Ev|Em|Va)$/) {
				mode = m
				continue
			}
			if (i == 1 && m == "")
				continue
			fail("a macro this script does not know: " m)
		}
		# Alternative words stay one word, "1|2|3", as usage
		# messages write them; alternative options keep their spaces.
		if (t == "|" && mode != "Fl" && mode != "" &&
		    i < last && tok[i + 1] != "Fl") {
			cur = cur "|"
			nospace = 1
			continue
		}
		if (delim[t] != "") {
			emit(t, delim[t])
			continue
		}
		t = unescape(t)
		if (mode == "Fl")
			t = "-" t
		# A placeholder in capitals: plain text has no italics to tell
		# it from a word typed as it is.
		if (mode == "Ar")
			t = toupper(t)
		emit(t, "")
	}
	for (j = 0; j < opened; j++) {
		depth--
		cur = cur "]"
		nospace = 0
	}
	for (i = last + 1; i <= n; i++)
		cur = cur tok[i]
}

function cstr(s) {
	gsub(/\\/, "\\\\", s)
	gsub(/"/, "\\\"", s)
	return s
}

# The items of the form wrapped: the first line at PFX, the rest at PFX +
# indent; returns C string literal lines.
function wrap(indent, first,    i, out, line, pad, width) {
	pad = sprintf("%" (indent > 0 ? indent : 1) "s", "")
	if (indent == 0)
		pad = ""
	out = ""
	line = ""
	for (i = 1; i <= nitems; i++) {
		width = first ? PFX : 0
		if (line != "" && width + length(line) + 1 + length(item[i]) > W) {
			out = out "\t    \"" cstr(line) "\\n\"\n"
			line = pad item[i]
		} else
			line = line (line == "" || line == pad ? "" : " ") item[i]
	}
	if (line != "")
		out = out "\t    \"" cstr(line) "\\n\"\n"
	return out
}

function end_form() {
	if (!inform)
		return
	flush_items()
	if (inpara)
		body[nforms] = wrap(0, 0)
	else
		body[nforms] = wrap(length(prog) + 1, 1)
	inform = 0
}

function start_form(v) {
	end_form()
	nforms++
	verb[nforms] = v
	inform = 1
	nitems = 0
	cur = ""
	depth = 0
	nospace = 0
	wantverb = !inpara
}

/^\.Sh NAME/ { getname = 1; next }
getname && /^\.Nm / { prog = $2; getname = 0; next }
/^\.Sh SYNOPSIS/ { insyn = 1; next }
insyn && /^\.Sh / { end_form(); insyn = 0; next }
!insyn { next }
/^\.\\"/ { next }
{
	if (prog == "")
		fail("no .Nm NAME before the SYNOPSIS")
	line = $0
	if (line ~ /^\./) {
		n = tokenize(substr(line, 2))
	} else {
		# Text: every word as if after a macro that prints words.
		n = tokenize(line)
		for (i = n; i >= 1; i--)
			tok[i + 1] = tok[i]
		tok[1] = ""
		n++
	}
	if (tok[1] == "Nm" && n == 1 && !inpara) {
		start_form("")
		emit(prog, "")
		next
	}
	if (tok[1] == "Pp") {
		inpara = 1
		start_form("")
		verb[nforms] = "\001"
		next
	}
	if (!inform)
		fail("text before the first .Nm")
	# The verb: the words of the first .Cm (or .Op Cm) of the form.
	if (wantverb) {
		wantverb = 0
		if (tok[1] == "Cm")
			for (i = 2; i <= n; i++)
				verb[nforms] = verb[nforms] \
				    (verb[nforms] == "" ? "" : " ") tok[i]
		else if (tok[1] == "Op" && tok[2] == "Cm")
			verb[nforms] = tok[3]
	}
	line_out(n)
}
END {
	if (bad)
		exit 1
	end_form()
	if (nforms == 0) {
		printf "usage.awk: %s: no SYNOPSIS\n", FILENAME > "/dev/stderr"
		exit 1
	}
	printf "/* Generated by tools/usage.awk from %s: do not edit. */\n", \
	    FILENAME
	print "static const struct rel_usage usage_forms[] = {"
	for (i = 1; i <= nforms; i++) {
		if (verb[i] == "\001")
			printf "\t{ NULL,\n%s\t},\n", body[i]
		else
			printf "\t{ \"%s\",\n%s\t},\n", cstr(verb[i]), body[i]
	}
	print "};"
}
