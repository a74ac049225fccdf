import type { BulkOutcome } from '../api/data-provider.ts';

/**
 * "Approved 3 of 4. Not approved: already rejected." Bulk actions act on each record on its own;
 * the ones left alone say why.
 */
export function describeBulkOutcome(verb: string, done: number, asked: number, outcome: BulkOutcome): string {
  const head = done === asked ? `${verb} ${done}.` : `${verb} ${done} of ${asked}.`;
  const reasons = [
    ...new Set(
      outcome.results
        .map((result) => result.reason ?? result.message)
        .filter((reason): reason is string => typeof reason === 'string'),
    ),
  ];
  return reasons.length && done < asked ? `${head} The others: ${reasons.slice(0, 3).join('; ')}.` : head;
}
