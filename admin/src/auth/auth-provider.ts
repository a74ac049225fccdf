import { type AuthProvider, HttpError } from 'react-admin';
import { fetchApi, postJson } from '../api/http.ts';
import type { SessionAdmin } from '../api/records.ts';
import { roleCanAccess } from './access.ts';

/** Where a person whose password was generated for them is sent first. */
export const changePasswordPath = '/change-password';

/**
 * How long a fetched `/api/auth/me` answers the panel's many auth checks (every page, every
 * access-controlled button) before it is asked again. A revoked session is still noticed at once:
 * any 401 from the API clears it and signs the person out.
 */
const sessionTtlMs = 15_000;

let session: { admin: SessionAdmin; fetchedAt: number } | null = null;
let pending: Promise<SessionAdmin | null> | null = null;

async function fetchSession(): Promise<SessionAdmin | null> {
  try {
    const { json } = await fetchApi('/auth/me');
    session = { admin: json as SessionAdmin, fetchedAt: Date.now() };
    return session.admin;
  } catch (error) {
    if (error instanceof HttpError && (error.status === 401 || error.status === 403)) {
      session = null;
      return null;
    }
    // The API is away (a restart, a network blip): only the API can end a session, so a known
    // admin stays signed in, and whatever they were typing stays on the page. The next answer
    // decides: a 401 then signs them out.
    if (session) return session.admin;
    throw error;
  }
}

/** The signed-in admin (cached briefly), or null when there is no session. */
export function currentAdmin({ fresh = false } = {}): Promise<SessionAdmin | null> {
  if (!fresh && session && Date.now() - session.fetchedAt < sessionTtlMs) {
    return Promise.resolve(session.admin);
  }
  pending ??= fetchSession().finally(() => {
    pending = null;
  });
  return pending;
}

/** Forgets the cached session, e.g. after the password changed. */
export function forgetSession(): void {
  session = null;
}

/** Asks the API again at the next check, keeping the admin known until it answers. */
export function expireSession(): void {
  if (session) session.fetchedAt = 0;
}

function loginMessage(error: unknown): string {
  if (error instanceof HttpError) {
    if (error.status === 429) {
      return error.body?.message ?? 'tandem.auth.tooManyAttempts';
    }
    if (error.status === 401 || error.status === 400) return error.message || 'tandem.auth.wrongPassword';
    if (error.status >= 500 || error.status === 0) return 'tandem.errors.notAnswering';
    return error.message;
  }
  return 'tandem.errors.unreachable';
}

export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    try {
      await postJson('/auth/login', { username, password });
    } catch (error) {
      throw new Error(loginMessage(error));
    }
    const admin = await currentAdmin({ fresh: true });
    return { redirectTo: admin?.mustChangePassword ? changePasswordPath : '/' };
  },
  async logout() {
    forgetSession();
    try {
      await postJson('/auth/logout');
    } catch {
      // Already signed out or the API is away: either way the panel shows the sign-in page.
    }
  },
  async checkAuth() {
    const wasSignedIn = session !== null;
    const admin = await currentAdmin();
    // A first visit goes to the sign-in page quietly; a session that ended says so.
    if (!admin) throw wasSignedIn ? new Error('ra.notification.logged_out') : { message: false };
  },
  async checkError(error: { status?: number }) {
    if (error?.status === 401) {
      forgetSession();
      throw new Error('ra.notification.logged_out');
    }
    // 403 keeps the session: the notification explains what the role may not do.
  },
  async getIdentity() {
    const admin = await currentAdmin();
    if (!admin) throw new Error('tandem.auth.pleaseSignIn');
    return {
      id: admin.id,
      fullName: admin.username,
      role: admin.role,
      mustChangePassword: admin.mustChangePassword,
    };
  },
  async getPermissions() {
    return (await currentAdmin())?.role;
  },
  async canAccess({ action, resource }) {
    const admin = await currentAdmin();
    return roleCanAccess(admin?.role, action, resource);
  },
};

/** Changes the signed-in admin's password; the API checks the current one. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await postJson('/auth/password', { currentPassword, newPassword });
  forgetSession();
}
