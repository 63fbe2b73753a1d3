/* The C boundary of rnnlab: ncursesw with wide characters, plus getters for the C globals and
   constants for the attribute macros that Swift cannot import. See ../shared/NCURSES.md. */
#ifndef RNNLAB_CNCURSES_SHIM_H
#define RNNLAB_CNCURSES_SHIM_H

#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <wchar.h>
#include <signal.h>
#include <unistd.h>
#if __has_include(<ncursesw/curses.h>)
#include <ncursesw/curses.h>
#include <ncursesw/term.h>
#else
#include <curses.h>
#include <term.h>
#endif

static inline WINDOW *nc_stdscr(void)      { return stdscr; }
static inline int     nc_lines(void)       { return LINES; }
static inline int     nc_cols(void)        { return COLS; }
static inline int     nc_colors(void)      { return COLORS; }
static inline int     nc_color_pairs(void) { return COLOR_PAIRS; }
static inline SCREEN *nc_newterm(const char *type) { return newterm(type, stdout, stdin); }

static inline bool nc_has_cursor_addressing(void) {
    const char *cup = tigetstr("cup");
    return cup != NULL && cup != (const char *)-1;
}
static inline void nc_getmaxyx(WINDOW *w, int *y, int *x) { getmaxyx(w, *y, *x); }

static const attr_t NC_A_NORMAL = A_NORMAL;
static const attr_t NC_A_BOLD = A_BOLD;
static const attr_t NC_A_DIM = A_DIM;
static const attr_t NC_A_REVERSE = A_REVERSE;
static const attr_t NC_A_UNDERLINE = A_UNDERLINE;
static const attr_t NC_A_ITALIC = A_ITALIC;

static inline const char *nc_codeset(void) { return nl_langinfo(CODESET); }

#endif
