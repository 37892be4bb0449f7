#ifndef VMCS_INSPECT_CREADLINE_SHIM_H
#define VMCS_INSPECT_CREADLINE_SHIM_H
#include <stdio.h>
#include <sys/signalfd.h>
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
    /* The program reads SIGINT itself, through a signalfd, between keys (see ReadlineLines). */
    rl_catch_signals = 0;
}

/* The newest history entry, or NULL when there is none. */
static inline const char *creadline_last_history_line(void) {
    HIST_ENTRY *entry = history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
    return entry ? entry->line : NULL;
}

/* Tells readline not to fall back to file-name completion. */
static inline void creadline_completion_over(void) { rl_attempted_completion_over = 1; }

#endif
