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

/* Draws one wide character with attributes and an extended colour pair (ncurses 6.1+ reads the
   pair from `opts`, so pairs above 32767 work on 256-colour terminals). */
static inline int nc_put_wch(int y, int x, const wchar_t *wch, attr_t attrs, int pair) {
    cchar_t cc;
    if (setcchar(&cc, wch, attrs, 0, &pair) == ERR) return ERR;
    return mvadd_wch(y, x, &cc);
}

/* Allocates a colour pair; extended pairs when the library has them. */
static inline int nc_init_pair(int pair, int fg, int bg) {
#if NCURSES_EXT_COLORS
    return init_extended_pair(pair, fg, bg);
#else
    return init_pair((short)pair, (short)fg, (short)bg);
#endif
}

/* Key codes are macros (KEY_F is function-like): constants Swift can see. */
static const int NC_KEY_CODE_YES = KEY_CODE_YES;
static const int NC_KEY_RESIZE = KEY_RESIZE;
static const int NC_KEY_UP = KEY_UP;
static const int NC_KEY_DOWN = KEY_DOWN;
static const int NC_KEY_LEFT = KEY_LEFT;
static const int NC_KEY_RIGHT = KEY_RIGHT;
static const int NC_KEY_ENTER = KEY_ENTER;
static const int NC_KEY_BACKSPACE = KEY_BACKSPACE;
static const int NC_KEY_DC = KEY_DC;
static const int NC_KEY_BTAB = KEY_BTAB;
static const int NC_KEY_NPAGE = KEY_NPAGE;
static const int NC_KEY_PPAGE = KEY_PPAGE;
static const int NC_KEY_HOME = KEY_HOME;
static const int NC_KEY_END = KEY_END;
static const int NC_KEY_F0 = KEY_F0;
static const int NC_OK = OK;
static const int NC_ERR = ERR;

#endif
