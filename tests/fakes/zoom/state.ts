import { randomBytes } from 'node:crypto';

/** The fake Zoom's in-memory world: accounts, people, engagements, recordings and OAuth grants. */

export type FakeChannel = 'voice' | 'video' | 'chat' | 'sms';

export interface FakeAccount {
  id: string;
  number: number;
  name: string;
}

export interface FakeUser {
  id: string;
  accountId: string;
  email: string;
  firstName: string;
  lastName: string;
  /** Zoom account role: Owner (role_id 0), Admin (1), Member (2). */
  accountRole: 'Owner' | 'Admin' | 'Member';
  /** Zoom Contact Center role (Admin, Supervisor, Agent or a custom name); null if not a ZCC user. */
  contactCenterRole: string | null;
}

export interface FakeEngagement {
  id: string;
  accountId: string;
  channel: FakeChannel;
  direction: 'inbound' | 'outbound';
  queue: { id: string; name: string };
  flow: { id: string; name: string };
  agentIds: string[];
  consumer: { id: string; name: string; number: string; email: string };
  startTime: Date;
  /** Null while the engagement runs; Zoom's REST API serves engagements only once they are over. */
  endTime: Date | null;
  dispositions: string[];
  /** Chat/SMS transcript text, once Zoom has produced it. */
  messagingTranscript: string | null;
}

export interface FakeRecording {
  id: string;
  engagementId: string;
  accountId: string;
  agentId: string;
  startTime: Date;
  endTime: Date;
  /** WebVTT; null until transcription completes. */
  transcript: string | null;
}

export interface FakeGrant {
  id: string;
  accountId: string;
  userId: string;
  scopes: string[];
  revoked: boolean;
}

export interface AccessTokenRecord {
  grantId: string;
  expiresAt: number;
}

export interface RefreshTokenRecord {
  grantId: string;
  used: boolean;
}

export interface AuthorizationCode {
  grantUserId: string;
  redirectUri: string;
  codeChallenge: string | null;
  method: 'S256' | 'plain' | null;
  expiresAt: number;
  used: boolean;
}

export interface FakeZoomState {
  accounts: Map<string, FakeAccount>;
  users: Map<string, FakeUser>;
  engagements: Map<string, FakeEngagement>;
  recordings: Map<string, FakeRecording>;
  grants: Map<string, FakeGrant>;
  accessTokens: Map<string, AccessTokenRecord>;
  refreshTokens: Map<string, RefreshTokenRecord>;
  codes: Map<string, AuthorizationCode>;
  pageTokens: Map<string, { query: string; offset: number; expiresAt: number }>;
}

/** Zoom-looking ids: 22 url-safe characters. */
export function zoomId(): string {
  return randomBytes(16).toString('base64url').slice(0, 22);
}

export function opaqueToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export const DEFAULT_ACCOUNT_ID = 'fakeAcct_AcmeSupport01';

export function seedState(): FakeZoomState {
  const state: FakeZoomState = {
    accounts: new Map(),
    users: new Map(),
    engagements: new Map(),
    recordings: new Map(),
    grants: new Map(),
    accessTokens: new Map(),
    refreshTokens: new Map(),
    codes: new Map(),
    pageTokens: new Map(),
  };
  state.accounts.set(DEFAULT_ACCOUNT_ID, { id: DEFAULT_ACCOUNT_ID, number: 91234567, name: 'Acme Support' });
  const people: Array<Omit<FakeUser, 'accountId'>> = [
    {
      id: 'fakeUser_AveryOwner001',
      email: 'avery.morgan@acme.example',
      firstName: 'Avery',
      lastName: 'Morgan',
      accountRole: 'Owner',
      contactCenterRole: 'Admin',
    },
    {
      id: 'fakeUser_SamSupervis01',
      email: 'sam.okafor@acme.example',
      firstName: 'Sam',
      lastName: 'Okafor',
      accountRole: 'Member',
      contactCenterRole: 'Supervisor',
    },
    {
      id: 'fakeUser_AlexAgent0001',
      email: 'alex.rivera@acme.example',
      firstName: 'Alex',
      lastName: 'Rivera',
      accountRole: 'Member',
      contactCenterRole: 'Agent',
    },
    {
      id: 'fakeUser_JordanAgent01',
      email: 'jordan.lee@acme.example',
      firstName: 'Jordan',
      lastName: 'Lee',
      accountRole: 'Member',
      contactCenterRole: 'Agent',
    },
  ];
  for (const person of people) state.users.set(person.id, { ...person, accountId: DEFAULT_ACCOUNT_ID });
  return state;
}

export function displayName(user: FakeUser): string {
  return `${user.firstName} ${user.lastName}`;
}
