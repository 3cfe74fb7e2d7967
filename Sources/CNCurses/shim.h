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
// share one copy of the flag. A parent may have started the program with signals blocked,
// which a new program inherits: these are unblocked, with ^Z's stop and the resize signal,
// or a closed terminal (SIGHUP) would go unnoticed and ^Z would not stop.
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
    sigset_t needed;
    sigemptyset(&needed);
    int signals[] = { SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGTSTP, SIGCONT, SIGWINCH };
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) sigaddset(&needed, signals[i]);
    sigprocmask(SIG_UNBLOCK, &needed, NULL);
}
static inline int dl_signal_pending(void) { return dl_caught_signal; }
static inline int dl_take_signal(void) {
    int signal = dl_caught_signal;
    dl_caught_signal = 0;
    return signal;
}

// The plain prompt: SIGINT only notes that it came, so ^C drops the line being typed or stops
// a long wait, as on the screen. While the prompt reads, a read it interrupts fails with EINTR;
// otherwise an interrupted call starts again, so no output is lost.
static volatile sig_atomic_t dl_interrupted = 0;
static void dl_note_interrupt(int signal) { (void)signal; dl_interrupted = 1; }
static inline void dl_catch_interrupts(int interrupt_reads) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = dl_note_interrupt;
    action.sa_flags = interrupt_reads ? 0 : SA_RESTART;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
}
static inline int dl_take_interrupt(void) {
    // One exchange, so that a ^C arriving between reading the flag and clearing it is kept.
    return __atomic_exchange_n(&dl_interrupted, 0, __ATOMIC_SEQ_CST);
}
#endif
