/** A token bucket small enough to live in a socket attachment or a storage value. */
export interface Bucket {
  tokens: number;
  at: number;
  /**
   * Refusals since the bucket last had a token to spare: a client that keeps sending into an empty
   * bucket is flooding, however slowly the server gets to its frames (a token refilled and spent at
   * once does not make it a new client).
   */
  refused?: number;
}

export interface BucketLimits {
  burst: number;
  perSecond: number;
}

export function fullBucket(limits: BucketLimits, now: number): Bucket {
  return { tokens: limits.burst, at: now };
}

/** The tokens `bucket` holds at `now` (ms), refilled by the time elapsed and capped at the burst. */
export function tokensAt(bucket: Bucket, limits: BucketLimits, now: number): number {
  // A clock behind the bucket's (another instance, after a restart) refills nothing rather than drains.
  return Math.min(limits.burst, bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * limits.perSecond);
}

/** Refills by elapsed time, then spends one token if there is one. Pure: returns the new bucket. */
export function takeToken(bucket: Bucket, limits: BucketLimits, now: number): { allowed: boolean; bucket: Bucket } {
  const refilled = tokensAt(bucket, limits, now);
  if (refilled < 1) return { allowed: false, bucket: { tokens: refilled, at: now, refused: (bucket.refused ?? 0) + 1 } };
  const spare = refilled - 1 >= 1;
  return { allowed: true, bucket: { tokens: refilled - 1, at: now, ...(spare || !bucket.refused ? {} : { refused: bucket.refused }) } };
}
