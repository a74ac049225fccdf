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

/**
 * The form Discord's client shows after picking a slash command: a subcommand choice when the
 * command has them, then one input per option of the registered definition (choices as a list,
 * users, roles and channels picked from the guild). `onRun({ subcommandGroup, subcommand,
 * options })` gets the values typed as the control API's `POST /interactions/commands` wants them.
 *
 * @param {object} input
 * @param {object} input.command the registered command (Discord's shape)
 * @param {{ members: Array<{id: string, name: string}>, roles: Array<{id: string, name: string}>,
 *   channels: Array<{id: string, name: string}> }} input.guild what user, role and channel options offer
 */
export function commandForm({ command, guild, onRun, onCancel }) {
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
  const renderFields = () => {
    const options = pathSelect ? (currentPath()?.options ?? []) : (command.options ?? []);
    fields.replaceChildren(
      ...(options.length
        ? options.map((option) => field(option, guild))
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

function field(option, guild) {
  const name = `opt-${option.name}`;
  const label = h('span', {}, option.name, option.required ? h('span', { class: 'required' }, ' *') : null);
  const hint = option.description ? h('small', { class: 'muted' }, option.description) : null;
  return h('label', { class: 'field' }, label, control(option, name, guild), hint);
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

/** The typed values by option name; empty optional fields are left out. */
function readValues(form, definitions) {
  const values = {};
  for (const option of definitions) {
    const raw = form.elements.namedItem(`opt-${option.name}`)?.value ?? '';
    if (raw === '') continue;
    if (option.type === Option.Integer || option.type === Option.Number) values[option.name] = Number(raw);
    else if (option.type === Option.Boolean) values[option.name] = raw === 'true';
    else values[option.name] = raw;
  }
  return values;
}
