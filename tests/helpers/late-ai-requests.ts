import type postgres from 'postgres';
import type { FakeOpenAi } from '../fakes/openai';
import type { FakeCall } from '../fakes/zoom';

/**
 * AI requests made for a call after its summary already existed: each one is a wasted (and billed)
 * duplicate. A request belongs to the call whose sentence (one no other call has) it contains.
 */
export async function lateAiRequests(
  owner: postgres.Sql,
  openai: FakeOpenAi,
  calls: readonly FakeCall[],
): Promise<FakeOpenAi['requests']> {
  const readyAt = new Map(
    (
      await owner<{ zoom_engagement_id: string; ready_at: Date }[]>`
      select e.zoom_engagement_id, s.ready_at from summaries s join engagements e on e.id = s.engagement_id`
    ).map((r) => [r.zoom_engagement_id, new Date(r.ready_at).getTime()]),
  );
  const textCount = new Map<string, number>();
  for (const call of calls)
    for (const turn of new Set(call.script.turns.map((t) => t.text)))
      textCount.set(turn, (textCount.get(turn) ?? 0) + 1);
  const marker = new Map(
    calls.map((call) => [
      call.engagement.id,
      call.script.turns.map((t) => t.text).find((text) => textCount.get(text) === 1 && !/[@\d]/.test(text)),
    ]),
  );
  return openai.requests.filter((request) => {
    const text = request.messages.map((m) => m.content).join('\n');
    const owner = calls.find(
      (call) => marker.get(call.engagement.id) && text.includes(marker.get(call.engagement.id)!),
    );
    return owner !== undefined && request.receivedAt > (readyAt.get(owner.engagement.id) ?? Infinity);
  });
}
