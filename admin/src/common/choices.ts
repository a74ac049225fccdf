/** Choices for the enums of Tandem's model, labelled for people. */
export const platformChoices = [
  { id: 'telegram', name: 'Telegram' },
  { id: 'discord', name: 'Discord' },
];

export const sourceChoices = [
  { id: 'telegram', name: 'Telegram' },
  { id: 'discord', name: 'Discord' },
  { id: 'admin', name: 'Admin' },
  { id: 'system', name: 'System' },
];

export const eventTypeChoices = [
  { id: 'xp_change', name: 'XP change' },
  { id: 'balance_change', name: 'Balance change' },
  { id: 'rank_change', name: 'Rank change' },
  { id: 'achievement_unlock', name: 'Achievement unlock' },
  { id: 'reward_grant', name: 'Reward grant' },
  { id: 'payout_decision', name: 'Payout decision' },
];

export const syncStatusChoices = [
  { id: 'pending', name: 'Pending' },
  { id: 'processing', name: 'Processing' },
  { id: 'completed', name: 'Completed' },
  { id: 'failed', name: 'Failed' },
];

export const submissionStatusChoices = [
  { id: 'pending', name: 'Pending' },
  { id: 'approved', name: 'Approved' },
  { id: 'rejected', name: 'Rejected' },
];

export const payoutStatusChoices = [
  { id: 'held', name: 'Held' },
  { id: 'approved', name: 'Approved' },
  { id: 'declined', name: 'Declined' },
];

/** The ledger's state of a payout's coins. */
export const holdStateChoices = [
  { id: 'pending', name: 'Held' },
  { id: 'posted', name: 'Paid' },
  { id: 'voided', name: 'Given back' },
];

export const roleChoices = [
  { id: 'admin', name: 'Admin: changes anything' },
  { id: 'operator', name: 'Operator: reads everything, retries queues' },
];

export function choiceName(choices: { id: string; name: string }[], id: string | undefined): string {
  return choices.find((choice) => choice.id === id)?.name ?? id ?? '';
}
