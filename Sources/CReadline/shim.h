#ifndef VMCS_INSPECT_CREADLINE_SHIM_H
#define VMCS_INSPECT_CREADLINE_SHIM_H
/* GNU readline, for the shell only. It is loaded with dlopen when the shell starts on a
 * terminal (or --version asks for its version) rather than linked: linked, it and libtinfo were
 * loaded and relocated on every start of every command (about 0.2 ms of a 4 ms `show`).
 * The header still gives the types; these wrappers call through a table of the library's
 * functions and variables, and Swift 6 cannot touch mutable C globals anyway. */
#include <dlfcn.h>
#include <signal.h>
#include <stdio.h>
#include <sys/signalfd.h>
#include <readline/readline.h>
#include <readline/history.h>

#define CREADLINE_STRING2(x) #x
#define CREADLINE_STRING(x) CREADLINE_STRING2(x)
/* The soname of the major version the header is from (libreadline.so.8 for readline 8.x). */
#define CREADLINE_SONAME "libreadline.so." CREADLINE_STRING(RL_VERSION_MAJOR)

/* Every function and variable the shell uses, in one X-macro list: (member, symbol). */
#define CREADLINE_FUNCTIONS(X)                                                                   \
    X(callback_handler_install, rl_callback_handler_install)                                     \
    X(callback_read_char, rl_callback_read_char)                                                 \
    X(callback_handler_remove, rl_callback_handler_remove)                                       \
    X(callback_sigcleanup, rl_callback_sigcleanup)                                               \
    X(free_line_state, rl_free_line_state)                                                       \
    X(echo_signal_char, rl_echo_signal_char)                                                     \
    X(crlf, rl_crlf)                                                                             \
    X(on_new_line, rl_on_new_line)                                                               \
    X(replace_line, rl_replace_line)                                                             \
    X(redisplay, rl_redisplay)                                                                   \
    X(completion_matches, rl_completion_matches)                                                 \
    X(add_history, add_history)                                                                  \
    X(history_get, history_get)                                                                  \
    X(stifle_history, stifle_history)                                                            \
    X(read_history, read_history)                                                                \
    X(write_history, write_history)                                                              \
    X(history_truncate_file, history_truncate_file)                                              \
    X(library_version, rl_library_version)                                                       \
    X(line_buffer, rl_line_buffer)                                                               \
    X(readline_name, rl_readline_name)                                                           \
    X(attempted_completion_function, rl_attempted_completion_function)                           \
    X(attempted_completion_over, rl_attempted_completion_over)                                   \
    X(catch_signals, rl_catch_signals)                                                           \
    X(history_length, history_length)                                                            \
    X(history_base, history_base)

/* A member per symbol: a pointer to the function, or to the variable. */
struct creadline_api {
#define CREADLINE_MEMBER(member, symbol) __typeof__(symbol) *member;
    CREADLINE_FUNCTIONS(CREADLINE_MEMBER)
#undef CREADLINE_MEMBER
};

/* The table, loaded on the first call; NULL when the library or one of its symbols is missing
 * (creadline_load() then says why). The shell runs on one thread. Each object file that calls
 * these static inline functions has its own copy of this state: the executable makes every
 * call from one Swift file (Shell/LineEditor.swift). */
static inline struct creadline_api *creadline_api_state(const char **error) {
    static struct creadline_api table;
    static int loaded, attempted;
    static const char *failure = "not loaded";
    if (!attempted) {
        attempted = 1;
        /* Only the major version the header describes (no unversioned fallback, which could be
         * another version, and whose failure would hide why this one failed). */
        void *library = dlopen(CREADLINE_SONAME, RTLD_NOW | RTLD_LOCAL);
        if (library == NULL) {
            /* dlerror's text lasts until the next failing dl call: keep a copy. */
            static char message[512];
            const char *text = dlerror();
            snprintf(message, sizeof message, "%s", text ? text : "dlopen failed");
            failure = message;
        } else {
            loaded = 1;
#define CREADLINE_LOAD(member, symbol)                                                           \
    table.member = (__typeof__(symbol) *)dlsym(library, #symbol);                                \
    if (table.member == NULL) {                                                                  \
        loaded = 0;                                                                              \
        failure = "a symbol is missing: " #symbol;                                               \
    }
            CREADLINE_FUNCTIONS(CREADLINE_LOAD)
#undef CREADLINE_LOAD
        }
    }
    if (error) *error = loaded ? NULL : failure;
    return loaded ? &table : NULL;
}

/* Loads readline; returns NULL on success, or why it could not be loaded. */
static inline const char *creadline_load(void) {
    const char *error = NULL;
    creadline_api_state(&error);
    return error;
}

/* The table; only called after creadline_load() succeeded. */
static inline struct creadline_api *creadline(void) { return creadline_api_state(NULL); }

/* The version string of the readline library loaded, or NULL when it cannot be loaded. */
static inline const char *creadline_library_version(void) {
    struct creadline_api *api = creadline();
    return api ? *api->library_version : NULL;
}

/* The line being edited, for completion. */
static inline const char *creadline_line_buffer(void) { return *creadline()->line_buffer; }

static inline void creadline_configure(const char *name, rl_completion_func_t *completer) {
    struct creadline_api *api = creadline();
    *api->readline_name = name;
    *api->attempted_completion_function = completer;
    /* The program reads SIGINT itself, through a signalfd, between keys (see ReadlineLines). */
    *api->catch_signals = 0;
}

/* The newest history entry, or NULL when there is none. */
static inline const char *creadline_last_history_line(void) {
    struct creadline_api *api = creadline();
    HIST_ENTRY *entry = *api->history_length > 0 ? api->history_get(*api->history_base + *api->history_length - 1) : NULL;
    return entry ? entry->line : NULL;
}

/* Tells readline not to fall back to file-name completion. */
static inline void creadline_completion_over(void) { *creadline()->attempted_completion_over = 1; }

static inline void creadline_callback_handler_install(const char *prompt, rl_vcpfunc_t *handler) {
    creadline()->callback_handler_install(prompt, handler);
}
static inline void creadline_callback_read_char(void) { creadline()->callback_read_char(); }
static inline void creadline_callback_handler_remove(void) { creadline()->callback_handler_remove(); }

/* Ctrl-C: drops the half-typed line and shows a fresh prompt. */
static inline void creadline_abandon_line(void) {
    struct creadline_api *api = creadline();
    api->free_line_state();
    api->callback_sigcleanup();
    api->echo_signal_char(SIGINT);
    api->crlf();
    api->on_new_line();
    api->replace_line("", 0);
    api->redisplay();
}

static inline char **creadline_completion_matches(const char *text, rl_compentry_func_t *generator) {
    return creadline()->completion_matches(text, generator);
}
static inline void creadline_add_history(const char *line) { creadline()->add_history(line); }
static inline void creadline_stifle_history(int limit) { creadline()->stifle_history(limit); }
static inline int creadline_read_history(const char *path) { return creadline()->read_history(path); }
static inline int creadline_write_history(const char *path) { return creadline()->write_history(path); }
static inline int creadline_history_truncate_file(const char *path, int lines) { return creadline()->history_truncate_file(path, lines); }

#endif
