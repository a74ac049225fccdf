import type { TranslateFunction } from 'react-admin';
import type { BulkOutcome } from '../api/data-provider.ts';

/**
 * "Approved 3 of 4. Not approved: already rejected." Bulk actions act on each record on its own;
 * the ones left alone say why.
 */
export function describeBulkOutcome(
  translate: TranslateFunction,
  verb: string,
  done: number,
  asked: number,
  outcome: BulkOutcome,
): string {
  const head =
    done === asked
      ? translate('tandem.bulk.all', { verb: translate(verb), done })
      : translate('tandem.bulk.some', { verb: translate(verb), done, asked });
  const reasons = [
    ...new Set(
      outcome.results
        .map((result) => result.reason ?? result.message)
        .filter((reason): reason is string => typeof reason === 'string'),
    ),
  ];
  return reasons.length && done < asked
    ? `${head} ${translate('tandem.bulk.others', { reasons: reasons.slice(0, 3).join('; ') })}`
    : head;
}
