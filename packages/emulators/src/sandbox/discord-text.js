import { h, safeUrl } from './dom.js';

/**
 * Discord message content as DOM nodes: the common markdown (code, bold, italic, underline,
 * strikethrough), mentions shown by name and bare links. `names` resolves ids:
 * `{ user(id), role(id), channel(id) }`, each returning a name or undefined.
 */
export function discordContent(text, names) {
  const pieces = text.split(/(```[\s\S]+?```|`[^`\n]+`)/);
  return pieces.flatMap((piece, index) => {
    if (index % 2 === 0) return inline(piece, names);
    if (piece.startsWith('```')) return [h('pre', {}, piece.slice(3, -3).replace(/^[a-z]*\n/, ''))];
    return [h('code', {}, piece.slice(1, -1))];
  });
}

const INLINE =
  /(\*\*[\s\S]+?\*\*|__[\s\S]+?__|~~[\s\S]+?~~|\*[^*\n]+\*|_[^_\n]+_|<@!?\d+>|<@&\d+>|<#\d+>|https?:\/\/[^\s<>]+)/;

function inline(text, names) {
  if (!text) return [];
  return text
    .split(INLINE)
    .flatMap((part, index) => (index % 2 === 0 ? (part ? [part] : []) : [token(part, names)]));
}

function token(part, names) {
  if (part.startsWith('**')) return h('strong', {}, inline(part.slice(2, -2), names));
  if (part.startsWith('__')) return h('u', {}, inline(part.slice(2, -2), names));
  if (part.startsWith('~~')) return h('s', {}, inline(part.slice(2, -2), names));
  if (part.startsWith('<@&')) return mention(`@${names.role(part.slice(3, -1)) ?? 'unknown role'}`);
  if (part.startsWith('<@')) return mention(`@${names.user(part.replace(/[<@!>]/g, '')) ?? 'unknown user'}`);
  if (part.startsWith('<#')) return mention(`#${names.channel(part.slice(2, -1)) ?? 'unknown channel'}`);
  if (part.startsWith('http')) {
    const href = safeUrl(part);
    return href ? h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, part) : part;
  }
  return h('em', {}, inline(part.slice(1, -1), names));
}

function mention(label) {
  return h('span', { class: 'dc-mention' }, label);
}

/** Embeds as cards: author, title (linked), description, fields, footer; the colour as a bar. */
export function embedCards(embeds, names) {
  return (embeds ?? []).map((embed) => {
    const colour = typeof embed.color === 'number' ? `#${embed.color.toString(16).padStart(6, '0')}` : null;
    const title = embed.title
      ? h(
          'div',
          { class: 'dc-embed-title' },
          embed.url && safeUrl(embed.url)
            ? h('a', { href: embed.url, target: '_blank', rel: 'noopener noreferrer' }, embed.title)
            : embed.title,
        )
      : null;
    return h(
      'div',
      { class: 'dc-embed', style: colour ? { '--embed-colour': colour } : undefined },
      embed.author?.name ? h('div', { class: 'dc-embed-author' }, embed.author.name) : null,
      title,
      embed.description
        ? h('div', { class: 'dc-embed-text' }, discordContent(embed.description, names))
        : null,
      embed.fields?.length
        ? h(
            'div',
            { class: 'dc-embed-fields' },
            embed.fields.map((field) =>
              h(
                'div',
                { class: `dc-embed-field${field.inline ? ' inline' : ''}` },
                h('div', { class: 'dc-embed-field-name' }, field.name),
                h('div', { class: 'dc-embed-text' }, discordContent(String(field.value ?? ''), names)),
              ),
            ),
          )
        : null,
      embed.footer?.text ? h('div', { class: 'dc-embed-footer' }, embed.footer.text) : null,
    );
  });
}

const BUTTON_STYLES = { 1: 'primary', 2: 'secondary', 3: 'success', 4: 'danger', 5: 'link', 6: 'premium' };

/**
 * A message's components: buttons and string select menus work (`onPress(customId, values?)`);
 * link buttons open their URL; other selects are shown but not emulated here.
 */
export function componentRows(components, { onPress, busy }) {
  return (components ?? [])
    .filter((row) => row.type === 1)
    .map((row) =>
      h(
        'div',
        { class: 'dc-components' },
        (row.components ?? []).map((component) => {
          if (component.type === 2) return button(component, onPress, busy);
          if (component.type === 3) return select(component, onPress);
          return h(
            'span',
            { class: 'dc-button secondary', title: 'Not emulated in the sandbox' },
            'Select menu',
          );
        }),
      ),
    );
}

function button(component, onPress, busy) {
  const label = [component.emoji?.name, component.label].filter(Boolean).join(' ') || '…';
  const style = BUTTON_STYLES[component.style] ?? 'secondary';
  if (component.style === 5)
    return h(
      'a',
      { class: 'dc-button link', href: component.url, target: '_blank', rel: 'noopener noreferrer' },
      `${label} ↗`,
    );
  const waiting = busy(component.custom_id);
  return h(
    'button',
    {
      type: 'button',
      class: `dc-button ${style}${waiting ? ' busy' : ''}`,
      disabled: component.disabled === true || waiting,
      onclick: () => onPress(component.custom_id),
    },
    label,
  );
}

function select(component, onPress) {
  return h(
    'select',
    {
      class: 'dc-select',
      disabled: component.disabled === true,
      'aria-label': component.placeholder ?? 'Choose',
      onchange: (event) => {
        if (event.target.value) onPress(component.custom_id, [event.target.value]);
      },
    },
    h('option', { value: '' }, component.placeholder ?? 'Make a selection'),
    (component.options ?? []).map((option) => h('option', { value: option.value }, option.label)),
  );
}
