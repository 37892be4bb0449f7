#ifndef VMCS_INSPECT_CKDUMPFILE_SHIM_H
#define VMCS_INSPECT_CKDUMPFILE_SHIM_H
/* libkdumpfile (Debian's libkdumpfile-dev 0.5.x; LGPL-3.0-or-later or GPL-2.0-or-later) reads
 * kdump-compressed (diskdump) files with every page compression makedumpfile writes. It is
 * loaded with dlopen on first use rather than linked: it and the four compression libraries
 * it brings would otherwise be loaded on every start, and the tool runs without it (only
 * kdump-compressed files then cannot be read). Its attributes are unions and its page map a
 * bitmap object: these helpers give Swift plain calls. */
#include <libkdumpfile/kdumpfile.h>
#include <dlfcn.h>
#include <stddef.h>
#include <stdint.h>

struct ckdump_api {
    kdump_ctx_t *(*new_ctx)(void);
    kdump_status (*open_fdset)(kdump_ctx_t *, unsigned, const int *);
    void (*free_ctx)(kdump_ctx_t *);
    const char *(*get_err)(kdump_ctx_t *);
    kdump_status (*get_typed_attr)(kdump_ctx_t *, const char *, kdump_attr_t *);
    kdump_status (*set_attr)(kdump_ctx_t *, const char *, const kdump_attr_t *);
    kdump_status (*bmp_find_set)(kdump_bmp_t *, kdump_addr_t *);
    kdump_status (*bmp_get_bits)(kdump_bmp_t *, kdump_addr_t, kdump_addr_t, unsigned char *);
    kdump_status (*read)(kdump_ctx_t *, kdump_addrspace_t, kdump_addr_t, void *, size_t *);
};

/* The table of libkdumpfile's functions, loaded on first call; its `read` member is NULL when
 * the library could not be loaded. Callers serialise every call into libkdumpfile (it is not
 * thread-safe), which covers this loading too. */
static inline struct ckdump_api *ckdump_api(void) {
    static struct ckdump_api table;
    static int tried;
    if (tried) return &table;
    tried = 1;
    void *library = dlopen("libkdumpfile.so.10", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) library = dlopen("libkdumpfile.so", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) return &table;
    struct ckdump_api loaded;
    loaded.new_ctx = (kdump_ctx_t * (*)(void)) dlsym(library, "kdump_new");
    loaded.open_fdset = (kdump_status(*)(kdump_ctx_t *, unsigned, const int *))dlsym(library, "kdump_open_fdset");
    loaded.free_ctx = (void (*)(kdump_ctx_t *))dlsym(library, "kdump_free");
    loaded.get_err = (const char *(*)(kdump_ctx_t *))dlsym(library, "kdump_get_err");
    loaded.get_typed_attr = (kdump_status(*)(kdump_ctx_t *, const char *, kdump_attr_t *))dlsym(library, "kdump_get_typed_attr");
    loaded.set_attr = (kdump_status(*)(kdump_ctx_t *, const char *, const kdump_attr_t *))dlsym(library, "kdump_set_attr");
    loaded.bmp_find_set = (kdump_status(*)(kdump_bmp_t *, kdump_addr_t *))dlsym(library, "kdump_bmp_find_set");
    loaded.bmp_get_bits = (kdump_status(*)(kdump_bmp_t *, kdump_addr_t, kdump_addr_t, unsigned char *))dlsym(library, "kdump_bmp_get_bits");
    loaded.read = (kdump_status(*)(kdump_ctx_t *, kdump_addrspace_t, kdump_addr_t, void *, size_t *))dlsym(library, "kdump_read");
    if (loaded.new_ctx && loaded.open_fdset && loaded.free_ctx && loaded.get_err && loaded.get_typed_attr && loaded.set_attr && loaded.bmp_find_set &&
        loaded.bmp_get_bits && loaded.read) {
        table = loaded;
    }
    return &table;
}

/* True when libkdumpfile could be loaded. */
static inline int ckdump_available(void) { return ckdump_api()->read != NULL; }

/* Opens the dump on `fd` (which the caller keeps open and closes after ckdump_close). Returns
 * NULL only when no context could be made (or libkdumpfile is missing: check
 * ckdump_available first); otherwise *status says whether the file was read. */
static inline kdump_ctx_t *ckdump_open(int fd, kdump_status *status) {
    if (!ckdump_available()) {
        *status = KDUMP_ERR_NOTIMPL;
        return NULL;
    }
    kdump_ctx_t *ctx = ckdump_api()->new_ctx();
    if (ctx == NULL) {
        *status = KDUMP_ERR_SYSTEM;
        return NULL;
    }
    /* Pages are read with read(2), never mmap(2): a page whose descriptor points past the end
     * of a truncated file then fails to read, where a mapping of it raises SIGBUS. */
    kdump_attr_t policy;
    policy.type = KDUMP_NUMBER;
    policy.val.number = KDUMP_MMAP_NEVER;
    *status = ckdump_api()->set_attr(ctx, KDUMP_ATTR_FILE_MMAP_POLICY, &policy);
    if (*status != KDUMP_OK) return ctx;
    *status = ckdump_api()->open_fdset(ctx, 1, &fd);
    return ctx;
}

static inline void ckdump_close(kdump_ctx_t *ctx) { ckdump_api()->free_ctx(ctx); }

/* The last error in words; never NULL. */
static inline const char *ckdump_error(kdump_ctx_t *ctx) {
    const char *text = ckdump_api()->get_err(ctx);
    return text != NULL ? text : "unknown error";
}

/* The file format's name ("diskdump", "elf", ...), or NULL. */
static inline const char *ckdump_format(kdump_ctx_t *ctx) {
    kdump_attr_t attr;
    attr.type = KDUMP_STRING;
    return ckdump_api()->get_typed_attr(ctx, KDUMP_ATTR_FILE_FORMAT, &attr) == KDUMP_OK ? attr.val.string : NULL;
}

/* The page size the dump is written in, or 0. */
static inline uint64_t ckdump_page_size(kdump_ctx_t *ctx) {
    kdump_attr_t attr;
    attr.type = KDUMP_NUMBER;
    return ckdump_api()->get_typed_attr(ctx, KDUMP_ATTR_PAGE_SIZE, &attr) == KDUMP_OK ? (uint64_t)attr.val.number : 0;
}

/* The first page frame number at or after *pfn that the file holds; KDUMP_ERR_NODATA when
 * there is none. */
static inline kdump_status ckdump_next_present(kdump_ctx_t *ctx, uint64_t *pfn) {
    kdump_attr_t attr;
    attr.type = KDUMP_BITMAP;
    kdump_status status = ckdump_api()->get_typed_attr(ctx, KDUMP_ATTR_FILE_PAGEMAP, &attr);
    if (status != KDUMP_OK) return status;
    kdump_addr_t index = (kdump_addr_t)*pfn;
    status = ckdump_api()->bmp_find_set(attr.val.bitmap, &index);
    if (status == KDUMP_OK) *pfn = (uint64_t)index;
    return status;
}

/* How many pages the file holds: the set bits of its page map among page frame numbers 0 to
 * `bits` - 1 (`bits` a multiple of 8), in *count. Its page descriptors are that many, in order. */
static inline kdump_status ckdump_count_present(kdump_ctx_t *ctx, uint64_t bits, uint64_t *count) {
    kdump_attr_t attr;
    attr.type = KDUMP_BITMAP;
    kdump_status status = ckdump_api()->get_typed_attr(ctx, KDUMP_ATTR_FILE_PAGEMAP, &attr);
    if (status != KDUMP_OK) return status;
    unsigned char raw[8192];
    uint64_t total = 0;
    for (uint64_t first = 0; first < bits; first += 8 * sizeof raw) {
        uint64_t length = bits - first < 8 * sizeof raw ? bits - first : 8 * sizeof raw;
        status = ckdump_api()->bmp_get_bits(attr.val.bitmap, (kdump_addr_t)first, (kdump_addr_t)(first + length - 1), raw);
        if (status != KDUMP_OK) return status;
        for (uint64_t i = 0; i < length / 8; i++) total += (uint64_t)__builtin_popcount(raw[i]);
    }
    *count = total;
    return KDUMP_OK;
}

/* Reads `length` bytes at machine-physical `address`; *done says how many were read. */
static inline kdump_status ckdump_read_physical(kdump_ctx_t *ctx, uint64_t address, void *buffer, size_t length, size_t *done) {
    size_t count = length;
    kdump_status status = ckdump_api()->read(ctx, KDUMP_MACHPHYSADDR, (kdump_addr_t)address, buffer, &count);
    *done = count;
    return status;
}

#endif
