import { commandForm } from './discord-command-form.js';
import { modalForm } from './discord-modal-form.js';

/** Discord's client gives up on an interaction after 3 s without a response. */
const RESPONSE_TIMEOUT_MS = 3500;
/** Interaction callback type 9: the bot answered with a popup form. */
const MODAL_CALLBACK = 9;

/**
 * The Discord pane's slash commands and message components: the options form (with the bot's
 * autocomplete suggestions while typing), running and pressing them as the member played, the
 * modal a bot opens in answer, and the notice when the bot leaves one unanswered.
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
        onAutocomplete: (input) => suggest(command, input),
      }),
    );
  }

  /** `command` invoked by the member the page plays, in the channel it shows. */
  function asMember(command) {
    return {
      channelId: state.channelId,
      userId: state.memberId,
      applicationId: command.application_id,
      name: command.name,
    };
  }

  /** The bot's choices for what the member typed so far into an autocomplete option. */
  async function suggest(command, { subcommandGroup, subcommand, options, focused }) {
    try {
      const interaction = await api.typeIntoOption({
        ...asMember(command),
        subcommandGroup,
        subcommand,
        options,
        focused,
      });
      const answered = await api.interactionResponse(interaction.id, { timeoutMs: RESPONSE_TIMEOUT_MS });
      return answered.response?.data?.choices ?? [];
    } catch {
      // Discord's client shows no suggestions when the bot fails to give any.
      return [];
    }
  }

  /** The popup the bot opened; submitting it sends MODAL_SUBMIT and waits for the bot's answer. */
  function showModal(interactionId, modal) {
    ui.commandSlot.replaceChildren(
      modalForm({
        modal,
        onSubmit: async (values) => {
          ui.commandSlot.replaceChildren();
          try {
            const submission = await api.submitModal({ interactionId, values });
            expectResponse(submission, `the form "${modal.title}"`);
          } catch (error) {
            fail('Form refused')(error);
          }
        },
        onCancel: () => ui.commandSlot.replaceChildren(),
      }),
    );
  }

  async function runCommand(command, { subcommandGroup, subcommand, options }) {
    try {
      const interaction = await api.runCommand({
        ...asMember(command),
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
    if (interaction.response) {
      settleComponent(componentKey);
      if (interaction.response.type === MODAL_CALLBACK) showModal(interaction.id, interaction.response.data);
      return;
    }
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

  /** The bot answered an interaction this page started (`response`: its type and data, when known). */
  function settle(interactionId, response) {
    const pending = state.pending.get(interactionId);
    if (!pending) return;
    clearTimeout(pending.timer);
    state.pending.delete(interactionId);
    settleComponent(pending.componentKey);
    if (response?.type === MODAL_CALLBACK) showModal(interactionId, response.data);
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
