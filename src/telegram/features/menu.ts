import { Composer, TelegramError } from 'telegraf';
import { claimScenarioReward } from '../../content/scenario-rewards.ts';
import { menuReply, scenarioGoneReply, scenarioReply, scenarioRewardReply } from '../../replies/menu.ts';
import type { BotDeps } from '../../runtime/bot-deps.ts';
import type { BotCommand, Feature } from '../feature.ts';
import { callbackPatterns, linkButtons } from '../keyboards.ts';
import { playerIdOf, type TandemContext } from '../tandem-context.ts';

/**
 * `/start` shows the admin-made main menu; its buttons open scenarios (pages with buttons of their
 * own), web links, or run a command as if it had been typed. Menu and scenarios come from the content
 * cache, which an admin edit empties (src/telegram/follow-admin-changes.ts).
 */
export function menuFeature(deps: BotDeps, findCommand: (name: string) => BotCommand | undefined): Feature {
  const showMenu = async (ctx: TandemContext) => {
    const items = await deps.content.menu();
    return ctx.reply(menuReply(items, ctx.from?.first_name), linkButtons(items));
  };

  const composer = new Composer<TandemContext>();
  composer.action(callbackPatterns.scenario, async (ctx) => {
    const scenario = await deps.content.scenario(Number(ctx.match[1]));
    if (!scenario) {
      await ctx.answerCbQuery();
      return ctx.reply(scenarioGoneReply());
    }
    // A page with a reward pays each player once, whichever platform they open it on.
    const reward =
      scenario.rewardXp > 0 || scenario.rewardCoins > 0
        ? await claimScenarioReward(deps, { playerId: playerIdOf(ctx), scenario, source: 'telegram' })
        : null;
    await ctx.answerCbQuery();
    // The page replaces the message it was opened from, so browsing does not flood the chat.
    await showPage(ctx, scenarioReply(scenario), linkButtons(scenario.buttons));
    if (reward?.granted) await ctx.reply(scenarioRewardReply(reward));
  });
  composer.action(callbackPatterns.command, async (ctx) => {
    await ctx.answerCbQuery();
    const command = findCommand(ctx.match[1]!);
    return command ? command.run(ctx, '') : showMenu(ctx);
  });

  return { commands: [{ name: 'start', run: showMenu }], composer };
}

/**
 * Shows a page in place of the message whose button was pressed; pressing the button of the page
 * already shown changes nothing. A message Telegram no longer lets us edit gets the page below it.
 */
async function showPage(ctx: TandemContext, text: string, keyboard: ReturnType<typeof linkButtons>) {
  try {
    await ctx.editMessageText(text, keyboard);
  } catch (error) {
    if (error instanceof TelegramError && error.description.includes('message is not modified')) return;
    await ctx.reply(text, keyboard);
  }
}
