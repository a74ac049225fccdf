import { beforeAll, describe, expect, it } from 'vitest';
import { testPassword } from '../support/admin-api-world.ts';
import { type BrowserWorld, closeBrowserWorldAfterTests, openBrowserWorld } from '../support/browser.ts';
import { signInThroughForm } from '../support/panel-page.ts';

/**
 * An admin another admin created signs in with the password they were given, is sent to choose their
 * own, sees why a password is refused while they type it, and gets in once it is hard to guess.
 */

let world: BrowserWorld;
beforeAll(async () => {
  world = await openBrowserWorld();
  const id = await world.api.createAdmin('newcomer', 'admin');
  await world.tandem.db.prisma.admin.update({ where: { id }, data: { mustChangePassword: true } });
});
closeBrowserWorldAfterTests(() => world);

describe('a new admin', () => {
  it('chooses a password the panel explains while it is typed, then gets in', async () => {
    const page = await world.signedOutPage();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await signInThroughForm(page, 'newcomer', testPassword);
    await page.getByText('Choose your password').waitFor();
    expect(page.url()).toContain('#/change-password');

    const newPassword = page.locator('input[name="newPassword"]');
    const hint = page.locator('[data-password-hint="newPassword"]');
    await newPassword.fill('           ');
    await hint.getByText('not only spaces').waitFor();
    await newPassword.fill('short one');
    await hint.getByText('Use at least 12 characters.').waitFor();
    await newPassword.fill('Newcomer lantern 42');
    await hint.getByText('Leave your username out of the password.').waitFor();
    await newPassword.fill('password1234');
    await hint.getByText(/Too easy to guess.*commonly used password/).waitFor();

    await newPassword.fill('Quartz lantern 42 orbit');
    await hint.getByText('Hard enough to guess.').waitFor();
    await page.locator('input[name="currentPassword"]').fill(testPassword);
    await page.locator('input[name="confirmPassword"]').fill('Quartz lantern 42 orbit');
    await page.getByRole('button', { name: 'Save password' }).click();
    await page.getByText('Submissions to review').waitFor();
    const admin = await world.tandem.db.prisma.admin.findUniqueOrThrow({ where: { username: 'newcomer' } });
    expect(admin.mustChangePassword).toBe(false);
  });
});
