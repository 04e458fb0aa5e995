/*
 * fuzz.h: what every fuzz target shares.
 *
 * Each target is a libFuzzer entry point, LLVMFuzzerTestOneInput(), that
 * hands its bytes to one parser of untrusted input and checks what comes
 * out (an oracle failure is abort(): a crash to the fuzzer).  Built with
 * clang and -fsanitize=fuzzer (meson -Dfuzz=true) it is a libFuzzer
 * binary; otherwise driver.c gives it a main() that replays a corpus and
 * mutates it for a while (the fuzz-smoke suite).  See fuzz/README.md.
 */
#ifndef SYSATLAS_FUZZ_H
#define SYSATLAS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Messages of the code under test go nowhere (they would flood the log). */
void fuzz_quiet(void);

/* A private temporary directory, made once, removed at exit. */
const char *fuzz_tmpdir(void);

/*
 * Write data as the file rel in fuzz_tmpdir() (parent directories made);
 * returns its path (static storage, valid until the next call).  Aborts
 * when the file cannot be written: the fuzzer would test nothing.
 */
const char *fuzz_write(const char *rel, const void *data, size_t len);

/* An oracle failed: print why and abort(). */
void fuzz_fail(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/*
 * Split data at the first occurrence of sep: the part before it in a and
 * alen, the rest after it in b and blen (empty when sep is absent).
 */
void fuzz_split(const uint8_t *data, size_t size, const char *sep,
		const uint8_t **a, size_t *alen, const uint8_t **b, size_t *blen);

#endif
