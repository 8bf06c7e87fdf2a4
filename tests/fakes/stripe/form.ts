/**
 * Stripe's request encoding: application/x-www-form-urlencoded with bracketed keys for nesting,
 * e.g. `line_items[0][price]=price_1&metadata[orgId]=o1&lookup_keys[]=a`. stripe-node writes arrays
 * with indices (`[0]`); curl users often write `[]`. Both decode to arrays here.
 */

export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

export class FormDecodeError extends Error {}

type Node = string | Branch;
interface Branch {
  children: Map<string, Node>;
  /** Next index for `[]` pushes. */
  pushed: number;
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part.replaceAll('+', ' '));
  } catch {
    throw new FormDecodeError(`Invalid URL encoding: ${part}`);
  }
}

function keyPath(key: string): string[] {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (!match) throw new FormDecodeError(`Invalid parameter name: ${key}`);
  const rest = [...(match[2] ?? '').matchAll(/\[([^[\]]*)\]/g)].map((segment) => segment[1] ?? '');
  return [match[1]!, ...rest];
}

function insert(root: Branch, path: string[], value: string, fullKey: string): void {
  let branch = root;
  path.forEach((rawSegment, depth) => {
    const segment = rawSegment === '' ? String(branch.pushed++) : rawSegment;
    const last = depth === path.length - 1;
    const existing = branch.children.get(segment);
    if (last) {
      if (existing !== undefined && typeof existing !== 'string')
        throw new FormDecodeError(`Invalid hash: ${fullKey}`);
      branch.children.set(segment, value);
      return;
    }
    if (typeof existing === 'string') throw new FormDecodeError(`Invalid hash: ${fullKey}`);
    const next = existing ?? { children: new Map<string, Node>(), pushed: 0 };
    branch.children.set(segment, next);
    branch = next;
  });
}

function toValue(node: Node): FormValue {
  if (typeof node === 'string') return node;
  const keys = [...node.children.keys()];
  if (keys.length > 0 && keys.every((key) => /^\d+$/.test(key))) {
    return keys.sort((a, b) => Number(a) - Number(b)).map((key) => toValue(node.children.get(key)!));
  }
  const object: FormObject = Object.create(null) as FormObject;
  for (const key of keys) object[key] = toValue(node.children.get(key)!);
  return object;
}

export function parseStripeForm(text: string): FormObject {
  const root: Branch = { children: new Map(), pushed: 0 };
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const key = decode(equals === -1 ? pair : pair.slice(0, equals));
    const value = equals === -1 ? '' : decode(pair.slice(equals + 1));
    insert(root, keyPath(key), value, key);
  }
  const value = toValue(root);
  return typeof value === 'object' && !Array.isArray(value) ? value : (Object.create(null) as FormObject);
}

/** A stable text for comparing two requests' parameters (key order does not matter to Stripe). */
export function canonicalParams(value: FormValue): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalParams).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalParams(value[key]!)}`).join(',')}}`;
}
