// Guest for world `example:app/app` (wit/app.wit), used by examples/hello.
//
// `run(names)` greets every name through `greeter`, keeps a note per
// greeting through `notes`, exercises `notes.all/get/remove`, and returns a
// report of everything the host answered, one fact per line.
//
// No stdio: printf and friends would pull WASI imports into the component.
// Numbers are formatted by hand; malloc/realloc/free, strlen and memcpy are
// all this file needs from libc.
//
// Ownership (wit-bindgen C conventions): arguments to the export are owned
// by the guest and freed here; the export's return value is freed by the
// generated post-return function; arguments to imports stay owned by the
// guest; values imports return are owned by the guest and freed here.

#include <stdlib.h>
#include <string.h>

#include "app.h"

#include "buf.h"

static void buf_i64(buf_t *b, long long v) {
  if (v < 0) {
    buf_str(b, "-");
    // Negate in unsigned arithmetic so the most negative value works too.
    buf_u64(b, 0ULL - (unsigned long long)v);
  } else {
    buf_u64(b, (unsigned long long)v);
  }
}


// A WIT string copied from the buffer's contents (the buffer is kept).
static void buf_dup_wit(const buf_t *b, app_string_t *out) {
  app_string_dup_n(out, b->ptr, b->len);
}

// ---------------------------------------------------------------------------
// What each note gets, chosen by the greeting's index.

static const example_app_types_perms_t PERMS[] = {
    EXAMPLE_APP_TYPES_PERMS_READ,
    EXAMPLE_APP_TYPES_PERMS_READ | EXAMPLE_APP_TYPES_PERMS_WRITE,
    EXAMPLE_APP_TYPES_PERMS_READ | EXAMPLE_APP_TYPES_PERMS_WRITE |
        EXAMPLE_APP_TYPES_PERMS_SHARE,
    EXAMPLE_APP_TYPES_PERMS_WRITE | EXAMPLE_APP_TYPES_PERMS_SHARE,
};

static const example_app_types_level_t LEVELS[] = {
    EXAMPLE_APP_TYPES_LEVEL_LOW,
    EXAMPLE_APP_TYPES_LEVEL_NORMAL,
    EXAMPLE_APP_TYPES_LEVEL_URGENT,
};

static const char *LEVEL_NAMES[] = {"low", "normal", "urgent"};

static void buf_perms(buf_t *b, example_app_types_perms_t perms) {
  buf_str(b, perms & EXAMPLE_APP_TYPES_PERMS_READ ? "r" : "-");
  buf_str(b, perms & EXAMPLE_APP_TYPES_PERMS_WRITE ? "w" : "-");
  buf_str(b, perms & EXAMPLE_APP_TYPES_PERMS_SHARE ? "s" : "-");
}

static void buf_topic(buf_t *b, const example_app_types_topic_t *topic) {
  switch (topic->tag) {
    case EXAMPLE_APP_TYPES_TOPIC_GENERAL:
      buf_str(b, "general");
      break;
    case EXAMPLE_APP_TYPES_TOPIC_PERSON:
      buf_str(b, "person(");
      buf_wit(b, &topic->val.person.name);
      buf_str(b, ")");
      break;
    case EXAMPLE_APP_TYPES_TOPIC_NUMBERS:
      buf_str(b, "numbers([");
      for (size_t i = 0; i < topic->val.numbers.len; i++) {
        if (i) {
          buf_str(b, ", ");
        }
        buf_i64(b, topic->val.numbers.ptr[i]);
      }
      buf_str(b, "])");
      break;
  }
}

#define NO_SUCH_NOTE 9999u

// ---------------------------------------------------------------------------

void exports_app_run(app_list_string_t *names, app_string_t *ret) {
  buf_t report = {0};
  buf_t line = {0};
  app_string_t s;

  // One log line to start with.
  buf_str(&line, "run: starting with ");
  buf_u64(&line, names->len);
  buf_str(&line, names->len == 1 ? " name" : " names");
  buf_dup_wit(&line, &s);
  app_log(&s);
  app_string_free(&s);

  uint32_t first_id = 0;
  for (size_t i = 0; i < names->len; i++) {
    // The tags are ["guest", "idx-<i>"].
    line.len = 0;
    buf_str(&line, "idx-");
    buf_u64(&line, i);
    app_string_t tags[2];
    app_string_set(&tags[0], "guest");
    buf_dup_wit(&line, &tags[1]);

    example_app_types_person_t person = {
        .name = names->ptr[i],  // borrowed from `names`, not freed separately
        .age = (uint8_t)(20 + i),
        .tags = {.ptr = tags, .len = 2},
    };

    app_string_t greeting;
    example_app_greeter_greet(&person, &greeting);
    buf_str(&report, "greet[");
    buf_u64(&report, i);
    buf_str(&report, "]: ");
    buf_wit(&report, &greeting);
    buf_str(&report, "\n");

    // The note: its topic, perms and level cycle with the index.
    int32_t numbers[3] = {(int32_t)i, -(int32_t)i, 2147483647};
    example_app_types_topic_t topic;
    topic.tag = (uint8_t)(i % 3);
    if (topic.tag == EXAMPLE_APP_TYPES_TOPIC_PERSON) {
      topic.val.person = person;
    } else if (topic.tag == EXAMPLE_APP_TYPES_TOPIC_NUMBERS) {
      topic.val.numbers.ptr = numbers;
      topic.val.numbers.len = 3;
    }
    example_app_types_perms_t perms = PERMS[i % 4];
    example_app_types_level_t level = LEVELS[i % 3];

    line.len = 0;
    buf_str(&line, "note for ");
    buf_wit(&line, &names->ptr[i]);
    app_string_t text;
    buf_dup_wit(&line, &text);
    uint32_t id = example_app_notes_add(&text, &topic, perms, level);
    if (i == 0) {
      first_id = id;
    }
    buf_str(&report, "note[");
    buf_u64(&report, i);
    buf_str(&report, "]: id ");
    buf_u64(&report, id);
    buf_str(&report, " (");
    buf_topic(&report, &topic);
    buf_str(&report, ", ");
    buf_perms(&report, perms);
    buf_str(&report, ", ");
    buf_str(&report, LEVEL_NAMES[level]);
    buf_str(&report, ")\n");

    app_string_free(&text);
    app_string_free(&greeting);
    app_string_free(&tags[1]);
    // tags[0] points at a literal; the name belongs to `names`.
  }

  // Every note, oldest first.
  app_list_string_t all;
  example_app_notes_all(&all);
  buf_str(&report, "all: ");
  buf_u64(&report, all.len);
  buf_str(&report, all.len == 1 ? " note\n" : " notes\n");
  for (size_t i = 0; i < all.len; i++) {
    buf_str(&report, "  - ");
    buf_wit(&report, &all.ptr[i]);
    buf_str(&report, "\n");
  }
  app_list_string_free(&all);

  // get: an existing note (if any were added) and a missing one.
  uint32_t get_ids[2] = {first_id, NO_SUCH_NOTE};
  for (size_t k = names->len ? 0 : 1; k < 2; k++) {
    app_string_t text;
    bool found = example_app_notes_get(get_ids[k], &text);
    buf_str(&report, "get(");
    buf_u64(&report, get_ids[k]);
    buf_str(&report, "): ");
    if (found) {
      buf_str(&report, "some(");
      buf_wit(&report, &text);
      buf_str(&report, ")\n");
      app_string_free(&text);
    } else {
      buf_str(&report, "none\n");
    }
  }

  // remove: the same two ids; the second must fail with the host's message.
  for (size_t k = names->len ? 0 : 1; k < 2; k++) {
    app_string_t err;
    bool ok = example_app_notes_remove(get_ids[k], &err);
    buf_str(&report, "remove(");
    buf_u64(&report, get_ids[k]);
    buf_str(&report, "): ");
    if (ok) {
      buf_str(&report, "ok\n");
    } else {
      buf_str(&report, "err(");
      buf_wit(&report, &err);
      buf_str(&report, ")\n");
      app_string_free(&err);
    }
  }

  // One fact per line, without a newline after the last.
  if (report.len && report.ptr[report.len - 1] == '\n') {
    report.len--;
  }

  free(line.ptr);
  app_list_string_free(names);
  buf_into_wit(&report, ret);
}
