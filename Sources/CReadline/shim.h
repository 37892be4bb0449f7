#ifndef VMCS_INSPECT_CREADLINE_SHIM_H
#define VMCS_INSPECT_CREADLINE_SHIM_H
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>
/* The version string of the readline library actually linked (a global, read once). */
static inline const char *creadline_library_version(void) { return rl_library_version; }
#endif
