// Shared by the C guests: a growable byte buffer for building reports
// without stdio. Include after the world's generated header (`app.h`): it
// uses `app_string_t`.
#ifndef HOSTGEN_GUESTS_BUF_H
#define HOSTGEN_GUESTS_BUF_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// A growable byte buffer for building the report.

typedef struct {
  char *ptr;
  size_t len;
  size_t cap;
} buf_t;

static inline void buf_reserve(buf_t *b, size_t extra) {
  if (b->len + extra <= b->cap) {
    return;
  }
  size_t cap = b->cap ? b->cap : 256;
  while (cap < b->len + extra) {
    cap *= 2;
  }
  char *ptr = realloc(b->ptr, cap);
  if (!ptr) {
    abort();
  }
  b->ptr = ptr;
  b->cap = cap;
}

static inline void buf_bytes(buf_t *b, const void *s, size_t n) {
  buf_reserve(b, n);
  memcpy(b->ptr + b->len, s, n);
  b->len += n;
}

static inline void buf_str(buf_t *b, const char *s) { buf_bytes(b, s, strlen(s)); }

static inline void buf_wit(buf_t *b, const app_string_t *s) {
  buf_bytes(b, s->ptr, s->len);
}

static inline void buf_u64(buf_t *b, unsigned long long v) {
  char tmp[20];
  size_t n = 0;
  do {
    tmp[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  buf_reserve(b, n);
  while (n) {
    b->ptr[b->len++] = tmp[--n];
  }
}

// Hands the buffer over as a WIT string (the buffer's memory comes from
// realloc, so the generated post-return `free` releases it).
static inline void buf_into_wit(buf_t *b, app_string_t *out) {
  if (b->len == 0) {
    free(b->ptr);
    out->ptr = NULL;
    out->len = 0;
    return;
  }
  out->ptr = (uint8_t *)b->ptr;
  out->len = b->len;
}

#endif
