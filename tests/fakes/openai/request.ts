import { z } from 'zod';

/** The parts of a Chat Completions request body the fake reads, validated as the API would. */

const contentPart = z.object({ type: z.string(), text: z.string().optional() });
export const chatMessageSchema = z.object({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']),
  content: z.union([z.string(), z.array(contentPart), z.null()]),
});

const jsonSchemaFormat = z.object({
  type: z.literal('json_schema'),
  json_schema: z.object({
    name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'name must match ^[a-zA-Z0-9_-]{1,64}$'),
    schema: z.record(z.string(), z.unknown()),
    strict: z.boolean().nullable().optional(),
    description: z.string().optional(),
  }),
});

export const chatRequestSchema = z.object({
  model: z.string().min(1),
  messages: z.array(chatMessageSchema).min(1),
  response_format: z
    .union([
      jsonSchemaFormat,
      z.object({ type: z.literal('json_object') }),
      z.object({ type: z.literal('text') }),
    ])
    .optional(),
  stream: z.boolean().nullable().optional(),
  temperature: z.number().min(0).max(2).nullable().optional(),
  max_tokens: z.number().int().positive().nullable().optional(),
  max_completion_tokens: z.number().int().positive().nullable().optional(),
});
export type ChatRequest = z.infer<typeof chatRequestSchema>;

export function messageText(message: z.infer<typeof chatMessageSchema>): string {
  if (typeof message.content === 'string') return message.content;
  if (!message.content) return '';
  return message.content.map((part) => part.text ?? '').join('');
}

/**
 * Strict structured outputs require every object to list all its properties as required and to
 * set additionalProperties: false; the real API answers 400 otherwise. Returns the first problem.
 */
export function strictSchemaProblem(schema: unknown, path = '(root)'): string | undefined {
  if (!schema || typeof schema !== 'object') return undefined;
  const node = schema as Record<string, unknown>;
  const properties = node.properties as Record<string, unknown> | undefined;
  if (node.type === 'object' || properties) {
    if (node.additionalProperties !== false)
      return `In context=${path}, 'additionalProperties' is required to be supplied and to be false.`;
    const required = Array.isArray(node.required) ? (node.required as unknown[]) : [];
    for (const key of Object.keys(properties ?? {})) {
      if (!required.includes(key))
        return `In context=${path}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${key}'.`;
    }
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && value && typeof value === 'object') {
      for (const [name, child] of Object.entries(value as Record<string, unknown>)) {
        const problem = strictSchemaProblem(child, `${path}.${name}`);
        if (problem) return problem;
      }
    } else if (
      (key === 'items' || key === 'anyOf' || key === '$defs' || key === 'definitions') &&
      value &&
      typeof value === 'object'
    ) {
      for (const child of Array.isArray(value)
        ? value
        : key === 'items'
          ? [value]
          : Object.values(value as Record<string, unknown>)) {
        const problem = strictSchemaProblem(child, path);
        if (problem) return problem;
      }
    }
  }
  return undefined;
}
