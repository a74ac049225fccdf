import type { MenuItem, ScenarioView } from '../content/content-cache.ts';
import type { ScenarioReward } from '../content/scenario-rewards.ts';
import { rewardText } from '../core/text-format.ts';

/** Texts of the main menu and the scenario pages, the same on Telegram and Discord (plain text). */

export function menuReply(items: readonly MenuItem[], displayName?: string): string {
  const hello = `👋 Hi${displayName ? ` ${displayName}` : ''}!`;
  if (items.length === 0) return `${hello} The menu is empty for now: send /help to see what I can do.`;
  return `${hello} What would you like to do?`;
}

export function scenarioReply(scenario: Pick<ScenarioView, 'title' | 'text'>): string {
  return `${scenario.title}\n\n${scenario.text}`;
}

/** The line sent after a page whose reward this open paid (only the first open, on any platform). */
export function scenarioRewardReply(reward: Pick<ScenarioReward, 'xp' | 'coins'>): string {
  return `🎁 ${rewardText(reward.xp, reward.coins)} for reading this page!`;
}

export function scenarioGoneReply(): string {
  return 'This page is not available anymore. Send /start for the menu.';
}
