import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';

export interface FixtureUser {
  id: string;
  orgId: string;
  role: 'agent' | 'supervisor' | 'admin';
  name: string;
}

/** An organization with the given people, written as the owner (RLS aside); people are keyed by name. */
export async function createOrgWithUsers(
  owner: postgres.Sql,
  label: string,
  people: Array<{ name: string; role: FixtureUser['role'] }>,
): Promise<{ orgId: string; users: Record<string, FixtureUser> }> {
  const orgId = randomUUID();
  await owner`insert into organizations (id, zoom_account_id, name) values (${orgId}, ${`acct-${label}-${orgId}`}, ${`Org ${label}`})`;
  const users: Record<string, FixtureUser> = {};
  for (const person of people) {
    const id = randomUUID();
    await owner`insert into users (id, org_id, zoom_user_id, name, email, role)
      values (${id}, ${orgId}, ${`zu-${label}-${person.name}`}, ${person.name}, ${`${person.name.toLowerCase().replace(/\W+/g, '.')}@example.com`}, ${person.role})`;
    users[person.name] = { id, orgId, role: person.role, name: person.name };
  }
  return { orgId, users };
}
