import { defaultI18nProvider, type I18nProvider } from 'react-admin';

/**
 * react-admin's English, with the messages people see most often said the Tandem way. Anything not
 * listed here keeps react-admin's wording.
 */
const tandemMessages: Record<string, string | ((options: { smart_count?: number }) => string)> = {
  'ra.notification.updated': ({ smart_count = 1 }) =>
    smart_count > 1 ? `Saved ${smart_count} records.` : 'Saved.',
  'ra.notification.created': 'Created.',
  'ra.notification.deleted': ({ smart_count = 1 }) =>
    smart_count > 1 ? `Deleted ${smart_count} records.` : 'Deleted.',
  'ra.message.invalid_form': 'Some fields need attention: see the messages next to them.',
  'ra.notification.http_error': 'The Tandem API could not be reached; try again in a moment.',
  'ra.notification.item_doesnt_exist': 'This record no longer exists; it may have been deleted.',
  'ra.notification.logged_out': 'Your session has ended; please sign in again.',
  'ra.page.dashboard': 'Overview',
  'ra.page.empty': 'Nothing here yet',
  'ra.auth.sign_in': 'Sign in',
};

export const i18nProvider: I18nProvider = {
  ...defaultI18nProvider,
  translate(key, options) {
    const own = tandemMessages[key];
    if (typeof own === 'function') return own(options ?? {});
    if (typeof own === 'string') return own;
    return defaultI18nProvider.translate(key, options);
  },
};
