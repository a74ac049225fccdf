import { type Config, ConfigError } from '../../config.ts';
import { checkNewPassword } from '../../core/password-policy.ts';
import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts';
import type { Logger } from '../../logging/logger.ts';
import { generateOneTimePassword, hashPassword, verifyPassword } from './passwords.ts';

export interface FirstAdmin {
  username: string;
  /** Set when it was just generated: print it once where the owner sees it, never in a log. */
  oneTimePassword?: string;
}

export const generatedAdminUsername = 'admin';

/**
 * Stops the start when ADMIN_PASSWORD would be refused in the panel: the account it opens is the
 * most powerful one, and it is put back to this password at every start, so a weak one cannot
 * simply be changed later. Call it before anything starts.
 */
export async function refuseWeakAdminPassword(
  config: Pick<Config, 'ADMIN_USERNAME' | 'ADMIN_PASSWORD'>,
): Promise<void> {
  if (!config.ADMIN_USERNAME || !config.ADMIN_PASSWORD) return;
  const problem = await checkNewPassword(config.ADMIN_PASSWORD, config.ADMIN_USERNAME);
  if (problem)
    throw new ConfigError(
      `ADMIN_PASSWORD is refused: ${problem} Set a stronger one (at least 12 characters, not the ` +
        'username, not a common password), or unset ADMIN_USERNAME and ADMIN_PASSWORD to get a ' +
        'one-time password printed at the first start.',
    );
}

/**
 * Makes sure someone can sign in. With ADMIN_USERNAME and ADMIN_PASSWORD, that admin exists, is
 * active, has the admin role and that password (the environment is how an owner who lost access gets
 * it back). Without them, when no admin exists at all, `admin` is created with a one-time password
 * and must choose a new one at first sign-in. Returns null when there is nothing to tell.
 */
export async function ensureFirstAdmin(
  deps: { db: { prisma: PrismaClient }; logger: Logger },
  config: Pick<Config, 'ADMIN_USERNAME' | 'ADMIN_PASSWORD'>,
): Promise<FirstAdmin | null> {
  const prisma = deps.db.prisma;
  await refuseWeakAdminPassword(config);
  if (config.ADMIN_USERNAME && config.ADMIN_PASSWORD) {
    const username = config.ADMIN_USERNAME;
    const existing = await prisma.admin.findUnique({ where: { username } });
    if (!existing) {
      await createIfAbsent(prisma, {
        username,
        passwordHash: await hashPassword(config.ADMIN_PASSWORD),
        role: 'admin',
      });
      deps.logger.info({ username }, 'first admin created from ADMIN_USERNAME');
      return { username };
    }
    const passwordMatches = await verifyPassword(config.ADMIN_PASSWORD, existing.passwordHash);
    if (!passwordMatches || !existing.active || existing.role !== 'admin') {
      await prisma.admin.update({
        where: { id: existing.id },
        data: {
          active: true,
          role: 'admin',
          ...(passwordMatches
            ? {}
            : { passwordHash: await hashPassword(config.ADMIN_PASSWORD), mustChangePassword: false }),
          version: { increment: 1 },
        },
      });
      deps.logger.info({ username }, 'admin from ADMIN_USERNAME put back: active, admin role, its password');
    }
    return { username };
  }
  if ((await prisma.admin.count()) > 0) return null;
  let oneTimePassword = generateOneTimePassword();
  // Random 20 characters pass the rules all but always; "all but" is not good enough to print.
  while (await checkNewPassword(oneTimePassword, generatedAdminUsername))
    oneTimePassword = generateOneTimePassword();
  const created = await createIfAbsent(prisma, {
    username: generatedAdminUsername,
    passwordHash: await hashPassword(oneTimePassword),
    role: 'admin',
    mustChangePassword: true,
  });
  // Another process starting at the same moment created it first: it prints its own password.
  if (!created) return null;
  deps.logger.info({ username: generatedAdminUsername }, 'first admin created with a one-time password');
  return { username: generatedAdminUsername, oneTimePassword };
}

/** Creates the admin unless that username exists already (a concurrent start); false then. */
async function createIfAbsent(prisma: PrismaClient, data: Prisma.AdminCreateInput): Promise<boolean> {
  try {
    await prisma.admin.create({ data });
    return true;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return false;
    throw error;
  }
}
