/**
 * Tandem's own labels in English: the resources' names and fields (react-admin's
 * `resources.<name>.fields.<field>` convention), the menu, and every page's words under `tandem`.
 * `ru.ts` has exactly these keys (a unit test checks). Polyglot syntax: `%{name}` is a value,
 * `||||` separates the singular from the plural.
 */
export const en = {
  ra: {
    notification: {
      updated: 'Saved. |||| Saved %{smart_count} records.',
      created: 'Created.',
      deleted: 'Deleted. |||| Deleted %{smart_count} records.',
      http_error: 'The Tandem API could not be reached; try again in a moment.',
      item_doesnt_exist: 'This record no longer exists; it may have been deleted.',
      logged_out: 'Your session has ended; please sign in again.',
    },
    message: { invalid_form: 'Some fields need attention: see the messages next to them.' },
    page: { dashboard: 'Overview', empty: 'Nothing here yet' },
    auth: { sign_in: 'Sign in' },
  },
  resources: {
    players: { name: 'Player |||| Players', fields: {} },
    ledger: { name: 'Ledger row |||| Ledger', fields: {} },
    sync_events: { name: 'Sync event |||| Sync events', fields: {} },
    sync_states: { name: 'Sync state |||| Sync states', fields: {} },
    ranks: { name: 'Rank |||| Ranks', fields: {} },
    achievements: { name: 'Achievement |||| Achievements', fields: {} },
    menu_buttons: { name: 'Menu button |||| Menu buttons', fields: {} },
    scenarios: { name: 'Scenario |||| Scenarios', fields: {} },
    tasks: { name: 'Task |||| Tasks', fields: {} },
    task_submissions: { name: 'Submission |||| Task submissions', fields: {} },
    payouts: { name: 'Payout |||| Payouts', fields: {} },
    settings: {
      name: 'Setting |||| Settings',
      fields: {
        id: 'Setting',
        description: 'What it controls',
        version: 'Version',
        updatedAt: 'Saved',
        defaultLanguage: 'Default language',
      },
    },
    admins: { name: 'Admin |||| Admins', fields: {} },
    audit: { name: 'Audit entry |||| Audit', fields: {} },
    texts: {
      name: 'Text |||| Bot texts',
      fields: { id: 'Key', area: 'Area', q: 'Search', edited: 'Edited only' },
    },
  },
  tandem: {
    menu: {
      community: 'Community',
      sync: 'Sync',
      queues: 'Queues',
      economy: 'Economy',
      earningRules: 'Earning rules',
      botContent: 'Bot content',
      defaultLanguage: 'Default language',
      access: 'Access',
    },
    auth: { changePassword: 'Change password' },
    common: { newRecord: 'New %{name}' },
    settings: {
      unknown: 'The setting “%{id}” has no page in this version of the panel.',
      neverSaved: 'Never (defaults)',
      emptyTitle: 'No settings saved yet',
      emptyHint: 'The defaults apply. Open the earning rules from the menu to change them.',
      descriptions: {
        economy: 'Earning rules: messages, voice, daily reward, game, role multipliers',
        language: "The community's default language",
      },
      language: {
        title: 'Default language',
        hint:
          'The language the bots speak to a player who has not picked one with /language and whose app ' +
          'reports a language Tandem does not speak. Version %{version}; the bots follow a saved change at once.',
      },
    },
    texts: {
      search: 'Key or wording',
      edited: 'edited',
      shipped: 'as shipped',
      empty: 'No text matches',
      emptyHint: 'Clear the filters to see every text the bots send.',
      placeholders: 'Placeholders this text can use',
      noPlaceholders: 'This text has no placeholders.',
      kind: { number: 'a number', text: 'text' },
      syntaxHint:
        'Texts use ICU MessageFormat: {player} inserts a value; {coins, plural, one {# coin} other {# coins}} ' +
        'picks the form for the number (Russian needs one, few, many and other). Click a placeholder to add it.',
      wording: 'Wording',
      shippedWording: 'Shipped wording',
      previewTitle: 'Preview with sample values',
      refused: 'This wording would be refused:',
      saved: 'Saved: the bots use the new wording from their next message.',
      reset: 'Reset to default',
      resetTitle: 'Reset to the shipped wording?',
      resetConfirm:
        'The community’s %{language} wording of this text is dropped and the shipped one is used again.',
      resetDone: 'Reset: the bots use the shipped wording again.',
      changedElsewhere:
        'Someone else saved this text while you were editing it: saving would be refused. Copy your ' +
        'wording, reload the page and apply it again.',
    },
  },
};
