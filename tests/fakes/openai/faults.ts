/**
 * Scripted behaviours for the next requests, consumed in order (one per request); afterwards the
 * fake answers normally. Used by the provider tests, the fault-injection tests and the demo.
 */
export type FakeOpenAiBehaviour =
  /** message.refusal set, content null, as the model declining. */
  | 'refusal'
  /** 429 with Retry-After (and retry-after-ms), OpenAI's rate-limit body. */
  | 'rate_limit'
  /** 500 server_error. */
  | 'server_error'
  /** 503, as when the engine is overloaded. */
  | 'overloaded'
  /** Accept the request and never answer (a timeout for the client). */
  | 'hang'
  /** Content that is not JSON. */
  | 'not_json'
  /** JSON missing required fields. */
  | 'wrong_schema'
  /** A category that is not in the request's enum. */
  | 'unknown_category'
  /** finish_reason "length" with half a JSON document. */
  | 'truncated'
  /** finish_reason "content_filter", content null. */
  | 'content_filter';

export class BehaviourQueue {
  private readonly queue: FakeOpenAiBehaviour[] = [];

  push(...behaviours: FakeOpenAiBehaviour[]): void {
    this.queue.push(...behaviours);
  }

  repeat(behaviour: FakeOpenAiBehaviour, count: number): void {
    for (let index = 0; index < count; index += 1) this.queue.push(behaviour);
  }

  next(): FakeOpenAiBehaviour | undefined {
    return this.queue.shift();
  }

  clear(): void {
    this.queue.length = 0;
  }

  get pending(): number {
    return this.queue.length;
  }
}
