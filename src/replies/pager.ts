import type { PagerCommandResult } from '../alerts/pager-command.ts';
import type { Translate } from '../texts/texts.ts';

/** The answer to `/pager`, the same on both bots. */
export function pagerReply(t: Translate, result: PagerCommandResult): string {
  switch (result.kind) {
    case 'confirmed':
      return t('reply.pager.confirmed', { name: result.username });
    case 'stopped':
      return t('reply.pager.stopped');
    case 'notSignedUp':
      return t('reply.pager.notSignedUp');
    case 'codeNotValid':
      return t('reply.pager.codeNotValid');
    case 'usage':
      return t('reply.pager.usage');
  }
}
