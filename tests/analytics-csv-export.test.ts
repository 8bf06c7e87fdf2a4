import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyticsRoutes } from '../server/analytics/routes';
import { csvCell } from '../server/analytics/csv';
import { HttpSession, startTestApp, type TestApp } from './helpers/app';
import { createOrgWithUsers, type FixtureUser } from './helpers/org-fixtures';

let app: TestApp;
let supervisor: FixtureUser;
const WINDOW = 'from=2026-05-01T00:00:00Z&to=2026-05-03T00:00:00Z';
const HOSTILE_AGENT = '=HYPERLINK("http://evil.example","click")';
const HOSTILE_QUEUE = 'Returns, "special"\ncases';

/** A minimal CSV reader (RFC 4180), so the test checks what a spreadsheet would actually load. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += char;
  }
  return rows;
}

beforeAll(async () => {
  app = await startTestApp({ start: { app: { api: [analyticsRoutes] } } });
  const { orgId, users } = await createOrgWithUsers(app.database.owner, 'csv', [
    { name: HOSTILE_AGENT, role: 'agent' },
    { name: 'Sue', role: 'supervisor' },
  ]);
  supervisor = users.Sue!;
  const agentId = users[HOSTILE_AGENT]!.id;
  const rows: Array<[string, string, number, string, number]> = [
    ['2026-05-01T09:00:00Z', '+cmd|calc', 120, 'negative', -0.75],
    ['2026-05-02T09:00:00Z', '@SUM(A1:A9)', 240, 'positive', 0.5],
  ];
  for (const [endedAt, category, duration, label, score] of rows) {
    const id = randomUUID();
    await app.database.owner`insert into engagements (id, org_id, zoom_engagement_id, agent_user_id, queue_id, queue_name, ended_at, duration_seconds, activity_at, status)
      values (${id}, ${orgId}, ${'z-' + id}, ${agentId}, 'q-returns', ${HOSTILE_QUEUE}, ${new Date(endedAt)}, ${duration}, ${new Date(endedAt)}, 'ended')`;
    await app.database.owner`insert into summaries (org_id, engagement_id, status, category, sentiment_label, sentiment_score)
      values (${orgId}, ${id}, 'ready', ${category}, ${label}, ${score})`;
  }
});
afterAll(() => app.close());

async function download(report: string): Promise<{ response: Response; rows: string[][] }> {
  const session = await HttpSession.signedIn(app, supervisor);
  const response = await session.get(`/api/analytics.csv?report=${report}&${WINDOW}`);
  const text = await response.text();
  return { response, rows: parseCsv(text.replace(/^\uFEFF/, '')) };
}

describe('analytics CSV downloads', () => {
  it('sends the agents table as an attachment with a header row', async () => {
    const { response, rows } = await download('agents');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="callrecap-agents-2026-05-01-to-2026-05-03.csv"');
    expect(rows[0]!.slice(0, 3)).toEqual(['Agent', 'Engagements', 'Average handle time (s)']);
    expect(rows).toHaveLength(2);
    // The formula-looking name is kept as text; the numbers stay numbers.
    expect(rows[1]!.slice(0, 3)).toEqual([`'${HOSTILE_AGENT}`, '2', '180']);
  });

  it('quotes commas, quotes and newlines so a cell stays one cell', async () => {
    const { rows } = await download('queues');
    expect(rows[1]![0]).toBe(HOSTILE_QUEUE);
    expect(rows[1]).toHaveLength(rows[0]!.length);
  });

  it('keeps negative numbers numeric in the trend, and guards category names that look like formulas', async () => {
    const trend = await download('trend');
    expect(trend.rows).toEqual([
      ['Day (UTC)', 'Engagements', 'Positive', 'Neutral', 'Negative', 'Average sentiment'],
      ['2026-05-01', '1', '0', '0', '1', '-0.75'],
      ['2026-05-02', '1', '1', '0', '0', '0.5'],
    ]);
    const categories = await download('categories');
    expect(categories.rows.slice(1).map((r) => r[0]).sort()).toEqual(["'+cmd|calc", "'@SUM(A1:A9)"]);
  });

  it('answers 400 with a reason for an unknown report', async () => {
    const { response } = await download('salaries');
    expect(response.status).toBe(400);
  });
});

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@x', "'@x"],
    ['=A1,"x"', `"'=A1,""x"""`],
    ['\tcmd', "'\tcmd"],
  ])('writes %j as %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('writes numbers as numbers and null as an empty cell', () => {
    expect(csvCell(-0.25)).toBe('-0.25');
    expect(csvCell(null)).toBe('');
  });
});
