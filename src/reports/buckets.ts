/**
 * The report buckets (SPEC §11): counts are kept per 15-minute bucket of the clock, so every
 * time zone's offset is a whole number of buckets and a day in any zone is whole buckets.
 * Plain numbers only, so the tests that wait around a bucket's end can use them too.
 */

/** Bucket length (ms). */
export const BUCKET_MS = 15 * 60 * 1000;

/** The start (ms since the epoch) of the bucket holding `at` (ms since the epoch). */
export const bucketOf = (at: number): number => Math.floor(at / BUCKET_MS) * BUCKET_MS;
