import type { Locator, Page } from 'playwright-core';
import { testPassword } from './admin-api-world.ts';

/** The admin every signed-in page is, with the password the tests type. */
export const panelAdmin = { username: 'alice', password: testPassword } as const;

/** A wait on the page: long enough for a busy 2-core machine, short enough to fail clearly. */
export const uiTimeoutMs = 10_000;

/**
 * The text of `locator` as a person sees it: laid out, with CSS capitals and line breaks between
 * blocks (textContent would run "Coins" and "15" together and ignore what is hidden).
 */
export function shownText(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point here
  return locator.innerText();
}

/** Signs in through the panel's sign-in page, as a person types it. */
export async function signInThroughForm(
  page: Page,
  username: string = panelAdmin.username,
  password: string = panelAdmin.password,
): Promise<void> {
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
