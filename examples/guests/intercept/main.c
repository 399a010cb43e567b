// The `intercept` guest: an ordinary C program on wasi-libc, made a WASI 0.2
// `wasi:cli/command` by the preview1-to-component adapter. It prints what it
// gets from the interfaces examples/intercept overrides (`wasi:random/random`,
// `wasi:clocks/wall-clock`) and from some it does not (stdout, a file in a
// preopened directory), so an override shows in its output.
//
// The path of each call, guest to host:
//   getentropy                    -> random_get    -> wasi:random/random.get-random-bytes
//   clock_gettime(CLOCK_REALTIME) -> clock_time_get -> wasi:clocks/wall-clock.now
//   clock_getres(CLOCK_REALTIME)  -> clock_res_get  -> wasi:clocks/wall-clock.resolution
//   fopen/fgets                   -> path_open, fd_read -> wasi:filesystem/types
//   printf                        -> fd_write      -> wasi:cli/stdout, wasi:io/streams
// and `get-random-u64`, which no libc call reaches, through the world's own
// import (examples/intercept/wit/intercept.wit, world `guest`).
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "guest.h"

// The file the host preopens, as the guest sees it.
#define MESSAGE "/data/message.txt"

static void print_timespec(const char *what, const struct timespec *ts) {
    printf("%s: %lld.%09ld s\n", what, (long long)ts->tv_sec, (long)ts->tv_nsec);
}

int main(void) {
    for (int i = 0; i < 2; i++) {
        unsigned char bytes[8];
        if (getentropy(bytes, sizeof bytes) != 0) {
            printf("getentropy[%d]: %s\n", i, strerror(errno));
            return 1;
        }
        printf("getentropy[%d]:", i);
        for (size_t j = 0; j < sizeof bytes; j++) {
            printf(" %02x", bytes[j]);
        }
        printf("\n");
    }

    printf("get-random-u64: %016" PRIx64 "\n", wasi_random_random_get_random_u64());

    struct timespec now;
    if (clock_gettime(CLOCK_REALTIME, &now) != 0) {
        printf("clock_gettime: %s\n", strerror(errno));
        return 1;
    }
    print_timespec("clock_gettime(CLOCK_REALTIME)", &now);
    struct tm tm;
    char date[32];
    if (gmtime_r(&now.tv_sec, &tm) != NULL &&
        strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S UTC", &tm) > 0) {
        printf("  as a date: %s\n", date);
    }

    struct timespec res;
    if (clock_getres(CLOCK_REALTIME, &res) != 0) {
        printf("clock_getres: %s\n", strerror(errno));
        return 1;
    }
    print_timespec("clock_getres(CLOCK_REALTIME)", &res);

    FILE *f = fopen(MESSAGE, "r");
    if (f == NULL) {
        printf("%s: %s\n", MESSAGE, strerror(errno));
        return 0;
    }
    char line[256];
    while (fgets(line, sizeof line, f) != NULL) {
        printf("%s: %s", MESSAGE, line);
        if (line[strlen(line) - 1] != '\n') {
            printf("\n");
        }
    }
    fclose(f);
    return 0;
}
