import { toast } from './dom.js';
import { setPollVote, setReaction } from './telegram-chat-state.js';

/**
 * What the played Telegram user does to the messages of the chat shown (telegram-pane.js): presses
 * inline buttons and waits for the bot's answer, votes in polls, reacts, opens Mini Apps. Each
 * sends one control API call and updates `state`; `renderChat` draws the result, `fail(what)`
 * reports a refusal, `toasts` shows the bot's callback answers.
 */
export function createMessageActions(state, api, { renderChat, fail, toasts }) {
  /**
   * Opens a Mini App in a new tab as the chosen user, as Telegram would open it: the bot's menu
   * button's, or `appUrl` (a web_app button of a message or the reply keyboard).
   */
  async function openWebApp(appUrl) {
    if (!state.bot || state.userId === null) return;
    // Opened before the answer arrives, so the browser does not take it for an unasked pop-up.
    const tab = window.open('about:blank', '_blank');
    try {
      const { url } = await api.openWebApp({ user: state.userId, bot: state.bot.id, url: appUrl });
      if (tab) tab.location.href = url;
      else window.location.assign(url);
    } catch (error) {
      tab?.close();
      fail('Could not open the Mini App')(error);
    }
  }

  /** Where the played user acts: the private chat with the bot, or the group shown. */
  function place() {
    return state.groupId === null
      ? { from: state.userId, bot: state.bot.id }
      : { from: state.userId, chatId: state.groupId };
  }

  async function vote(messageId, optionIds) {
    try {
      await api.votePoll({ ...place(), messageId, optionIds });
      setPollVote(state.chat, messageId, state.userId, optionIds);
      renderChat();
    } catch (error) {
      fail('Vote not counted')(error);
    }
  }

  /** Opens or closes the reaction picker of a message (one at a time). */
  function pickReaction(messageId) {
    state.reactingTo = state.reactingTo === messageId ? null : messageId;
    renderChat();
  }

  async function react(messageId, reaction) {
    state.reactingTo = null;
    try {
      const { newReaction } = await api.react({ ...place(), messageId, reaction });
      setReaction(state.chat, messageId, `user:${state.userId}`, newReaction);
    } catch (error) {
      fail('Reaction not set')(error);
    }
    renderChat();
  }

  async function press(messageId, button) {
    const key = `${messageId}:${button.callback_data}`;
    state.pressed.add(key);
    renderChat();
    try {
      const data = button.callback_data;
      const { callbackQuery } =
        state.groupId === null
          ? await api.pressButton({ from: state.userId, bot: state.bot.id, messageId, data })
          : await api.pressGroupButton({ from: state.userId, chatId: state.groupId, messageId, data });
      const early = state.answers.get(callbackQuery.id);
      state.answers.set(callbackQuery.id, { key, answer: early?.answer });
      if (early?.answer) showAnswer(callbackQuery.id, early.answer);
      // Telegram's apps stop waiting after a while even when the bot never answers.
      setTimeout(() => {
        if (state.pressed.delete(key)) renderChat();
      }, 10_000);
    } catch (error) {
      state.pressed.delete(key);
      renderChat();
      fail('Button press failed')(error);
    }
  }

  function showAnswer(callbackQueryId, answer) {
    const pending = state.answers.get(callbackQueryId);
    if (!pending?.key) {
      state.answers.set(callbackQueryId, { answer });
      return;
    }
    state.answers.delete(callbackQueryId);
    state.pressed.delete(pending.key);
    renderChat();
    if (answer?.text) toast(toasts, answer.text, { alert: answer.showAlert === true });
  }

  return { openWebApp, vote, pickReaction, react, press, showAnswer };
}
