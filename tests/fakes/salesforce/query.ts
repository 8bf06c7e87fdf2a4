import { SCHEMA, type SalesforceError } from './schema';
import type { FieldValue, SObjectName } from './state';

/**
 * The slice of SOQL and SOSL the fake understands, parsed properly (quoted strings with escapes)
 * rather than pattern-matched:
 *   SELECT f, ... FROM Obj [WHERE f = v [AND f != v ...]] [ORDER BY f [ASC|DESC]] [LIMIT n]
 *   FIND {term} [IN ALL|NAME|EMAIL|PHONE FIELDS] RETURNING Obj(f, ... [WHERE ...] [LIMIT n]), ...
 * Anything else is answered with MALFORMED_QUERY / MALFORMED_SEARCH, as Salesforce would.
 */

export interface Condition {
  field: string;
  operator: '=' | '!=';
  value: FieldValue;
}

export interface SoqlQuery {
  object: SObjectName;
  fields: string[];
  where: Condition[];
  orderBy?: { field: string; descending: boolean };
  limit?: number;
}

export interface SoslSearch {
  term: string;
  scope: 'ALL' | 'NAME' | 'EMAIL' | 'PHONE';
  returning: Array<{ object: SObjectName; fields: string[]; where: Condition[]; limit?: number }>;
}

export class QueryError extends Error {
  constructor(readonly error: SalesforceError) {
    super(error.message);
  }
}

type Token = { kind: 'word' | 'string' | 'number' | 'symbol'; text: string };

function tokenize(input: string, errorCode: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const char = input.charAt(i);
    if (/\s/.test(char)) {
      i += 1;
    } else if (char === "'") {
      let value = '';
      i += 1;
      while (i < input.length && input.charAt(i) !== "'") {
        if (input.charAt(i) === '\\') {
          const next = input.charAt(i + 1);
          value += ({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[next] ?? next;
          i += 2;
        } else {
          value += input.charAt(i);
          i += 1;
        }
      }
      if (i >= input.length) throw new QueryError({ errorCode, message: 'unexpected end of string literal', fields: [] });
      i += 1;
      tokens.push({ kind: 'string', text: value });
    } else if (char === '!' && input.charAt(i + 1) === '=') {
      tokens.push({ kind: 'symbol', text: '!=' });
      i += 2;
    } else if ('=(),'.includes(char)) {
      tokens.push({ kind: 'symbol', text: char });
      i += 1;
    } else {
      const match = /^[A-Za-z0-9_.:-]+/.exec(input.slice(i));
      if (!match) throw new QueryError({ errorCode, message: `unexpected token: '${char}'`, fields: [] });
      tokens.push({ kind: /^-?\d+(\.\d+)?$/.test(match[0]) ? 'number' : 'word', text: match[0] });
      i += match[0].length;
    }
  }
  return tokens;
}

class Cursor {
  private index = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly errorCode: string,
  ) {}
  fail(message: string): never {
    throw new QueryError({ errorCode: this.errorCode, message, fields: [] });
  }
  peek(): Token | undefined {
    return this.tokens[this.index];
  }
  isKeyword(word: string): boolean {
    const token = this.peek();
    return token?.kind === 'word' && token.text.toUpperCase() === word;
  }
  next(): Token {
    const token = this.tokens[this.index];
    if (!token) this.fail('unexpected end of query');
    this.index += 1;
    return token;
  }
  keyword(word: string): void {
    const token = this.next();
    if (token.kind !== 'word' || token.text.toUpperCase() !== word) this.fail(`unexpected token: '${token.text}'`);
  }
  symbol(text: string): void {
    const token = this.next();
    if (token.kind !== 'symbol' || token.text !== text) this.fail(`unexpected token: '${token.text}'`);
  }
  word(): string {
    const token = this.next();
    if (token.kind !== 'word') this.fail(`unexpected token: '${token.text}'`);
    return token.text;
  }
  done(): boolean {
    return this.index >= this.tokens.length;
  }
}

function sobject(name: string): SObjectName {
  const match = (Object.keys(SCHEMA) as SObjectName[]).find((object) => object.toLowerCase() === name.toLowerCase());
  if (!match) throw new QueryError({ errorCode: 'INVALID_TYPE', message: `sObject type '${name}' is not supported.`, fields: [] });
  return match;
}

function field(object: SObjectName, name: string): string {
  const match = Object.keys(SCHEMA[object]).find((known) => known.toLowerCase() === name.toLowerCase());
  if (!match) {
    throw new QueryError({ errorCode: 'INVALID_FIELD', message: `No such column '${name}' on entity '${object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.`, fields: [] });
  }
  return match;
}

function fieldList(cursor: Cursor, object: () => SObjectName | undefined, stopAt: (cursor: Cursor) => boolean): string[] {
  const names = [cursor.word()];
  while (!cursor.done() && !stopAt(cursor)) {
    cursor.symbol(',');
    names.push(cursor.word());
  }
  const target = object();
  return target ? names.map((name) => field(target, name)) : names;
}

function value(cursor: Cursor): FieldValue {
  const token = cursor.next();
  if (token.kind === 'string') return token.text;
  if (token.kind === 'number') return Number(token.text);
  const word = token.text.toLowerCase();
  if (word === 'true' || word === 'false') return word === 'true';
  if (word === 'null') return null;
  return cursor.fail(`unexpected token: '${token.text}'`);
}

function conditions(cursor: Cursor, object: SObjectName, stopAt: (cursor: Cursor) => boolean): Condition[] {
  const list: Condition[] = [];
  for (;;) {
    const name = field(object, cursor.word());
    const operator = cursor.next();
    if (operator.kind !== 'symbol' || (operator.text !== '=' && operator.text !== '!=')) cursor.fail(`unexpected token: '${operator.text}'`);
    list.push({ field: name, operator: operator.text, value: value(cursor) });
    if (cursor.done() || stopAt(cursor)) return list;
    cursor.keyword('AND');
  }
}

function limit(cursor: Cursor): number {
  const token = cursor.next();
  if (token.kind !== 'number') cursor.fail(`unexpected token: '${token.text}'`);
  return Number(token.text);
}

export function parseSoql(soql: string): SoqlQuery {
  const cursor: Cursor = new Cursor(tokenize(soql, 'MALFORMED_QUERY'), 'MALFORMED_QUERY');
  cursor.keyword('SELECT');
  const rawFields = fieldList(cursor, () => undefined, (c) => c.isKeyword('FROM'));
  cursor.keyword('FROM');
  const object = sobject(cursor.word());
  const query: SoqlQuery = { object, fields: rawFields.map((name) => field(object, name)), where: [] };
  const clauseStart = (c: Cursor) => c.isKeyword('ORDER') || c.isKeyword('LIMIT');
  if (cursor.isKeyword('WHERE')) {
    cursor.keyword('WHERE');
    query.where = conditions(cursor, object, clauseStart);
  }
  if (cursor.isKeyword('ORDER')) {
    cursor.keyword('ORDER');
    cursor.keyword('BY');
    const orderField = field(object, cursor.word());
    let descending = false;
    if (cursor.isKeyword('ASC') || cursor.isKeyword('DESC')) descending = cursor.word().toUpperCase() === 'DESC';
    query.orderBy = { field: orderField, descending };
  }
  if (cursor.isKeyword('LIMIT')) {
    cursor.keyword('LIMIT');
    query.limit = limit(cursor);
  }
  if (!cursor.done()) cursor.fail(`unexpected token: '${cursor.next().text}'`);
  return query;
}

const SEARCH_SCOPES = ['ALL', 'NAME', 'EMAIL', 'PHONE'] as const;

export function parseSosl(sosl: string): SoslSearch {
  const match = /^\s*FIND\s*\{((?:\\.|[^\\}])*)\}(.*)$/is.exec(sosl);
  if (!match) throw new QueryError({ errorCode: 'MALFORMED_SEARCH', message: 'No search term found. The search term must be enclosed in braces.', fields: [] });
  const term = (match[1] ?? '').replace(/\\(.)/g, '$1').trim();
  const cursor: Cursor = new Cursor(tokenize(match[2] ?? '', 'MALFORMED_SEARCH'), 'MALFORMED_SEARCH');
  const search: SoslSearch = { term, scope: 'ALL', returning: [] };
  if (cursor.isKeyword('IN')) {
    cursor.keyword('IN');
    const scope = SEARCH_SCOPES.find((candidate) => candidate === cursor.peek()?.text.toUpperCase());
    if (!scope) cursor.fail(`unexpected token: '${cursor.next().text}'`);
    cursor.next();
    search.scope = scope;
    cursor.keyword('FIELDS');
  }
  cursor.keyword('RETURNING');
  for (;;) {
    const object = sobject(cursor.word());
    const entry: SoslSearch['returning'][number] = { object, fields: ['Id'], where: [] };
    if (cursor.peek()?.text === '(') {
      cursor.symbol('(');
      const closes = (c: Cursor) => c.peek()?.text === ')' || c.isKeyword('WHERE') || c.isKeyword('LIMIT');
      entry.fields = fieldList(cursor, () => object, closes);
      if (cursor.isKeyword('WHERE')) {
        cursor.keyword('WHERE');
        entry.where = conditions(cursor, object, closes);
      }
      if (cursor.isKeyword('LIMIT')) {
        cursor.keyword('LIMIT');
        entry.limit = limit(cursor);
      }
      cursor.symbol(')');
    }
    search.returning.push(entry);
    if (cursor.done()) return search;
    cursor.symbol(',');
  }
}

export function matchesConditions(valueOf: (field: string) => FieldValue, where: Condition[]): boolean {
  return where.every(({ field: name, operator, value: wanted }) => {
    const actual = valueOf(name);
    // SOQL compares text case-insensitively.
    const equal = typeof actual === 'string' && typeof wanted === 'string' ? actual.toLowerCase() === wanted.toLowerCase() : actual === wanted;
    return operator === '=' ? equal : !equal;
  });
}
