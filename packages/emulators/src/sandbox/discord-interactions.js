import { commandForm } from './discord-command-form.js';

/** Discord's client gives up on an interaction after 3 s without a response. */
const RESPONSE_TIMEOUT_MS = 3500;

/**
 * The Discord pane's slash commands and message components: the options form, running and
 * pressing them as the member played, and the notice when the bot leaves one unanswered.
 */
export function createDiscordInteractions({ state, ui, api, lookups, fail, renderMessages }) {
  const { players, memberName } = lookups;

  function openCommand(command) {
    ui.input.value = '';
    ui.commandMenu.hidden = true;
    const hasOptions = (command.options ?? []).length > 0;
    if (!hasOptions) {
      void runCommand(command, {});
      return;
    }
    ui.commandSlot.replaceChildren(
      commandForm({
        command: inLocale(command, lookups.localeOf(state.memberId)),
        guild: {
          members: players().map((m) => ({ id: m.user.id, name: memberName(m) })),
          roles: (state.guild?.roles ?? []).filter((r) => r.id !== state.guild.id),
          channels: state.guild?.channels ?? [],
        },
        onRun: (input) => {
          ui.commandSlot.replaceChildren();
          void runCommand(command, input);
        },
        onCancel: () => ui.commandSlot.replaceChildren(),
      }),
    );
  }

  async function runCommand(command, { subcommandGroup, subcommand, options }) {
    try {
      const interaction = await api.runCommand({
        channelId: state.channelId,
        userId: state.memberId,
        applicationId: command.application_id,
        name: command.name,
        subcommandGroup,
        subcommand,
        options,
      });
      expectResponse(
        interaction,
        `/${[command.name, subcommandGroup, subcommand].filter(Boolean).join(' ')}`,
      );
    } catch (error) {
      fail(`/${command.name} refused`)(error);
    }
  }

  async function press(message, customId, values) {
    const key = `${message.id}:${customId}`;
    state.busyComponents.add(key);
    renderMessages();
    try {
      const interaction = await api.pressComponent({
        messageId: message.id,
        userId: state.memberId,
        customId,
        values,
      });
      expectResponse(interaction, 'the button', key);
    } catch (error) {
      state.busyComponents.delete(key);
      renderMessages();
      fail('Button press refused')(error);
    }
  }

  /** Notes in the chat when the bot leaves an interaction unanswered, as Discord's client does. */
  function expectResponse(interaction, what, componentKey) {
    if (interaction.response) return settleComponent(componentKey);
    const timer = setTimeout(() => {
      state.pending.delete(interaction.id);
      settleComponent(componentKey);
      state.notices.push({
        channelId: state.channelId,
        at: Date.now(),
        text: `${state.bot?.user.username ?? 'The bot'} did not respond to ${what} ("The application did not respond")`,
      });
      renderMessages();
    }, RESPONSE_TIMEOUT_MS);
    state.pending.set(interaction.id, { timer, componentKey });
  }

  function settle(interactionId) {
    const pending = state.pending.get(interactionId);
    if (!pending) return;
    clearTimeout(pending.timer);
    state.pending.delete(interactionId);
    settleComponent(pending.componentKey);
  }

  function settleComponent(key) {
    if (key && state.busyComponents.delete(key)) renderMessages();
  }

  return { openCommand, press, settle };
}

/**
 * The command as Discord's app shows it to someone whose app is in `locale`: descriptions and choice
 * names in that language where the bot gave them. Names and values stay what the bot receives.
 */
function inLocale(command, locale) {
  const localized = (item) => ({
    ...item,
    ...(item.description_localizations?.[locale]
      ? { description: item.description_localizations[locale] }
      : {}),
    ...(item.options ? { options: item.options.map(localized) } : {}),
    ...(item.choices
      ? {
          choices: item.choices.map((choice) => ({
            ...choice,
            name: choice.name_localizations?.[locale] ?? choice.name,
          })),
        }
      : {}),
  });
  return localized(command);
}
