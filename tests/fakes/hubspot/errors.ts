import { randomUUID } from 'node:crypto';
import type { Response } from 'express';

/**
 * HubSpot's error body: { status: 'error', message, correlationId, category, ... }. Rate-limit
 * answers carry errorType/policyName instead of a category.
 */

export type HubSpotErrorCategory =
  | 'VALIDATION_ERROR'
  | 'OBJECT_NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_AUTHENTICATION'
  | 'EXPIRED_AUTHENTICATION'
  | 'MISSING_SCOPES'
  | 'RATE_LIMITS';

export function sendError(res: Response, status: number, category: HubSpotErrorCategory, message: string, extra: Record<string, unknown> = {}): void {
  res.status(status).json({ status: 'error', message, correlationId: randomUUID(), category, ...extra });
}

/** The shape of HubSpot's "Property values were not valid" message: a JSON list after a prefix. */
export interface PropertyProblem {
  name: string;
  error: string;
  message: string;
}

export function sendPropertyErrors(res: Response, problems: PropertyProblem[]): void {
  const detail = problems.map((problem) => ({ isValid: false, message: problem.message, error: problem.error, name: problem.name }));
  sendError(res, 400, 'VALIDATION_ERROR', `Property values were not valid: ${JSON.stringify(detail)}`);
}

export function sendRateLimited(res: Response, policy: 'TEN_SECONDLY_ROLLING' | 'SECONDLY' | 'DAILY', portalId: string, retryAfterSeconds: number): void {
  const message =
    policy === 'SECONDLY'
      ? 'You have reached your secondly limit.'
      : policy === 'DAILY'
        ? 'You have reached your daily limit.'
        : 'You have reached your ten_secondly_rolling limit.';
  res
    .status(429)
    .setHeader('Retry-After', String(retryAfterSeconds))
    .json({
      status: 'error',
      message,
      errorType: 'RATE_LIMIT',
      correlationId: randomUUID(),
      policyName: policy,
      groupName: `publicapi:oauth-api-calls-${policy.toLowerCase()}:${portalId}`,
    });
}
