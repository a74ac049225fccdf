import { Composer, TelegramError } from 'telegraf';
import type { ScenarioView } from '../../content/content-cache.ts';
import { claimScenarioReward } from '../../content/scenario-rewards.ts';
import { withoutNul } from '../../core/postgres-values.ts';
import { menuReply, scenarioGoneReply, scenarioReply, scenarioRewardReply } from '../../replies/menu.ts';
import type { BotCommand, Feature } from '../feature.ts';
import { callbackPatterns, linkButtons } from '../keyboards.ts';
import { playerIdOf, type TandemContext, textsOf } from '../tandem-context.ts';
import type { TelegramDeps } from '../telegram-deps.ts';
import { unknownCommandReply } from '../telegram-replies.ts';

/**
 * `/start` shows the admin-made main menu; its buttons open scenarios (pages with buttons of their
 * own), web links, or run a command as if it had been typed. Menu and scenarios come from the content
 * cache, which an admin edit empties (src/telegram/follow-admin-changes.ts).
 */
export function menuFeature(
  deps: TelegramDeps,
  findCommand: (name: string) => BotCommand | undefined,
): Feature {
  const showMenu = async (ctx: TandemContext) => {
    const items = await deps.content.menu();
    const firstName = ctx.from ? withoutNul(ctx.from.first_name) : undefined;
    return ctx.reply(menuReply(textsOf(ctx), items, firstName), linkButtons(items));
  };

  /** Shows a page; one with a reward pays each player once, whichever platform they open it on. */
  const openScenario = async (ctx: TandemContext, scenario: ScenarioView, inPlace: boolean) => {
    const reward = await claimScenarioReward(deps, {
      playerId: playerIdOf(ctx),
      scenario,
      source: 'telegram',
    });
    if (ctx.callbackQuery) await ctx.answerCbQuery();
    const text = scenarioReply(scenario);
    const keyboard = linkButtons(scenario.buttons);
    await (inPlace ? showInPlace(ctx, text, keyboard) : ctx.reply(text, keyboard));
    if (reward.granted) await ctx.reply(scenarioRewardReply(textsOf(ctx), reward));
  };

  const composer = new Composer<TandemContext>();
  composer.action(callbackPatterns.scenario, async (ctx) => {
    const scenario = await deps.content.scenario(Number(ctx.match[1]));
    if (scenario) return openScenario(ctx, scenario, true);
    await ctx.answerCbQuery();
    return ctx.reply(scenarioGoneReply(textsOf(ctx)));
  });
  composer.action(callbackPatterns.command, async (ctx) => {
    await ctx.answerCbQuery();
    // An admin may name a command only the Discord bot has (/sync): say so rather than do nothing.
    const command = findCommand(ctx.match[1]!);
    return command ? command.run(ctx, '') : ctx.reply(unknownCommandReply(textsOf(ctx)));
  });

  return {
    commands: [
      {
        name: 'start',
        // `t.me/<bot>?start=<slug>` links open a page directly (Telegram sends `/start <slug>`).
        async run(ctx, args) {
          const scenario = args ? await deps.content.scenarioBySlug(args) : null;
          return scenario ? openScenario(ctx, scenario, false) : showMenu(ctx);
        },
      },
    ],
    composer,
  };
}

/**
 * Shows a page in place of the message whose button was pressed; pressing the button of the page
 * already shown changes nothing. A message Telegram no longer lets us edit gets the page below it.
 */
async function showInPlace(ctx: TandemContext, text: string, keyboard: ReturnType<typeof linkButtons>) {
  try {
    await ctx.editMessageText(text, keyboard);
  } catch (error) {
    if (error instanceof TelegramError && error.description.includes('message is not modified')) return;
    await ctx.reply(text, keyboard);
  }
}
