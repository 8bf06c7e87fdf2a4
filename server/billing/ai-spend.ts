import { and, eq, sql } from 'drizzle-orm';
import { aiSpendDays } from '../../db/schema';
import type { Tx } from '../../db/tenant';
// The engine's pieces, not its index: the estimate must not load the summarizers (wink-nlp, the openai SDK).
import { estimateCostUsd } from '../summaries/engine/cost';
import { estimateTokens } from '../summaries/engine/openai/chunking';
import { OPENAI_DEFAULTS } from '../summaries/engine/openai/defaults';

/**
 * The daily AI spend cap. Before an AI call its cost is estimated and reserved against the
 * organization's cap for the UTC day, in one statement (so concurrent jobs can never reserve past
 * the cap); after the call the reservation is settled to the cost the provider reported. Work that
 * costs nothing (the offline summarizer, self-hosted models) is never reserved, so never capped.
 */

/** What one request adds beyond the transcript: instructions and response schema in, a full reply out. */
const PER_REQUEST_TOKENS = { input: 1_500, output: 1_500 };

/** The UTC day a moment counts against. */
export function aiSpendDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * A generous estimate of one summary's cost: the transcript once (chunked calls send it in parts,
 * then every part's notes again), plus each request's instructions and a full reply per request.
 */
export function estimateSummaryCostUsd(model: string, transcript: string, maxInputTokens: number = OPENAI_DEFAULTS.maxInputTokens): number {
  const transcriptTokens = estimateTokens(transcript);
  const chunks = transcriptTokens > maxInputTokens ? Math.ceil(transcriptTokens / maxInputTokens) : 0;
  const requests = chunks + 1;
  return estimateCostUsd(model, {
    inputTokens: transcriptTokens + requests * PER_REQUEST_TOKENS.input + chunks * PER_REQUEST_TOKENS.output,
    outputTokens: requests * PER_REQUEST_TOKENS.output,
  });
}

export type SpendReservation = { ok: true; reservedUsd: number } | { ok: false; spentUsd: number; reservedUsd: number; capUsd: number };

const usd = (amount: number) => amount.toFixed(6);

/**
 * Reserves `amountUsd` of the day's cap. Atomic: the row is only written while spent + reserved +
 * amount stays within the cap, so any number of concurrent reservations never add up past it.
 */
export async function reserveAiSpend(tx: Tx, input: { orgId: string; day: string; amountUsd: number; capUsd: number }): Promise<SpendReservation> {
  const rows = await tx.execute<{ reserved_usd: string }>(sql`
    insert into ai_spend_days (org_id, day, reserved_usd, cap_usd)
    select ${input.orgId}, ${input.day}, ${usd(input.amountUsd)}::numeric, ${usd(input.capUsd)}::numeric
    where ${usd(input.amountUsd)}::numeric <= ${usd(input.capUsd)}::numeric
    on conflict (org_id, day) do update
      set reserved_usd = ai_spend_days.reserved_usd + excluded.reserved_usd, cap_usd = excluded.cap_usd, updated_at = now()
      where ai_spend_days.spent_usd + ai_spend_days.reserved_usd + excluded.reserved_usd <= excluded.cap_usd
    returning reserved_usd`);
  if (rows.length > 0) return { ok: true, reservedUsd: input.amountUsd };
  const [day] = await tx
    .select({ spent: aiSpendDays.spentUsd, reserved: aiSpendDays.reservedUsd })
    .from(aiSpendDays)
    .where(and(eq(aiSpendDays.orgId, input.orgId), eq(aiSpendDays.day, input.day)));
  return { ok: false, spentUsd: Number(day?.spent ?? 0), reservedUsd: Number(day?.reserved ?? 0), capUsd: input.capUsd };
}

/**
 * Replaces a reservation with what was really spent (0 when the call failed). The real cost is
 * counted even if it passes the cap: it was spent, and it keeps the rest of the day's calls out.
 */
export async function settleAiSpend(tx: Tx, input: { orgId: string; day: string; reservedUsd: number; actualUsd: number }): Promise<void> {
  await tx.execute(sql`
    update ai_spend_days
    set reserved_usd = greatest(reserved_usd - ${usd(input.reservedUsd)}::numeric, 0),
        spent_usd = spent_usd + ${usd(Math.max(0, input.actualUsd))}::numeric,
        updated_at = now()
    where org_id = ${input.orgId} and day = ${input.day}`);
}

/** What the limit-reached summary says, in dollars and cents. */
export function aiSpendCapReason(capUsd: number): string {
  return `The organization's daily AI spend cap ($${capUsd.toFixed(2)} a day) is reached. New calls are summarized again from 00:00 UTC, or retry this one then.`;
}
