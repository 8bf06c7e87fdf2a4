import type { EngagementDetail } from '../../../server/contract/api';

/**
 * The detail to show when a response arrives while another is on screen: a refetch answered after the
 * live event that finished the work carries a lower revision, and must not put the older state back.
 */
export function newerDetail(held: EngagementDetail | null | undefined, incoming: EngagementDetail): EngagementDetail {
  if (held && held.engagement.id === incoming.engagement.id && incoming.revision < held.revision) return held;
  return incoming;
}
