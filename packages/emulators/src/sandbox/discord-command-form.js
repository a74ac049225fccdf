import { h } from './dom.js';

const Option = {
  Subcommand: 1,
  SubcommandGroup: 2,
  String: 3,
  Integer: 4,
  Boolean: 5,
  User: 6,
  Channel: 7,
  Role: 8,
  Mentionable: 9,
  Number: 10,
};

/** Waits this long after the last keystroke before asking the bot for suggestions. */
const AUTOCOMPLETE_DELAY_MS = 250;

/**
 * The form Discord's client shows after picking a slash command: a subcommand choice when the
 * command has them, then one input per option of the registered definition (choices as a list,
 * users, roles and channels picked from the guild). `onRun({ subcommandGroup, subcommand,
 * options })` gets the values typed as the control API's `POST /interactions/commands` wants them.
 * Options registered with `autocomplete` offer what `onAutocomplete({ subcommandGroup,
 * subcommand, options, focused })` resolves to (the bot's choices) while the member types.
 *
 * @param {object} input
 * @param {object} input.command the registered command (Discord's shape)
 * @param {{ members: Array<{id: string, name: string}>, roles: Array<{id: string, name: string}>,
 *   channels: Array<{id: string, name: string}> }} input.guild what user, role and channel options offer
 */
export function commandForm({ command, guild, onRun, onCancel, onAutocomplete }) {
  const paths = subcommandPaths(command);
  const fields = h('div', { class: 'command-fields' });
  const pathSelect = paths.length
    ? h(
        'select',
        { name: '__path', required: true, onchange: () => renderFields() },
        paths.map((path) => h('option', { value: path.key }, path.label)),
      )
    : null;

  const currentPath = () => paths.find((path) => path.key === pathSelect?.value);
  const currentOptions = () => (pathSelect ? (currentPath()?.options ?? []) : (command.options ?? []));
  /** Asks for suggestions for `option` with everything typed so far, the typed text as a string. */
  const suggest = async (option) => {
    const path = currentPath();
    const options = readValues(form, currentOptions(), option.name);
    return onAutocomplete
      ? onAutocomplete({
          subcommandGroup: path?.group,
          subcommand: path?.subcommand,
          options,
          focused: option.name,
        })
      : [];
  };
  const renderFields = () => {
    const options = currentOptions();
    fields.replaceChildren(
      ...(options.length
        ? options.map((option) => field(option, guild, suggest))
        : [h('p', { class: 'muted' }, 'No options')]),
    );
  };

  const form = h(
    'form',
    {
      class: 'command-form',
      onsubmit: (event) => {
        event.preventDefault();
        const path = currentPath();
        const definitions = path ? path.options : (command.options ?? []);
        onRun({
          subcommandGroup: path?.group,
          subcommand: path?.subcommand,
          options: readValues(form, definitions),
        });
      },
    },
    h(
      'div',
      { class: 'command-form-head' },
      h('strong', {}, `/${command.name}`),
      h('span', { class: 'muted' }, command.description),
    ),
    pathSelect ? h('label', { class: 'field' }, h('span', {}, 'Subcommand'), pathSelect) : null,
    fields,
    h(
      'div',
      { class: 'command-form-actions' },
      h('button', { type: 'button', class: 'ghost', onclick: onCancel }, 'Cancel'),
      h('button', { type: 'submit', class: 'primary' }, `Run /${command.name}`),
    ),
  );
  renderFields();
  return form;
}

/** `sub` or `group sub` for every subcommand, with its options. */
function subcommandPaths(command) {
  const paths = [];
  for (const option of command.options ?? []) {
    if (option.type === Option.Subcommand)
      paths.push({
        key: option.name,
        label: `${option.name} — ${option.description}`,
        subcommand: option.name,
        options: option.options ?? [],
      });
    if (option.type === Option.SubcommandGroup)
      for (const sub of option.options ?? [])
        paths.push({
          key: `${option.name} ${sub.name}`,
          label: `${option.name} ${sub.name} — ${sub.description}`,
          group: option.name,
          subcommand: sub.name,
          options: sub.options ?? [],
        });
  }
  return paths;
}

function field(option, guild, suggest) {
  const name = `opt-${option.name}`;
  const label = h('span', {}, option.name, option.required ? h('span', { class: 'required' }, ' *') : null);
  const hint = option.description ? h('small', { class: 'muted' }, option.description) : null;
  const input = option.autocomplete ? autocompleteInput(option, name, suggest) : control(option, name, guild);
  return h('label', { class: 'field' }, label, input, hint);
}

/** A text box whose suggestions are the bot's choices for what is typed, refreshed as it changes. */
function autocompleteInput(option, name, suggest) {
  const list = h('datalist', { id: `${name}-choices-${Math.random().toString(36).slice(2)}` });
  let timer;
  let asked = 0;
  const refresh = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const ask = ++asked;
      const choices = await suggest(option);
      // An older answer arriving late must not replace the suggestions for newer text.
      if (ask !== asked) return;
      list.replaceChildren(
        ...choices.map((choice) => h('option', { value: String(choice.value) }, choice.name)),
      );
    }, AUTOCOMPLETE_DELAY_MS);
  };
  const input = h('input', {
    name,
    required: option.required === true,
    type: 'text',
    autocomplete: 'off',
    list: list.id,
    oninput: refresh,
    onfocus: refresh,
  });
  return [input, list];
}

function control(option, name, guild) {
  const required = option.required === true;
  const blank = required ? null : h('option', { value: '' }, '—');
  if (option.choices?.length)
    return h(
      'select',
      { name, required },
      blank,
      option.choices.map((choice) => h('option', { value: String(choice.value) }, choice.name)),
    );
  switch (option.type) {
    case Option.Boolean:
      return h(
        'select',
        { name, required },
        blank,
        h('option', { value: 'true' }, 'True'),
        h('option', { value: 'false' }, 'False'),
      );
    case Option.Integer:
    case Option.Number:
      return h('input', {
        name,
        required,
        type: 'number',
        step: option.type === Option.Integer ? '1' : 'any',
        min: option.min_value,
        max: option.max_value,
      });
    case Option.User:
      return pick(name, required, guild.members);
    case Option.Role:
      return pick(
        name,
        required,
        guild.roles.map((role) => ({ ...role, name: `@${role.name}` })),
      );
    case Option.Channel:
      return pick(
        name,
        required,
        guild.channels.map((channel) => ({ ...channel, name: `#${channel.name}` })),
      );
    case Option.Mentionable:
      return pick(name, required, [
        ...guild.members,
        ...guild.roles.map((role) => ({ ...role, name: `@${role.name}` })),
      ]);
    default:
      return h('input', {
        name,
        required,
        type: 'text',
        minlength: option.min_length,
        maxlength: option.max_length,
      });
  }
}

function pick(name, required, items) {
  return h(
    'select',
    { name, required },
    h('option', { value: '' }, required ? 'Choose…' : '—'),
    items.map((item) => h('option', { value: item.id }, item.name)),
  );
}

/**
 * The typed values by option name; empty optional fields are left out. The `focused` option (the
 * one being typed into for autocomplete) keeps its text as typed, even empty.
 */
function readValues(form, definitions, focused) {
  const values = {};
  for (const option of definitions) {
    const raw = form.elements.namedItem(`opt-${option.name}`)?.value ?? '';
    if (option.name === focused) {
      values[option.name] = raw;
      continue;
    }
    if (raw === '') continue;
    if (option.type === Option.Integer || option.type === Option.Number) values[option.name] = Number(raw);
    else if (option.type === Option.Boolean) values[option.name] = raw === 'true';
    else values[option.name] = raw;
  }
  return values;
}
