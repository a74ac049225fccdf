import { Composer, Markup } from 'telegraf';
import { message } from 'telegraf/filters';
import {
  proofPromptReply,
  submissionReply,
  submitButtonLabel,
  submitUsageReply,
  taskListReply,
  taskUnavailableReply,
} from '../../replies/tasks.ts';
import { listTasksForPlayer } from '../../tasks/list-tasks.ts';
import { submitTask } from '../../tasks/submit-task.ts';
import type { ConversationSteps } from '../conversation-steps.ts';
import type { Feature } from '../feature.ts';
import { callbackData, callbackPatterns } from '../keyboards.ts';
import { playerIdOf, type TandemContext, textsOf } from '../tandem-context.ts';
import type { TelegramDeps } from '../telegram-deps.ts';

/** `<taskId> <proof>`: the proof is everything after the id, spaces and all. */
const submitArguments = /^(\d{1,9})\s+([\s\S]+)$/;

/**
 * `/tasks` lists the active tasks, each open one with a "Submit proof" button; the button makes the
 * player's next plain message the proof. `/submit <taskId> <proof>` does it in one go.
 */
export function tasksFeature(deps: TelegramDeps, steps: ConversationSteps): Feature {
  const submit = (ctx: TandemContext, taskId: number, proof: string) =>
    submitTask(deps, { playerId: playerIdOf(ctx), taskId, proof, platform: 'telegram' }).then((result) =>
      ctx.reply(submissionReply(textsOf(ctx), result)),
    );

  const composer = new Composer<TandemContext>();
  composer.action(callbackPatterns.taskProof, async (ctx) => {
    const taskId = Number(ctx.match[1]);
    const task = (await deps.content.tasks()).find((t) => t.id === taskId);
    await ctx.answerCbQuery();
    if (!task || !ctx.chat || !ctx.from) return ctx.reply(taskUnavailableReply(textsOf(ctx)));
    await steps.expect(ctx.chat.id, ctx.from.id, { kind: 'task_proof', taskId });
    return ctx.reply(proofPromptReply(textsOf(ctx), task));
  });
  composer.on(message('text'), async (ctx, next) => {
    const step = await steps.take(ctx.chat.id, ctx.from.id);
    if (!step) return next();
    return submit(ctx, step.taskId, ctx.message.text);
  });

  return {
    commands: [
      {
        name: 'tasks',
        async run(ctx) {
          const tasks = await listTasksForPlayer(deps, playerIdOf(ctx));
          const open = tasks.filter(
            (t) => t.submission?.status !== 'pending' && t.submission?.status !== 'approved',
          );
          const t = textsOf(ctx);
          const buttons = open.map((task) => [
            Markup.button.callback(submitButtonLabel(t, task), callbackData.taskProof(task.id)),
          ]);
          return ctx.reply(taskListReply(t, tasks), Markup.inlineKeyboard(buttons));
        },
      },
      {
        name: 'submit',
        async run(ctx, args) {
          const parsed = submitArguments.exec(args);
          if (!parsed) return ctx.reply(submitUsageReply(textsOf(ctx)));
          return submit(ctx, Number(parsed[1]), parsed[2]!.trim());
        },
      },
    ],
    composer,
  };
}
