#ifndef VMCS_INSPECT_CREADLINE_SHIM_H
#define VMCS_INSPECT_CREADLINE_SHIM_H
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include <readline/readline.h>
#include <readline/history.h>

/* Readline keeps its settings in globals; Swift 6 does not let code touch mutable C globals,
   so these accessors do. */

/* The version string of the readline library actually linked. */
static inline const char *creadline_library_version(void) { return rl_library_version; }

/* The line being edited, for completion. */
static inline const char *creadline_line_buffer(void) { return rl_line_buffer; }

static inline void creadline_configure(const char *name, rl_completion_func_t *completer) {
    rl_readline_name = name;
    rl_attempted_completion_function = completer;
    /* The program handles SIGINT itself (see creadline_install_interrupt_handler). */
    rl_catch_signals = 0;
}

/* Tells readline not to fall back to file-name completion. */
static inline void creadline_completion_over(void) { rl_attempted_completion_over = 1; }

/* Ctrl-C abandons the line being typed and shows a fresh prompt; the session goes on. */
static void creadline_on_interrupt(int signal_number) {
    (void)signal_number;
    if (write(STDOUT_FILENO, "^C\n", 3) < 0) { /* nothing to do */ }
    rl_on_new_line();
    rl_replace_line("", 0);
    rl_redisplay();
}

static inline void creadline_install_interrupt_handler(void) { signal(SIGINT, creadline_on_interrupt); }
#endif
