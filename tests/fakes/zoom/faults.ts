/**
 * Fault injection for the fake Zoom's API host (/v2/...). Each fault applies to the next N matching
 * requests, in the order faults were added; `pathPrefix` narrows it (e.g. '/v2/contact_center/engagements').
 */

export type ApiFault =
  | { kind: 'rate_limit'; retryAfterSeconds: number | null; rateLimitType: 'QPS' | 'Daily-limit' }
  | { kind: 'server_error'; status: number }
  | { kind: 'hang' };

interface Pending {
  fault: ApiFault;
  remaining: number;
  pathPrefix: string;
}

export class FaultPlan {
  private pending: Pending[] = [];
  /** Transcript downloads that answer 404 (Zoom has not finished the file) before the real one. */
  transcriptNotReady = 0;

  /** The next `count` matching API requests answer 429 (Retry-After in seconds; null sends none). */
  rateLimit(
    count: number,
    options: {
      retryAfterSeconds?: number | null;
      rateLimitType?: 'QPS' | 'Daily-limit';
      pathPrefix?: string;
    } = {},
  ): void {
    this.add(count, options.pathPrefix, {
      kind: 'rate_limit',
      retryAfterSeconds: options.retryAfterSeconds === undefined ? 1 : options.retryAfterSeconds,
      rateLimitType: options.rateLimitType ?? 'QPS',
    });
  }

  /** The next `count` matching API requests answer a 5xx. */
  serverError(count: number, options: { status?: number; pathPrefix?: string } = {}): void {
    this.add(count, options.pathPrefix, { kind: 'server_error', status: options.status ?? 503 });
  }

  /** The next `count` matching API requests never get an answer (until the fake closes). */
  hang(count: number, options: { pathPrefix?: string } = {}): void {
    this.add(count, options.pathPrefix, { kind: 'hang' });
  }

  /** The next `count` transcript downloads answer 404, as while Zoom is still producing the file. */
  transcriptNotReadyFor(count: number): void {
    this.transcriptNotReady = count;
  }

  clear(): void {
    this.pending = [];
    this.transcriptNotReady = 0;
  }

  /** Consumes and returns the fault for this request, if any. */
  take(path: string): ApiFault | undefined {
    const match = this.pending.find((entry) => entry.remaining > 0 && path.startsWith(entry.pathPrefix));
    if (!match) return undefined;
    match.remaining -= 1;
    this.pending = this.pending.filter((entry) => entry.remaining > 0);
    return match.fault;
  }

  private add(count: number, pathPrefix = '/v2/', fault: ApiFault): void {
    if (count > 0) this.pending.push({ fault, remaining: count, pathPrefix });
  }
}
