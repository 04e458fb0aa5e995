# bash completion for sysatlas.
#
# The words come from the binary itself (`sysatlas __complete`), which
# prints the tables its commands parse their options with, so this file
# holds no list of commands, options or syscalls that could drift.

_sysatlas_words()
{
	"${_sysatlas_bin:-${COMP_WORDS[0]}}" __complete "$@" 2>/dev/null
}

# COMPREPLY from the words of argument kind $1 matching $2.
_sysatlas_arg()
{
	local kind=$1 cur=$2 w prefix
	case $kind in
	dir)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -d -- "$cur") ;;
	file)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
	index)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -W "$(_sysatlas_words words index)" -- "$cur"
					 compgen -f -- "$cur") ;;
	syscall)
		mapfile -t COMPREPLY < <(compgen -W "$(_sysatlas_words words syscall)" -- "$cur") ;;
	trace-set)
		# -e trace=a,b,%c: complete the last item of the list
		if [[ $cur != trace=* ]]; then
			mapfile -t COMPREPLY < <(compgen -W "trace=" -- "$cur")
			compopt -o nospace 2>/dev/null
			return
		fi
		prefix=trace=; cur=${cur#trace=}
		if [[ $cur == *,* ]]; then prefix+=${cur%,*},; cur=${cur##*,}; fi
		[[ $cur == '!'* ]] && { prefix+='!'; cur=${cur#!}; }
		mapfile -t COMPREPLY < <(compgen -P "$prefix" -W "$(_sysatlas_words words trace-set)" -- "$cur") ;;
	words:*)
		w=${kind#words:}
		mapfile -t COMPREPLY < <(compgen -W "${w//,/ }" -- "$cur")
		[[ ${COMPREPLY[0]} == *: ]] && compopt -o nospace 2>/dev/null ;;
	*)
		COMPREPLY=() ;;
	esac
}

_sysatlas()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=
	local cmd= i w kind spec operands= line
	local -A optkind=()

	(( COMP_CWORD > 0 )) && prev=${COMP_WORDS[COMP_CWORD-1]}
	COMPREPLY=()
	for (( i = 1; i < COMP_CWORD; i++ )); do
		w=${COMP_WORDS[i]}
		[[ $w == -* ]] && continue
		cmd=$w
		break
	done
	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			mapfile -t COMPREPLY < <(compgen -W "--help --version" -- "$cur")
		else
			mapfile -t COMPREPLY < <(compgen -W "$(_sysatlas_words commands)" -- "$cur")
		fi
		return
	fi
	if [[ $cmd == help ]]; then
		(( COMP_CWORD == i + 1 )) &&
			mapfile -t COMPREPLY < <(compgen -W "$(_sysatlas_words commands)" -- "$cur")
		return
	fi
	spec=$(_sysatlas_words options "$cmd") || return
	while read -r w kind; do
		if [[ $w == @operands ]]; then operands=$kind; else optkind[$w]=$kind; fi
	done <<<"$spec"

	# after the options of run/trace comes CMD: its words are its own
	local j=$((i + 1)) seen_dd=
	while (( j < COMP_CWORD )); do
		w=${COMP_WORDS[j]}
		if [[ $w == -- ]]; then seen_dd=1; j=$((j + 1)); break; fi
		if [[ $w == -* ]]; then
			kind=${optkind[$w]:-}
			[[ -n $kind && $kind != - && $w != *=* ]] && j=$((j + 1))
		elif [[ $operands == command ]]; then
			break
		fi
		j=$((j + 1))
	done
	if [[ $operands == command ]] && { [[ -n $seen_dd ]] || (( j < COMP_CWORD )); }; then
		if (( j == COMP_CWORD )); then
			mapfile -t COMPREPLY < <(compgen -c -- "$cur")
		elif declare -F _command_offset >/dev/null; then
			_command_offset "$j"
		else
			compopt -o filenames 2>/dev/null
			mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		fi
		return
	fi

	# an option's argument: "--opt VALUE", "--opt=VALUE"
	kind=${optkind[$prev]:-}
	if [[ -n $kind && $kind != - ]]; then
		_sysatlas_arg "$kind" "$cur"
		return
	fi
	if [[ $cur == --*=* ]]; then
		kind=${optkind[${cur%%=*}]:-}
		[[ -z $kind || $kind == - ]] && kind=${optkind[${cur%%=*}=]:-}
		_sysatlas_arg "$kind" "${cur#*=}"
		COMPREPLY=("${COMPREPLY[@]/#/${cur%%=*}=}")
		return
	fi
	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W "${!optkind[*]}" -- "$cur")
		[[ ${#COMPREPLY[@]} == 1 && ${COMPREPLY[0]} == *= ]] && compopt -o nospace 2>/dev/null
		return
	fi
	case $operands in
	command) mapfile -t COMPREPLY < <(compgen -c -- "$cur") ;;
	-|'') ;;
	*) _sysatlas_arg "$operands" "$cur" ;;
	esac
}

complete -F _sysatlas sysatlas
