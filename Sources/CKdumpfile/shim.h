#ifndef VMCS_INSPECT_CKDUMPFILE_SHIM_H
#define VMCS_INSPECT_CKDUMPFILE_SHIM_H
/* libkdumpfile (Debian's libkdumpfile-dev 0.5.x; LGPL-3.0-or-later or GPL-2.0-or-later) reads
 * kdump-compressed (diskdump) files with every page compression makedumpfile writes. Its
 * attributes are unions and its page map a bitmap object: these helpers give Swift plain calls. */
#include <libkdumpfile/kdumpfile.h>
#include <stddef.h>
#include <stdint.h>

/* Opens the dump on `fd` (which the caller keeps open and closes after ckdump_close). Returns
 * NULL only when no context could be made; otherwise *status says whether the file was read. */
static inline kdump_ctx_t *ckdump_open(int fd, kdump_status *status) {
    kdump_ctx_t *ctx = kdump_new();
    if (ctx == NULL) {
        *status = KDUMP_ERR_SYSTEM;
        return NULL;
    }
    *status = kdump_open_fd(ctx, fd);
    return ctx;
}

static inline void ckdump_close(kdump_ctx_t *ctx) { kdump_free(ctx); }

/* The last error in words; never NULL. */
static inline const char *ckdump_error(kdump_ctx_t *ctx) {
    const char *text = kdump_get_err(ctx);
    return text != NULL ? text : "unknown error";
}

/* The file format's name ("diskdump", "elf", ...), or NULL. */
static inline const char *ckdump_format(kdump_ctx_t *ctx) {
    const char *text = NULL;
    return kdump_get_string_attr(ctx, KDUMP_ATTR_FILE_FORMAT, &text) == KDUMP_OK ? text : NULL;
}

/* The page size the dump is written in, or 0. */
static inline uint64_t ckdump_page_size(kdump_ctx_t *ctx) {
    kdump_num_t size = 0;
    return kdump_get_number_attr(ctx, KDUMP_ATTR_PAGE_SIZE, &size) == KDUMP_OK ? (uint64_t)size : 0;
}

/* The first page frame number at or after *pfn that the file holds; KDUMP_ERR_NODATA when
 * there is none. */
static inline kdump_status ckdump_next_present(kdump_ctx_t *ctx, uint64_t *pfn) {
    kdump_attr_t attr;
    attr.type = KDUMP_BITMAP;
    kdump_status status = kdump_get_typed_attr(ctx, KDUMP_ATTR_FILE_PAGEMAP, &attr);
    if (status != KDUMP_OK) return status;
    kdump_addr_t index = (kdump_addr_t)*pfn;
    status = kdump_bmp_find_set(attr.val.bitmap, &index);
    if (status == KDUMP_OK) *pfn = (uint64_t)index;
    return status;
}

/* Reads `length` bytes at machine-physical `address`; *done says how many were read. */
static inline kdump_status ckdump_read_physical(kdump_ctx_t *ctx, uint64_t address, void *buffer, size_t length, size_t *done) {
    size_t count = length;
    kdump_status status = kdump_read(ctx, KDUMP_MACHPHYSADDR, (kdump_addr_t)address, buffer, &count);
    *done = count;
    return status;
}

#endif
