import { useTranslate } from 'react-admin';

/**
 * Choices for the enums of Tandem's model, labelled for people: each name is a message key, which
 * react-admin's inputs and fields translate (and `useChoiceName` for text shown by hand).
 */
export const platformChoices = [
  { id: 'telegram', name: 'Telegram' },
  { id: 'discord', name: 'Discord' },
];

export const sourceChoices = [
  { id: 'telegram', name: 'tandem.choices.source.telegram' },
  { id: 'discord', name: 'tandem.choices.source.discord' },
  { id: 'admin', name: 'tandem.choices.source.admin' },
  { id: 'system', name: 'tandem.choices.source.system' },
];

export const eventTypeChoices = [
  { id: 'xp_change', name: 'tandem.choices.eventType.xp_change' },
  { id: 'balance_change', name: 'tandem.choices.eventType.balance_change' },
  { id: 'rank_change', name: 'tandem.choices.eventType.rank_change' },
  { id: 'achievement_unlock', name: 'tandem.choices.eventType.achievement_unlock' },
  { id: 'reward_grant', name: 'tandem.choices.eventType.reward_grant' },
  { id: 'payout_decision', name: 'tandem.choices.eventType.payout_decision' },
];

export const syncStatusChoices = [
  { id: 'pending', name: 'tandem.choices.syncStatus.pending' },
  { id: 'processing', name: 'tandem.choices.syncStatus.processing' },
  { id: 'completed', name: 'tandem.choices.syncStatus.completed' },
  { id: 'failed', name: 'tandem.choices.syncStatus.failed' },
];

export const submissionStatusChoices = [
  { id: 'pending', name: 'tandem.choices.submissionStatus.pending' },
  { id: 'approved', name: 'tandem.choices.submissionStatus.approved' },
  { id: 'rejected', name: 'tandem.choices.submissionStatus.rejected' },
];

export const payoutStatusChoices = [
  { id: 'held', name: 'tandem.choices.payoutStatus.held' },
  { id: 'approved', name: 'tandem.choices.payoutStatus.approved' },
  { id: 'declined', name: 'tandem.choices.payoutStatus.declined' },
];

/** The ledger's state of a payout's coins. */
export const holdStateChoices = [
  { id: 'pending', name: 'tandem.choices.holdState.pending' },
  { id: 'posted', name: 'tandem.choices.holdState.posted' },
  { id: 'voided', name: 'tandem.choices.holdState.voided' },
];

export const roleChoices = [
  { id: 'admin', name: 'tandem.choices.role.admin' },
  { id: 'operator', name: 'tandem.choices.role.operator' },
];

export function choiceName(choices: { id: string; name: string }[], id: string | undefined): string {
  return choices.find((choice) => choice.id === id)?.name ?? id ?? '';
}

/** `choiceName` in the admin's language. */
export function useChoiceName(): (choices: { id: string; name: string }[], id: string | undefined) => string {
  const translate = useTranslate();
  return (choices, id) => {
    const name = choiceName(choices, id);
    return translate(name, { _: name });
  };
}
