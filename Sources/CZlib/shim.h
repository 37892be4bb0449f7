#ifndef VMCS_INSPECT_CZLIB_SHIM_H
#define VMCS_INSPECT_CZLIB_SHIM_H
#include <zlib.h>

/* inflateInit2 is a macro Swift cannot call: this takes gzip or zlib framing alike (15 + 32). */
static inline int czlib_inflate_init_auto(z_stream *stream) {
    return inflateInit2(stream, 15 + 32);
}

#endif
