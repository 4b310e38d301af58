# bash completion for vanthu(1): commands, subcommands, options, and the
# ids of documents and drafts from the offline copy (no network is used).
# Installed as /usr/share/bash-completion/completions/vanthu.

# The first words of the indented lines after HEADING in the English help
# text of "vanthu ARGS --help".
_vanthu_help_words()
{
	local heading=$1
	shift
	LC_ALL=C LANGUAGE= "$_vanthu_prog" "$@" --help 2>/dev/null |
	    awk -v h="$heading" '
		$0 == h { on = 1; next }
		on && /^  [a-z]/ { print $1; next }
		on && !/^  / { on = 0 }'
}

# The long and short options in "vanthu ARGS --help".
_vanthu_options()
{
	LC_ALL=C LANGUAGE= "$_vanthu_prog" "$@" --help 2>/dev/null |
	    grep -oE '(^|[ [,])--?[a-zA-Z][a-zA-Z0-9-]*' |
	    sed 's/^[ [,]//' | sort -u
}

# Ids of the cached incoming documents (KIND=inbox) or drafts (drafts).
_vanthu_ids()
{
	local args=(inbox --offline --json)
	[ "$1" = drafts ] && args=(drafts --all --offline --json)
	"$_vanthu_prog" "${args[@]}" 2>/dev/null |
	    grep -oE '"id": *"[^"]*"' | sed 's/.*"\([^"]*\)"$/\1/'
}

_vanthu()
{
	local cur prev words cword
	_init_completion -n = || return
	_vanthu_prog=${words[0]}

	# Skip the global options to find the command.
	local i cmd= sub= nargs=0
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		-c | --config | -s | --server | --ca-file) ((i++)) ;;
		-*) ;;
		*)
			if [ -z "$cmd" ]; then
				cmd=${words[i]}
			elif [ -z "$sub" ]; then
				sub=${words[i]}
				nargs=1
			else
				((nargs++))
			fi
			;;
		esac
	done

	case $prev in
	-c | --config | --ca-file | -o | --output | --image | --module | \
	    -m | --password-file | --trust-file | --file)
		_filedir
		return
		;;
	esac

	if [ -z "$cmd" ]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "$(_vanthu_options)" -- "$cur"))
		else
			COMPREPLY=($(compgen -W \
			    "$(_vanthu_help_words Commands:)" -- "$cur"))
		fi
		return
	fi
	if [[ $cur == -* ]]; then
		local opts
		if [ "$cmd" = draft ] && [ -n "$sub" ]; then
			opts=$(_vanthu_options draft "$sub")
		else
			opts=$(_vanthu_options "$cmd")
		fi
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return
	fi
	case $cmd in
	draft)
		if [ -z "$sub" ]; then
			COMPREPLY=($(compgen -W \
			    "$(_vanthu_help_words Subcommands: draft)" -- "$cur"))
		elif [ "$nargs" -eq 1 ]; then
			COMPREPLY=($(compgen -W "$(_vanthu_ids drafts)" -- \
			    "$cur"))
		else
			_filedir
		fi
		;;
	get)
		[ -z "$sub" ] && COMPREPLY=($(compgen -W \
		    "$(_vanthu_ids inbox) $(_vanthu_ids drafts)" -- "$cur"))
		;;
	assign | comment | complete | forward | return | show | \
	    register | refuse)
		if [ -z "$sub" ]; then
			COMPREPLY=($(compgen -W "$(_vanthu_ids inbox)" -- \
			    "$cur"))
		fi
		;;
	outbox)
		[ -z "$sub" ] && COMPREPLY=($(compgen -W "flush drop" -- "$cur"))
		;;
	token)
		[ -z "$sub" ] && COMPREPLY=($(compgen -W "list" -- "$cur"))
		;;
	sign | verify | convert)
		_filedir
		;;
	esac
}
complete -F _vanthu vanthu
