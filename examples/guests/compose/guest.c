// Guest for world `example:compose/app` (examples/compose/wit/app.wit), used
// by examples/compose.
//
// `run()` drives two host libraries at once and passes resource handles
// between them: it writes a file through `example:fs/files`, stores it in a
// bucket of `example:kv/store` by lending kv the fs handle (`put-file`),
// gets a new fs file back from kv (`export-to`) and uses it through fs,
// provokes each fs error, drops every handle, and returns a report of
// everything the hosts answered, one fact per line.
//
// No stdio: printf and friends would pull WASI imports into the component.
// Numbers are formatted by hand; malloc/realloc/free, strlen and memcpy are
// all this file needs from libc.
//
// Ownership (wit-bindgen C conventions): arguments to imports stay owned by
// the guest; values imports return are owned by the guest and freed here;
// the export's return value is freed by the generated post-return function.
// Own handles are dropped with `*_drop_own`; a borrow made from an own handle
// (`example_fs_files_borrow_file`) is not dropped.

#include <stdlib.h>
#include <string.h>

#include "app.h"

#include "buf.h"

// Bytes as a quoted string (the scenario only stores text).
static void buf_quoted(buf_t *b, const app_list_u8_t *bytes) {
  buf_str(b, "\"");
  buf_bytes(b, bytes->ptr, bytes->len);
  buf_str(b, "\"");
}

// ---------------------------------------------------------------------------
// Helpers over the imports.

static const char *ERROR_NAMES[] = {"not-found", "closed", "too-large"};

static void buf_error(buf_t *b, example_fs_files_error_code_t err) {
  buf_str(b, "error ");
  buf_str(b, err < 3 ? ERROR_NAMES[err] : "(unknown)");
}

typedef example_fs_files_own_file_t file_t;
typedef example_kv_store_own_bucket_t bucket_t;

static example_fs_files_borrow_file_t lend(file_t f) {
  return example_fs_files_borrow_file(f);
}

static example_kv_store_borrow_bucket_t lend_bucket(bucket_t b) {
  return example_kv_store_borrow_bucket(b);
}

static app_string_t wit_str(const char *s) {
  app_string_t out;
  app_string_set(&out, s);  // points at `s`, nothing to free
  return out;
}

static app_list_u8_t wit_bytes(const char *s) {
  app_list_u8_t out = {.ptr = (uint8_t *)s, .len = strlen(s)};
  return out;
}

// Appends the file's path to the report.
static void buf_path(buf_t *b, file_t f) {
  app_string_t path;
  example_fs_files_method_file_path(lend(f), &path);
  buf_wit(b, &path);
  app_string_free(&path);
}

// "fs: write N bytes to PATH -> size S" or "... -> error E".
static void write_line(buf_t *b, file_t f, const char *text) {
  app_list_u8_t data = wit_bytes(text);
  uint64_t size;
  example_fs_files_error_code_t err;
  bool ok = example_fs_files_method_file_write(lend(f), &data, &size, &err);
  buf_str(b, "fs: write ");
  buf_u64(b, data.len);
  buf_str(b, data.len == 1 ? " byte to " : " bytes to ");
  buf_path(b, f);
  buf_str(b, " -> ");
  if (ok) {
    buf_str(b, "size ");
    buf_u64(b, size);
  } else {
    buf_error(b, err);
  }
  buf_str(b, "\n");
}

// "fs: read PATH -> "..."" or "... -> error E".
static void read_line(buf_t *b, file_t f) {
  app_list_u8_t data;
  example_fs_files_error_code_t err;
  bool ok = example_fs_files_method_file_read(lend(f), &data, &err);
  buf_str(b, "fs: read ");
  buf_path(b, f);
  buf_str(b, " -> ");
  if (ok) {
    buf_quoted(b, &data);
    app_list_u8_free(&data);
  } else {
    buf_error(b, err);
  }
  buf_str(b, "\n");
}

// "kv: put-file KEY <- PATH -> N bytes" or "... -> error E".
static void put_file_line(buf_t *b, bucket_t bucket, const char *key,
                          file_t f) {
  app_string_t k = wit_str(key);
  uint64_t size;
  example_kv_store_error_code_t err;
  // kv gets a borrow of fs's handle.
  bool ok = example_kv_store_method_bucket_put_file(lend_bucket(bucket), &k,
                                                    lend(f), &size, &err);
  buf_str(b, "kv: put-file ");
  buf_str(b, key);
  buf_str(b, " <- ");
  buf_path(b, f);
  buf_str(b, " -> ");
  if (ok) {
    buf_u64(b, size);
    buf_str(b, " bytes");
  } else {
    buf_error(b, err);
  }
  buf_str(b, "\n");
}

// "kv: get KEY -> "..."" or "... -> none".
static void get_line(buf_t *b, bucket_t bucket, const char *key) {
  app_string_t k = wit_str(key);
  app_list_u8_t value;
  bool found = example_kv_store_method_bucket_get(lend_bucket(bucket), &k,
                                                  &value);
  buf_str(b, "kv: get ");
  buf_str(b, key);
  buf_str(b, " -> ");
  if (found) {
    buf_quoted(b, &value);
    app_list_u8_free(&value);
  } else {
    buf_str(b, "none");
  }
  buf_str(b, "\n");
}

// "kv: export-to KEY -> file PATH" (the file is returned, owned) or
// "... -> none" (returns false).
static bool export_line(buf_t *b, bucket_t bucket, const char *key,
                        file_t *out) {
  app_string_t k = wit_str(key);
  bool found = example_kv_store_method_bucket_export_to(lend_bucket(bucket),
                                                        &k, out);
  buf_str(b, "kv: export-to ");
  buf_str(b, key);
  buf_str(b, " -> ");
  if (found) {
    buf_str(b, "file ");
    buf_path(b, *out);
  } else {
    buf_str(b, "none");
  }
  buf_str(b, "\n");
  return found;
}

// "fs: open PATH -> file" (the file is returned, owned) or
// "... -> error E" (returns false).
static bool open_line(buf_t *b, const char *path, file_t *out) {
  app_string_t p = wit_str(path);
  example_fs_files_error_code_t err;
  bool ok = example_fs_files_open(&p, out, &err);
  buf_str(b, "fs: open ");
  buf_str(b, path);
  buf_str(b, " -> ");
  if (ok) {
    buf_str(b, "file");
  } else {
    buf_error(b, err);
  }
  buf_str(b, "\n");
  return ok;
}

// 64 bytes: more than the host's default file size limit.
#define TOO_MUCH "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

// ---------------------------------------------------------------------------

void exports_app_run(app_string_t *ret) {
  buf_t report = {0};
  size_t files_dropped = 0;

  // An fs file, written twice.
  app_string_t path = wit_str("notes.txt");
  file_t notes = example_fs_files_constructor_file(&path);
  buf_str(&report, "fs: created ");
  buf_path(&report, notes);
  buf_str(&report, "\n");
  write_line(&report, notes, "hello from C");
  write_line(&report, notes, ", twice");

  // A kv bucket: kv reads the fs file through a borrowed handle.
  app_string_t name = wit_str("docs");
  bucket_t docs = example_kv_store_constructor_bucket(&name);
  buf_str(&report, "kv: opened bucket docs\n");
  put_file_line(&report, docs, "notes", notes);
  get_line(&report, docs, "notes");

  // kv hands out a new fs file; fs reads and writes it.
  app_string_t key = wit_str("greeting");
  app_list_u8_t value = wit_bytes("hi there");
  example_kv_store_method_bucket_put(lend_bucket(docs), &key, &value);
  buf_str(&report, "kv: put greeting\n");
  file_t exported;
  if (export_line(&report, docs, "greeting", &exported)) {
    read_line(&report, exported);
    write_line(&report, exported, "!");
    read_line(&report, exported);
    example_fs_files_file_drop_own(exported);
    files_dropped++;
  }
  file_t none;
  if (export_line(&report, docs, "missing", &none)) {
    example_fs_files_file_drop_own(none);
    files_dropped++;
  }

  // A second handle on the same path sees the same bytes.
  file_t again;
  bool opened = open_line(&report, "notes.txt", &again);
  if (opened) {
    read_line(&report, again);
  }

  // Every fs error: a missing path, a write past the limit, a closed handle
  // (through fs, and through kv, which reports fs's error code).
  file_t missing;
  if (open_line(&report, "missing.txt", &missing)) {
    example_fs_files_file_drop_own(missing);
    files_dropped++;
  }
  write_line(&report, notes, TOO_MUCH);
  if (opened) {
    example_fs_files_method_file_close(lend(again));
    buf_str(&report, "fs: closed the second handle\n");
    read_line(&report, again);
    put_file_line(&report, docs, "closed", again);
    example_fs_files_file_drop_own(again);
    files_dropped++;
  }
  get_line(&report, docs, "closed");

  // A free function of kv.
  app_list_string_t names;
  example_kv_store_buckets(&names);
  buf_str(&report, "kv: buckets [");
  for (size_t i = 0; i < names.len; i++) {
    if (i) {
      buf_str(&report, ", ");
    }
    buf_wit(&report, &names.ptr[i]);
  }
  buf_str(&report, "]\n");
  app_list_string_free(&names);

  // Every handle still held.
  example_fs_files_file_drop_own(notes);
  files_dropped++;
  example_kv_store_bucket_drop_own(docs);
  buf_str(&report, "dropped ");
  buf_u64(&report, files_dropped);
  buf_str(&report, files_dropped == 1 ? " file" : " files");
  buf_str(&report, " and 1 bucket");

  buf_into_wit(&report, ret);
}
