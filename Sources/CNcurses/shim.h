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

// terminfo's setupterm, declared here rather than through term.h, whose capability macros
// (lines, columns, bell…) would shadow ordinary names.
extern int setupterm(const char *term, int filedes, int *errret);

/// Whether the terminal in $TERM can draw a full-screen view: 1 yes, 0 it cannot move the cursor
/// (terminfo has no `cup`: TERM=dumb, a hardcopy terminal), -1 terminfo does not know it.
static inline int rig_terminal_can_draw(void) {
    int error = 0;
    if (setupterm(NULL, 1, &error) != 0) return error == 1 ? 0 : -1;
    const char *cup = tigetstr("cup");
    return cup != NULL && cup != (const char *)-1;
}

/// Writes one cell: up to 4 code points of one grapheme, attributes and an extended colour pair.
static inline int rig_put_cell(int y, int x, const wchar_t *chars, attr_t attrs, int pair) {
    cchar_t cell;
    if (setcchar(&cell, chars, attrs, 0, &pair) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &cell);
}
/// Turns on mouse reporting for presses and wheel steps (no click timing, so a press is reported
/// at once); returns whether the terminal can report the mouse at all.
static inline int rig_mouse_on(void) {
    mouseinterval(0);
    mmask_t wanted = BUTTON1_PRESSED | BUTTON2_PRESSED | BUTTON3_PRESSED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
        | BUTTON5_PRESSED
#endif
        ;
    return mousemask(wanted, NULL) != 0;
}

/// Reads the pending mouse event after KEY_MOUSE: 1 left, 2 middle, 3 right press, 4 wheel up,
/// 5 wheel down; 0 for anything else (a release) or no event. Sets the cell's column and row.
static inline int rig_mouse_event(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) return 0;
    *x = event.x;
    *y = event.y;
    if (event.bstate & BUTTON1_PRESSED) return 1;
    if (event.bstate & BUTTON2_PRESSED) return 2;
    if (event.bstate & BUTTON3_PRESSED) return 3;
    if (event.bstate & BUTTON4_PRESSED) return 4;
#ifdef BUTTON5_PRESSED
    if (event.bstate & BUTTON5_PRESSED) return 5;
#endif
    return 0;
}
#endif
