#!/bin/sh
# configure stops with the Debian package to install when a library is
# missing: run it with pkg-config unable to see libp11, then ncursesw.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# A pkg-config search path holding every .pc file except the hidden one.
hide() {
	rm -rf "$tmp/pc" "$tmp/build"
	mkdir -p "$tmp/pc" "$tmp/build"
	for d in $(pkg-config --variable pc_path pkg-config | tr ':' ' '); do
		[ -d "$d" ] || continue
		for pc in "$d"/*.pc; do
			[ -f "$pc" ] || continue
			[ "$(basename "$pc")" = "$1" ] && continue
			[ -e "$tmp/pc/$(basename "$pc")" ] ||
			    ln -s "$pc" "$tmp/pc/"
		done
	done
}

# A source tree of our own: configure refuses a VPATH build next to an
# in-tree one, and stops at the library checks before reading the rest.
mkdir -p "$tmp/srcdir/src"
cp "$top_srcdir/configure" "$tmp/srcdir/"
cp "$top_srcdir/src/vanthu.c" "$tmp/srcdir/src/"
cp -R "$top_srcdir/build-aux" "$tmp/srcdir/"

hide libp11.pc
out=$(cd "$tmp/build" && PKG_CONFIG_LIBDIR="$tmp/pc" PKG_CONFIG_PATH= \
    "$tmp/srcdir/configure" -q 2>&1); rc=$?
t_ok "configure fails without libp11" test "$rc" -ne 0
t_match "the message names the package libp11-dev" \
    'install the package: libp11-dev' "$out"

hide ncursesw.pc
out=$(cd "$tmp/build" && PKG_CONFIG_LIBDIR="$tmp/pc" PKG_CONFIG_PATH= \
    "$tmp/srcdir/configure" -q 2>&1); rc=$?
t_ok "configure fails without ncursesw" test "$rc" -ne 0
t_match "the message names the package libncurses-dev" \
    'install the package: libncurses-dev' "$out"

# cmocka is for make check only: configure goes on past it with a
# warning (in this cut-down tree it stops later, at the Makefiles).
hide cmocka.pc
out=$(cd "$tmp/build" && PKG_CONFIG_LIBDIR="$tmp/pc" PKG_CONFIG_PATH= \
    "$tmp/srcdir/configure" -q 2>&1)
t_match "without cmocka configure warns that make check needs libcmocka-dev" \
    'WARNING: cmocka was not found.*libcmocka-dev' "$out"
t_match "and goes on to the MuPDF check" 'MuPDF|config.status|Makefile' "$out"
t_done
