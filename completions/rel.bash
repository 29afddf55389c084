# shellcheck shell=bash
# rel.bash: bash completion for rel and every rel-X command.
#
# Nothing here lists a verb or an option: they come from `rel-X --help`,
# read once per shell and kept in a variable per command, so they cannot
# drift from the commands. Each usage line ("usage: rel-map mark --adult
# ID ..." and the "       rel-map import ..." lines after it) is a form:
# the word after the command is its verb, the --words on its lines are its
# options, an option followed by a placeholder takes a value, and the
# other placeholders are its operands. The text after the usage lines
# adds the options every verb takes ("Every verb takes --db PATH and --as
# ADULT_ID") and the values of placeholders ("KIND is affirmation,
# feedback, ... or gratitude").
#
# Student, adult and group ids come from `rel-roster ids KIND PREFIX`,
# with the --db given earlier on the line.
#
# The code is shared with zsh's _rel, which runs it under `emulate ksh`:
# so it uses no mapfile, no read -a, no ${!name} and no compgen outside
# the bash glue at the end.

# _rel_split STRING: its words (split on blanks, never globbed) into _rel_t.
_rel_split() {
	local s=$1 w
	_rel_t=()
	while :; do
		s=${s#"${s%%[! 	]*}"}
		[[ -z $s ]] && break
		w=${s%%[ 	]*}
		_rel_t+=("$w")
		s=${s#"$w"}
	done
}

# _rel_bare WORD: the word without brackets, as $_rel_b.
_rel_bare() {
	_rel_b=${1//[\[\]]/}
}

# _rel_spec NAME EXE: the parsed usage of command NAME (run as EXE), as
# lines in $_rel_s, from the cache or from `EXE --help`:
#   v VERB              a verb ("-" for a form with no verb)
#   s VERB SUB          a word that follows VERB ("rel-flag rules set")
#   o KEY OPT ARG       KEY (VERB or VERB/SUB) takes OPT; ARG "-" if none
#   p KEY ARG...        KEY's operands; "?" before one that may be left out
#   x KEY               KEY takes the options of the text ([FIELD OPTIONS])
#   c OPT ARG           an option of the text after the usage lines
#   l NAME VALUE...     the values of placeholder NAME
_rel_spec() {
	local name=$1 exe=$2 var help line forms="" text="" inu=0 f v k n i
	local tok opt arg key verb sub pos optin dup
	local -a verbs
	var=_rel_spec_${name//[!a-zA-Z0-9]/_}
	eval "_rel_s=\${$var-}"
	[[ -n $_rel_s ]] && return 0
	help=$("$exe" --help 2>/dev/null)
	[[ -z $help ]] && return 1
	while IFS= read -r line; do
		case $line in
		"usage: "*)
			forms+=$'\n'${line#usage: }
			inu=1 ;;
		"       $name "* | "       $name")
			if [[ $inu == 1 ]]; then
				forms+=$'\n'${line#       }
			else
				text+=" $line"
			fi ;;
		[\ \	]*)
			tok=${line#"${line%%[! 	]*}"}
			case $inu$tok in
			1[-\[A-Z]*) forms+=" $tok" ;;
			*) inu=0; text+=" $line" ;;
			esac ;;
		*)
			inu=0
			text+=" $line" ;;
		esac
	done <<<"$help"

	# A verb on several forms has words after it: rules, rules set, ...
	verbs=()
	while IFS= read -r f; do
		[[ -z $f ]] && continue
		_rel_split "$f"
		v=${_rel_t[1]:--}
		[[ $v == [-\[]* ]] && v=-
		verbs+=("$v")
	done <<<"$forms"

	_rel_s=""
	while IFS= read -r f; do
		[[ -z $f ]] && continue
		_rel_split "$f"
		verb=${_rel_t[1]:--}
		i=2
		[[ $verb == [-\[]* ]] && { verb=-; i=1; }
		n=0
		for v in "${verbs[@]}"; do
			[[ $v == "$verb" ]] && n=$((n + 1))
		done
		key=$verb
		dup=""
		case $_rel_s$'\n' in *$'\n'"v $verb"$'\n'*) dup=1 ;; esac
		[[ -z $dup ]] && _rel_s+=$'\n'"v $verb"
		sub=${_rel_t[i]-}
		if [[ $n -gt 1 && $sub == [a-z]* && $sub != *[!a-z_-]* ]]; then
			_rel_s+=$'\n'"s $verb $sub"
			key=$verb/$sub
			i=$((i + 1))
		fi
		pos=""
		while [[ $i -lt ${#_rel_t[@]} ]]; do
			tok=${_rel_t[i]}
			i=$((i + 1))
			_rel_bare "$tok"
			case $_rel_b in
			--*)
				opt=${_rel_b%%=*}
				arg=-
				if [[ $tok != *"]" && $i -lt ${#_rel_t[@]} ]]; then
					_rel_bare "${_rel_t[i]}"
					case $_rel_b in
					-* | "|" | "") ;;
					*) arg=$_rel_b; i=$((i + 1)) ;;
					esac
				fi
				_rel_s+=$'\n'"o $key $opt $arg" ;;
			"|" | "" ) ;;
			... | ...*) pos+="*" ;;
			*...) pos+=" ${tok%%[!\[]*}${_rel_b%...}*" ;;
			*)
				# [FIELD OPTIONS]: the options the text lists.
				if [[ $tok == \[* && $tok != *"]" &&
				    ${_rel_t[i]-} == *'OPTIONS]' ]]; then
					_rel_s+=$'\n'"x $key"
					i=$((i + 1))
					continue
				fi
				pos+=" ${tok%%[!\[]*}$_rel_b" ;;
			esac
		done
		pos=${pos//\[/\?}
		_rel_s+=$'\n'"p $key$pos"
	done <<<"$forms"

	# The text: its options, and "NAME is a, b, c or d" lists.
	_rel_split "$text"
	i=0
	while [[ $i -lt ${#_rel_t[@]} ]]; do
		tok=${_rel_t[i]}
		i=$((i + 1))
		case $tok in
		--[a-z]*)
			tok=${tok%%[!a-z0-9-]*}
			arg=-
			optin=${_rel_t[i]-}
			if [[ $optin == [A-Z]* ]]; then
				arg=${optin%%[!A-Z_]*}
			fi
			_rel_s+=$'\n'"c $tok $arg" ;;
		[A-Z]*)
			[[ $tok == *[!A-Z_]* || ${_rel_t[i]-} != is ]] && continue
			case $_rel_s in *$'\n'"l $tok "*) continue ;; esac
			k=$tok
			line=""
			n=$((i + 1))
			while [[ $n -lt ${#_rel_t[@]} ]]; do
				v=${_rel_t[n]}
				n=$((n + 1))
				if [[ $v == [a-z]*, && ${v%,} != *[!a-z0-9_]* ]]; then
					line+=" ${v%,}"
				elif [[ $v != *[!a-z0-9_]* && ${_rel_t[n]-} == or ]]; then
					v=${_rel_t[n + 1]-}
					v=${v%%[!a-z0-9_]*}
					[[ -n $v ]] && _rel_s+=$'\n'"l $k$line ${_rel_t[n - 1]} $v"
					break
				else
					break
				fi
			done ;;
		esac
	done
	_rel_s+=$'\n'
	eval "$var=\$_rel_s"
}

# _rel_ids KIND PREFIX: ids from the database into _rel_out.
_rel_ids() {
	local id
	while IFS= read -r id; do
		_rel_out+=("$id")
	done < <("$_rel_roster" ids "$1" "$2" ${_rel_db:+--db "$_rel_db"} \
	    2>/dev/null)
}

# _rel_values OPT ARG CUR: the candidates for option OPT's value ARG
# ("-" for an operand). Sets _rel_how to files or dirs for those.
_rel_values() {
	local opt=$1 arg=$2 cur=$3 pre="" line v
	# NAME,... takes a list: complete its last item.
	if [[ $arg == *,...* && $cur == *,* ]]; then
		pre=${cur%,*},
		cur=${cur##*,}
	fi
	arg=${arg%%[,.\[]*}
	case $opt in
	--db) _rel_how=files; return ;;
	--student) _rel_ids student "$cur"; return ;;
	--adult | --as | --champion | --lead) _rel_ids adult "$cur"; return ;;
	--group) _rel_ids group "$cur"; return ;;
	--harmed | --responsible | --affected | --supporter | --facilitator)
		_rel_ids student "$cur"
		_rel_ids adult "$cur"
		return ;;
	esac
	case $arg in
	STUDENT_ID) _rel_ids student "$cur"; return ;;
	ADULT_ID) _rel_ids adult "$cur"; return ;;
	GROUP_ID) _rel_ids group "$cur"; return ;;
	FILE | PATH) _rel_how=files; return ;;
	DIR) _rel_how=dirs; return ;;
	*\|*)
		# goal|support: the words themselves, if all are words.
		if [[ $arg != *[!a-z0-9_\|]* ]]; then
			_rel_split "${arg//|/ }"
			_rel_out+=("${_rel_t[@]}")
			return
		fi ;;
	esac
	if [[ $opt == --format ]]; then
		_rel_out+=(csv tsv table json md html)
		return
	fi
	while IFS= read -r line; do
		if [[ $line == "l $arg "* ]]; then
			_rel_split "${line#l "$arg" }"
			for v in "${_rel_t[@]}"; do
				_rel_out+=("$pre$v")
			done
			return
		fi
	done <<<"$_rel_s"
}

# _rel_cands: the candidates for word _rel_cw of the words _rel_w, into
# _rel_out (words to match against the current word) and _rel_how
# ("words", or "files" or "dirs" for the shell to complete).
_rel_cands() {
	local cmd=${_rel_w[0]} dir="" name cur key verb="" sub="" line
	local i w opt arg want="" nops=0 p k
	local -a ops pl
	_rel_out=()
	_rel_how=words
	_rel_db=""
	cur=${_rel_w[_rel_cw]-}
	[[ $cmd == */* ]] && dir=${cmd%/*}/
	name=${cmd##*/}
	if [[ $name == rel ]]; then
		# The front door: rel COMMAND ..., rel help COMMAND.
		if [[ $_rel_cw == 1 || ( $_rel_cw == 2 &&
		    ${_rel_w[1]} == help ) ]]; then
			if [[ $cur == -* ]]; then
				_rel_out=(--help --version)
				return
			fi
			[[ $_rel_cw == 1 ]] && _rel_out=(help)
			while IFS= read -r line; do
				case $line in
				"  "[a-z]*)
					_rel_split "$line"
					_rel_out+=("${_rel_t[0]}") ;;
				esac
			done < <("$cmd" help 2>/dev/null)
			return
		fi
		[[ ${_rel_w[1]} == help ]] && return
		cmd=${dir}rel-${_rel_w[1]}
		name=rel-${_rel_w[1]}
		_rel_w=("$cmd" "${_rel_w[@]:2}")
		_rel_cw=$((_rel_cw - 1))
	fi
	_rel_roster=${dir}rel-roster
	_rel_spec "$name" "$cmd" || return

	# What the words before this one are: the verb, options and values.
	i=1
	if [[ ${_rel_w[1]-} != -* && $_rel_cw -gt 1 ]]; then
		verb=${_rel_w[1]}
		i=2
	fi
	[[ -z $verb ]] && verb=-
	key=$verb
	ops=()
	while [[ $i -lt $_rel_cw ]]; do
		w=${_rel_w[i]}
		i=$((i + 1))
		case $w in
		--*=*)
			[[ ${w%%=*} == --db ]] && _rel_db=${w#*=}
			continue ;;
		--*)
			_rel_argof "$key" "$w"
			if [[ $_rel_a != - && $i -lt $_rel_cw ]]; then
				[[ $w == --db ]] && _rel_db=${_rel_w[i]}
				i=$((i + 1))
			elif [[ $_rel_a != - ]]; then
				want=$w
			fi
			continue ;;
		-*) continue ;;
		esac
		if [[ -z $sub && $nops == 0 && $_rel_s == *$'\n'"s $verb $w"$'\n'* ]]; then
			sub=$w
			key=$verb/$sub
			continue
		fi
		ops+=("$w")
		nops=$((nops + 1))
	done
	# --db may come after the word being completed too.
	if [[ -z $_rel_db ]]; then
		for ((k = _rel_cw + 1; k < ${#_rel_w[@]}; k++)); do
			if [[ ${_rel_w[k - 1]} == --db ]]; then
				_rel_db=${_rel_w[k]}
			fi
		done
	fi

	# An option's value.
	if [[ -n $want ]]; then
		_rel_argof "$key" "$want"
		_rel_values "$want" "$_rel_a" "$cur"
		return
	fi
	if [[ $cur == --*=* ]]; then
		_rel_argof "$key" "${cur%%=*}"
		_rel_values "${cur%%=*}" "$_rel_a" "${cur#*=}"
		return
	fi

	# An option.
	if [[ $cur == -* ]]; then
		[[ $_rel_cw == 1 ]] && key=- && _rel_out+=(--version)
		_rel_out+=(--help)
		p=0
		while IFS= read -r line; do
			case $line in
			"o $key "*)
				_rel_split "$line"
				_rel_out+=("${_rel_t[2]}") ;;
			"x $key") p=1 ;;
			esac
		done <<<"$_rel_s"
		_rel_textopts "$p"
		# An option on several lines, or in the text too, once.
		pl=("${_rel_out[@]}")
		_rel_out=()
		for w in "${pl[@]}"; do
			case " ${_rel_out[*]} " in *" $w "*) ;; *) _rel_out+=("$w") ;; esac
		done
		return
	fi

	# The verb.
	if [[ $_rel_cw == 1 ]]; then
		while IFS= read -r line; do
			case $line in
			"v -") ;;
			"v "*) _rel_out+=("${line#v }") ;;
			esac
		done <<<"$_rel_s"
		return
	fi
	# The word after a verb that has some.
	if [[ -z $sub && $nops == 0 && $_rel_s == *$'\n'"s $verb "* ]]; then
		while IFS= read -r line; do
			case $line in
			"s $verb "*) _rel_out+=("${line#s "$verb" }") ;;
			esac
		done <<<"$_rel_s"
	fi

	# An operand: the placeholder at its place in the form.
	pl=()
	while IFS= read -r line; do
		case $line in
		"p $key "*)
			_rel_split "${line#p "$key" }"
			pl=("${_rel_t[@]}") ;;
		esac
	done <<<"$_rel_s"
	[[ ${#pl[@]} == 0 ]] && return
	k=0
	for ((i = 0; i < nops && k < ${#pl[@]}; i++)); do
		p=${pl[k]}
		# [STUDENT_ID] KIND: an operand that is a KIND was the second.
		if [[ $p == \?* && $((k + 1)) -lt ${#pl[@]} ]]; then
			_rel_out=()
			p=${pl[k + 1]#\?}
			_rel_values - "${p%\*}" ""
			for w in "${_rel_out[@]}"; do
				[[ $w == "${ops[i]}" ]] && k=$((k + 1))
			done
			_rel_out=()
		fi
		[[ $p != *\* ]] && k=$((k + 1))
	done
	[[ $k -ge ${#pl[@]} ]] && return
	p=${pl[k]#\?}
	p=${p%\*}
	case $p in
	ID)
		# rel-report student ID; rel-roster set KIND ID.
		w=$verb
		if [[ $k -gt 0 && ${pl[k - 1]#\?} == KIND ]]; then
			w=${ops[k - 1]-}
			w=${w%s}
		fi
		case $w in
		student | adult | group) _rel_ids "$w" "$cur" ;;
		esac ;;
	*) _rel_values - "$p" "$cur" ;;
	esac
	# [STUDENT_ID] KIND: either may come here.
	if [[ ${pl[k]} == \?* && $((k + 1)) -lt ${#pl[@]} ]]; then
		p=${pl[k + 1]#\?}
		_rel_values - "${p%\*}" "$cur"
	fi
}

# _rel_argof KEY OPT: what OPT takes in form KEY (or any form, or the
# text), as $_rel_a: a placeholder, or "-" for nothing.
_rel_argof() {
	local line any=- txt=-
	_rel_a=-
	while IFS= read -r line; do
		case $line in
		"o $1 $2 "*) _rel_a=${line##* }; return ;;
		"o "*" $2 "*) any=${line##* } ;;
		"c $2 "*) txt=${line##* } ;;
		esac
	done <<<"$_rel_s"
	[[ $any != - ]] && _rel_a=$any && return
	_rel_a=$txt
	[[ $2 == --db ]] && _rel_a=PATH
}

# _rel_textopts X: the options of the text: for every verb, unless some
# form has [FIELD OPTIONS] (then only for those: X is 1).
_rel_textopts() {
	local line
	if [[ $1 == 0 && $_rel_s == *$'\n'"x "* ]]; then
		return
	fi
	while IFS= read -r line; do
		case $line in
		"c "*)
			line=${line#c }
			_rel_out+=("${line%% *}") ;;
		esac
	done <<<"$_rel_s"
}

# The bash glue: COMP_WORDS in, COMPREPLY out.
if [[ -n ${BASH_VERSION-} ]]; then
	_rel_complete() {
		local cur IFS=$' \t\n' w i n
		local -a _rel_w _rel_out _rel_t
		local _rel_cw=$COMP_CWORD _rel_how _rel_s _rel_db _rel_roster
		local _rel_b _rel_a
		# bash splits --db=PATH into three words: join them again.
		_rel_w=()
		for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do
			w=${COMP_WORDS[i]}
			n=${#_rel_w[@]}
			if [[ $n -gt 0 && ${_rel_w[n - 1]} == --* &&
			    ( $w == = || ${_rel_w[n - 1]} == --*= ) ]]; then
				_rel_w[n - 1]+=$w
			else
				_rel_w+=("$w")
			fi
			[[ $i == "$COMP_CWORD" ]] && _rel_cw=$((${#_rel_w[@]} - 1))
		done
		cur=${_rel_w[_rel_cw]}
		_rel_cands
		COMPREPLY=()
		[[ $_rel_how != words ]] && compopt -o filenames 2>/dev/null
		case $_rel_how in
		files) while read -r w; do COMPREPLY+=("$w"); done \
		    < <(compgen -f -- "${cur#*=}") ;;
		dirs) while read -r w; do COMPREPLY+=("$w"); done \
		    < <(compgen -d -- "${cur#*=}") ;;
		*)
			[[ $cur == --*=* ]] && cur=${cur#*=}
			for w in "${_rel_out[@]}"; do
				[[ $w == "$cur"* ]] && COMPREPLY+=("$w")
			done ;;
		esac
	}
	# rel, and every rel-X on $PATH (bash-completion loads this file by
	# the name of the command being completed, so that one is there).
	complete -o bashdefault -o default -F _rel_complete rel
	while read -r _rel_c; do
		complete -o bashdefault -o default -F _rel_complete "$_rel_c"
	done < <(compgen -c rel- | sort -u)
	unset _rel_c
fi
