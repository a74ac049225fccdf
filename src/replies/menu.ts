import type { MenuItem, ScenarioView } from '../content/content-cache.ts';
import type { ScenarioReward } from '../content/scenario-rewards.ts';
import type { Translate } from '../texts/texts.ts';
import { rewardOf } from './reply-format.ts';

/**
 * Texts of the main menu and the scenario pages, the same on Telegram and Discord (plain text). The
 * pages and buttons are the community's own content, shown as authored; only the words around them
 * are Tandem's.
 */

export function menuReply(t: Translate, items: readonly MenuItem[], displayName?: string): string {
  const hello = displayName ? t('reply.menu.hello', { player: displayName }) : t('reply.menu.helloAnonymous');
  return `${hello} ${items.length === 0 ? t('reply.menu.empty') : t('reply.menu.choose')}`;
}

export function scenarioReply(scenario: Pick<ScenarioView, 'title' | 'text'>): string {
  return `${scenario.title}\n\n${scenario.text}`;
}

/** The line sent after a page whose reward this open paid (only the first open, on any platform). */
export function scenarioRewardReply(t: Translate, reward: Pick<ScenarioReward, 'xp' | 'coins'>): string {
  return t('reply.menu.pageReward', { reward: rewardOf(t, reward.xp, reward.coins) });
}

export function scenarioGoneReply(t: Translate): string {
  return t('reply.menu.pageGone');
}
