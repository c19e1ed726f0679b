// Thin C shim over GNU GSL for Swift 6.
//
// 1. Swift 6 strict concurrency rejects GSL's global generator-type variables
//    (gsl_rng_mt19937, gsl_version …): they are exposed through static inline accessors.
// 2. GSL's own generators use only the low 32 bits of a seed. ketensim derives one
//    stream per (master seed, replication, purpose) and needs the full 64 bits, so it
//    registers its own gsl_rng_type: xoshiro256++ (Blackman & Vigna 2019; 256-bit state,
//    period 2^256 - 1, passes BigCrush and PractRand) whose state is filled from the
//    64-bit seed by SplitMix64. All gsl_ran_* samplers draw from it unchanged.
#ifndef KETENSIM_CGSL_SHIM_H
#define KETENSIM_CGSL_SHIM_H

#include <stdint.h>
#include <limits.h>
#include <gsl/gsl_version.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_qrng.h>

_Static_assert(sizeof(unsigned long) == 8, "ketensim needs a 64-bit unsigned long (LP64)");

typedef struct { uint64_t s[4]; } ketensim_xoshiro_state;

static inline uint64_t ketensim_splitmix64(uint64_t *x) {
    uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static inline uint64_t ketensim_rotl(const uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
}

static inline uint64_t ketensim_xoshiro_next(ketensim_xoshiro_state *st) {
    uint64_t *s = st->s;
    const uint64_t result = ketensim_rotl(s[0] + s[3], 23) + s[0];
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = ketensim_rotl(s[3], 45);
    return result;
}

static void ketensim_xoshiro_set(void *vstate, unsigned long int seed) {
    ketensim_xoshiro_state *st = (ketensim_xoshiro_state *)vstate;
    uint64_t x = (uint64_t)seed;
    for (int i = 0; i < 4; i++) st->s[i] = ketensim_splitmix64(&x);
}

static unsigned long int ketensim_xoshiro_get(void *vstate) {
    return (unsigned long int)ketensim_xoshiro_next((ketensim_xoshiro_state *)vstate);
}

/// Uniform on [0, 1) with 53 random bits.
static double ketensim_xoshiro_get_double(void *vstate) {
    return (double)(ketensim_xoshiro_next((ketensim_xoshiro_state *)vstate) >> 11) * 0x1.0p-53;
}

static const gsl_rng_type ketensim_xoshiro256pp_type = {
    "xoshiro256++",
    ULONG_MAX,
    0,
    sizeof(ketensim_xoshiro_state),
    &ketensim_xoshiro_set,
    &ketensim_xoshiro_get,
    &ketensim_xoshiro_get_double
};

static inline const gsl_rng_type *ketensim_rng_xoshiro256pp(void) { return &ketensim_xoshiro256pp_type; }
static inline const gsl_rng_type *ketensim_rng_mt19937(void) { return gsl_rng_mt19937; }
static inline const char *ketensim_gsl_version(void) { return GSL_VERSION; }

/// Turns GSL's abort-on-error handler off; callers check return values instead.
static inline void ketensim_gsl_quiet_errors(void) { gsl_set_error_handler_off(); }

/// GSL's Sobol quasi-random generator type (a global GSL variable: Swift 6 cannot read it
/// directly).
static inline const gsl_qrng_type *ketensim_qrng_sobol(void) { return gsl_qrng_sobol; }

#endif
