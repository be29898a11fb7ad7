#ifndef RIGTOP_CNCURSES_SHIM_H
#define RIGTOP_CNCURSES_SHIM_H
// Wide-character curses (ncursesw): _XOPEN_SOURCE_EXTENDED exposes cchar_t, setcchar and wget_wch.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// curses' globals and function-like macros, as functions Swift can call without touching C
// globals from Swift (which strict concurrency rejects).
static inline WINDOW *rig_stdscr(void) { return stdscr; }
static inline int rig_colors(void) { return COLORS; }
static inline int rig_color_pairs(void) { return COLOR_PAIRS; }
static inline int rig_lines(void) { return LINES; }
static inline int rig_cols(void) { return COLS; }

/// Writes one cell: up to 4 code points of one grapheme, attributes and an extended colour pair.
static inline int rig_put_cell(int y, int x, const wchar_t *chars, attr_t attrs, int pair) {
    cchar_t cell;
    if (setcchar(&cell, chars, attrs, 0, &pair) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &cell);
}
#endif
