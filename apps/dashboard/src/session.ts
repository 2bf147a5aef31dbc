import { decodeJwt } from 'jose';

/**
 * The signed-in session: the access token for API calls, the refresh token to renew it before it
 * expires (POST /api/v1/auth/refresh rotates both), and a clean sign-out that revokes the refresh
 * token server-side. Kept in sessionStorage: closing the tab ends the session.
 */
export interface Session {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** ms since the epoch. */
  readonly expiresAt: number;
  readonly role: string;
  readonly username: string;
  /** The official's region (GB/T 2260), read from the token's claims; absent for other roles. */
  readonly regionCode?: string;
}

interface SignedIn {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  role: string;
}

const STORAGE_KEY = 'grip.session';
/** Renew this long before the access token expires, so no request goes out with a dead token. */
const REFRESH_MARGIN_MS = 30_000;

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let current: Session | undefined = load();
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let refreshing: Promise<boolean> | undefined;
const listeners = new Set<(session: Session | undefined) => void>();

function load(): Session | undefined {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Session) : undefined;
  } catch {
    return undefined;
  }
}

function store(session: Session | undefined): void {
  current = session;
  if (session) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  else sessionStorage.removeItem(STORAGE_KEY);
  schedule();
  for (const listener of listeners) listener(session);
}

function toSession(answer: SignedIn, username: string): Session {
  const claims = decodeJwt(answer.accessToken);
  const regionCode = typeof claims.regionCode === 'string' ? claims.regionCode : undefined;
  return {
    accessToken: answer.accessToken,
    refreshToken: answer.refreshToken,
    expiresAt: Date.now() + answer.expiresIn * 1000,
    role: answer.role,
    username,
    ...(regionCode ? { regionCode } : {}),
  };
}

function schedule(): void {
  if (refreshTimer) clearTimeout(refreshTimer);
  refreshTimer = undefined;
  if (!current) return;
  const wait = Math.max(0, current.expiresAt - Date.now() - REFRESH_MARGIN_MS);
  refreshTimer = setTimeout(() => void refresh(), wait);
}

export const session = (): Session | undefined => current;

export function onSessionChange(listener: (session: Session | undefined) => void): void {
  listeners.add(listener);
}

async function errorOf(response: Response): Promise<ApiFailure> {
  let code = `HTTP_${response.status}`;
  let message = response.statusText;
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    code = body.error?.code ?? code;
    message = body.error?.message ?? message;
  } catch {
    // not JSON: keep the status line
  }
  return new ApiFailure(response.status, code, message);
}

export async function signIn(username: string, password: string): Promise<Session> {
  const response = await fetch('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw await errorOf(response);
  const next = toSession((await response.json()) as SignedIn, username);
  store(next);
  return next;
}

/** One refresh at a time: parallel 401s share it. False means the session is over. */
function refresh(): Promise<boolean> {
  refreshing ??= (async () => {
    const old = current;
    if (!old) return false;
    try {
      const response = await fetch('/api/v1/auth/refresh', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: old.refreshToken }),
      });
      if (!response.ok) {
        store(undefined);
        return false;
      }
      store(toSession((await response.json()) as SignedIn, old.username));
      return true;
    } catch {
      return false; // offline: keep the session, the next call tries again
    } finally {
      refreshing = undefined;
    }
  })();
  return refreshing;
}

export async function signOut(): Promise<void> {
  const old = current;
  store(undefined);
  if (!old) return;
  // Revokes the refresh token and its family; the short-lived access token simply expires.
  await fetch('/api/v1/auth/logout', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refreshToken: old.refreshToken }),
  }).catch(() => undefined);
}

/** A GET with the bearer token; on 401 one refresh and one retry, then the session ends. */
export async function authorisedFetch(path: string): Promise<Response> {
  const attempt = () =>
    fetch(path, { headers: current ? { authorization: `Bearer ${current.accessToken}` } : {} });
  let response = await attempt();
  if (response.status === 401 && (await refresh())) response = await attempt();
  if (response.status === 401) store(undefined);
  if (!response.ok) throw await errorOf(response);
  return response;
}

export async function getJson<T>(path: string): Promise<T> {
  return (await (await authorisedFetch(path)).json()) as T;
}

schedule();
