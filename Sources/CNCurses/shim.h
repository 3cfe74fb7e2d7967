#ifndef DYNAMO_CNCURSES_SHIM_H
#define DYNAMO_CNCURSES_SHIM_H
// Without pkg-config's _XOPEN_SOURCE, ask for the wide-character API explicitly.
#define NCURSES_WIDECHAR 1
#include <ncursesw/curses.h>
#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <string.h>
#include <wchar.h>

extern int wcwidth(wchar_t);

// Macros and casts Swift cannot import.
static inline attr_t dl_attr_bold(void) { return A_BOLD; }
static inline attr_t dl_attr_dim(void) { return A_DIM; }
static inline attr_t dl_attr_reverse(void) { return A_REVERSE; }
static inline attr_t dl_attr_underline(void) { return A_UNDERLINE; }
static inline int dl_rows(WINDOW *window) { return getmaxy(window); }
static inline int dl_columns(WINDOW *window) { return getmaxx(window); }
static inline int dl_set_attributes(WINDOW *window, attr_t attributes, short pair) {
    return wattr_set(window, attributes, pair, NULL);
}
static inline int dl_put(WINDOW *window, int y, int x, const char *text) {
    return mvwaddstr(window, y, x, text);
}

// Signals that end the program: the handler only records which one arrived, and the main
// loop restores the terminal and leaves. Call both functions from one Swift file, so they
// share one copy of the flag.
static volatile sig_atomic_t dl_caught_signal = 0;
static void dl_record_signal(int signal) { dl_caught_signal = signal; }
static inline void dl_watch_signals(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = dl_record_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
    sigaction(SIGQUIT, &action, NULL);
}
static inline int dl_signal_pending(void) { return dl_caught_signal; }
static inline int dl_take_signal(void) {
    int signal = dl_caught_signal;
    dl_caught_signal = 0;
    return signal;
}

// The plain prompt: while it reads a line, SIGINT only interrupts the read, which then fails
// with EINTR; otherwise SIGINT ends the process, as it does any command line program.
static void dl_ignore_signal(int signal) { (void)signal; }
static inline void dl_interrupt_reads(int reading) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = reading ? dl_ignore_signal : SIG_DFL;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
}
#endif
