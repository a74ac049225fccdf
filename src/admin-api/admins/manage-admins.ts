import { z } from 'zod';
import { InvalidChangeError } from '../../core/errors.ts';
import { parseInput } from '../../core/parse-input.ts';
import { checkNewPassword } from '../../core/password-policy.ts';
import { storedText } from '../../core/postgres-values.ts';
import {
  expectedVersionSchema,
  requireSomeChange,
  staleWriteError,
  versionFilter,
} from '../../core/versioned-write.ts';
import { isUniqueViolation } from '../../db/constraint-violations.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import type { AdminWriteDeps } from '../../live/changes.ts';
import { hashPassword } from '../auth/passwords.ts';

/**
 * The panel's accounts, as admins manage them. The password hash never leaves this module: every
 * read selects `adminAccountColumns`.
 */

export const adminAccountColumns = {
  id: true,
  username: true,
  role: true,
  active: true,
  mustChangePassword: true,
  lastLoginAt: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.AdminSelect;
export type AdminAccount = Prisma.AdminGetPayload<{ select: typeof adminAccountColumns }>;

const fields = {
  username: storedText()
    .trim()
    .min(3, 'at least 3 characters')
    .max(64, 'at most 64 characters')
    .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, ".", "_" and "-" only'),
  // Its rules are `passwordProblem`'s, checked with the username once the input parsed.
  password: storedText(),
  role: z.enum(['admin', 'operator'], { message: 'must be admin or operator' }),
  active: z.boolean({ message: 'must be true or false' }),
};

/** New accounts are operators unless said otherwise: the smallest role that works. */
const createSchema = z.object({
  username: fields.username,
  password: fields.password,
  role: fields.role.default('operator'),
});

const updateSchema = z.object({
  id: z.uuid('must be an admin id (uuid)'),
  expectedVersion: expectedVersionSchema,
  /** Who makes the change: nobody demotes, deactivates or resets themself here. */
  actingAdminId: z.uuid(),
  role: fields.role.optional(),
  active: fields.active.optional(),
  // An emptied password field in a form means "keep the password".
  password: z
    .literal('')
    .transform(() => undefined)
    .or(z.null().transform(() => undefined))
    .or(fields.password.optional()),
});

export type CreateAdminInput = z.input<typeof createSchema>;
export type UpdateAdminInput = z.input<typeof updateSchema>;

/**
 * A new account with the password the creating admin chose; they hand it over themselves, and the
 * new admin must choose their own at first sign-in.
 */
export async function createAdmin(deps: AdminWriteDeps, input: CreateAdminInput): Promise<AdminAccount> {
  const { username, password, role } = parseInput(createSchema, input, 'admin');
  await refuseWeakPassword(password, username);
  const passwordHash = await hashPassword(password);
  const admin = await usernameOrExplain(username, () =>
    deps.db.prisma.admin.create({
      // The creating admin knows this password: the new admin replaces it at first sign-in.
      data: { username, passwordHash, role, mustChangePassword: true },
      select: adminAccountColumns,
    }),
  );
  await deps.changes.publish({ entity: 'admins', action: 'created', id: admin.id });
  return admin;
}

/**
 * Changes another account's role, activity or password (which they must then change at sign-in),
 * over the version the admin opened. Deactivating an account ends its sessions at its next request.
 */
export async function updateAdmin(deps: AdminWriteDeps, input: UpdateAdminInput): Promise<AdminAccount> {
  const { id, expectedVersion, actingAdminId, role, active, password } = parseInput(
    updateSchema,
    input,
    'admin',
  );
  if (id === actingAdminId) refuseSelfLockout({ role, active, password });
  requireSomeChange({ role, active, password }, 'admin');
  if (password !== undefined) {
    const target = await deps.db.prisma.admin.findUnique({ where: { id }, select: { username: true } });
    // An unknown id gets its own answer (not found) from the write below.
    if (target) await refuseWeakPassword(password, target.username);
  }
  const passwordChange =
    password === undefined ? {} : { passwordHash: await hashPassword(password), mustChangePassword: true };
  const [admin] = await deps.db.prisma.admin.updateManyAndReturn({
    where: { id, ...versionFilter(expectedVersion) },
    data: { role, active, ...passwordChange, version: { increment: 1 } },
    select: adminAccountColumns,
  });
  if (!admin) {
    const current = await deps.db.prisma.admin.findUnique({ where: { id }, select: { version: true } });
    throw staleWriteError('admin', id, expectedVersion, current);
  }
  await deps.changes.publish({ entity: 'admins', action: 'updated', id });
  return admin;
}

/**
 * An admin editing their own account may not lock themself out (the last admin could otherwise
 * leave nobody able to manage the panel). Unchanged values, as a whole-record form sends them, pass.
 */
function refuseSelfLockout(change: { role?: string; active?: boolean; password?: string }): void {
  const fields: Record<string, string> = {};
  if (change.role !== undefined && change.role !== 'admin')
    fields.role = 'you cannot take the admin role from yourself: ask another admin';
  if (change.active === false) fields.active = 'you cannot deactivate yourself: ask another admin';
  if (change.password !== undefined)
    fields.password = 'change your own password from your account menu (it asks for the current one)';
  if (Object.keys(fields).length === 0) return;
  const summary = Object.entries(fields)
    .map(([field, message]) => `${field}: ${message}`)
    .join('; ');
  throw new InvalidChangeError(`Invalid admin: ${summary}`, fields);
}

async function refuseWeakPassword(password: string, username: string): Promise<void> {
  const problem = await checkNewPassword(password, username);
  if (problem) throw new InvalidChangeError(`Invalid admin: password: ${problem}`, { password: problem });
}

async function usernameOrExplain<T>(username: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) {
      const message = `"${username}" is taken: pick another username`;
      throw new InvalidChangeError(`Invalid admin: username: ${message}`, { username: message });
    }
    throw error;
  }
}
