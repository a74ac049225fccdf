import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { RequestAdmin } from './request-admin.ts';
import { sessionTokenFrom } from './session-cookie.ts';
import type { SessionStore } from './session-store.ts';

export interface Authenticated {
  admin: RequestAdmin;
  /** The session token: logout and password changes end sessions by it. */
  token: string;
}

/**
 * The admin behind a `Cookie` header, shared by the HTTP guard and the socket.io handshake. The
 * admin row is read on every call, so a deactivated admin or a changed role counts at once rather
 * than when the session expires; a deactivated admin's session is ended.
 */
export async function authenticate(
  prisma: PrismaClient,
  sessions: SessionStore,
  cookieHeader: string | undefined,
): Promise<Authenticated | null> {
  const token = sessionTokenFrom(cookieHeader);
  if (!token) return null;
  const session = await sessions.read(token);
  if (!session) return null;
  const admin = await prisma.admin.findUnique({
    where: { id: session.adminId },
    select: { id: true, username: true, role: true, active: true, mustChangePassword: true },
  });
  if (!admin?.active) {
    await sessions.destroy(token);
    return null;
  }
  const { active: _active, ...requestAdmin } = admin;
  return { admin: requestAdmin, token };
}
