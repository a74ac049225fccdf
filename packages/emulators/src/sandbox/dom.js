/**
 * Building the page out of elements and text nodes. Text from users and bots only ever becomes a
 * text node (or an attribute value), never markup.
 */

/**
 * `h('button', { class: 'primary', onclick }, 'Send')`. Strings and numbers among the children
 * become text nodes; null, undefined and false are skipped; arrays are flattened.
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) {
      if (typeof value !== 'function') throw new TypeError(`${key} must be a function`);
      element.addEventListener(key.slice(2), value);
    } else if (key === 'class') {
      element.className = value;
    } else if (key === 'style') {
      for (const [name, styleValue] of Object.entries(value)) element.style.setProperty(name, styleValue);
    } else if (key === 'value' || key === 'checked' || key === 'selected') {
      element[key] = value;
    } else if (key === 'href' || key === 'src') {
      const url = safeUrl(value);
      if (url) element.setAttribute(key, url);
    } else {
      element.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

/** Replaces `parent`'s children, taking the same children as {@link h}. */
export function fill(parent, ...children) {
  parent.replaceChildren();
  append(parent, children);
}

function append(parent, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (child instanceof Node) parent.append(child);
    else parent.append(document.createTextNode(String(child)));
  }
}

/** Only web links: a bot's `javascript:` URL is dropped. */
export function safeUrl(value) {
  try {
    const url = new URL(String(value), document.baseURI);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** `14:05` from epoch milliseconds, an ISO string or Unix seconds. */
export function clockTime(value) {
  const date = typeof value === 'number' && value < 1e12 ? new Date(value * 1000) : new Date(value);
  return Number.isNaN(date.getTime())
    ? ''
    : date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** Keeps a scrolled-to-bottom list at the bottom while `render` replaces its contents. */
export function renderKeepingScroll(list, render) {
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  render();
  if (atBottom) list.scrollTop = list.scrollHeight;
}

/** A short-lived notice inside `host`; alerts stay until dismissed. */
export function toast(host, text, { alert = false, tone = 'info' } = {}) {
  const close = () => note.remove();
  const note = h(
    'div',
    { class: `toast toast-${tone}${alert ? ' toast-alert' : ''}`, role: alert ? 'alertdialog' : 'status' },
    h('span', {}, text),
    alert ? h('button', { type: 'button', class: 'ghost', onclick: close }, 'OK') : null,
  );
  host.append(note);
  if (!alert) setTimeout(close, tone === 'error' ? 6000 : 3500);
}

/** The same colour for the same id, for avatars. */
export function colourFor(id) {
  let hash = 0;
  for (const char of String(id)) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return `hsl(${Math.abs(hash) % 360} 55% 48%)`;
}

/** Remembers a choice (the user or member a person plays) across reloads. */
export const remembered = {
  get(key) {
    try {
      return localStorage.getItem(`tandem-sandbox:${key}`);
    } catch {
      return null;
    }
  },
  set(key, value) {
    try {
      localStorage.setItem(`tandem-sandbox:${key}`, String(value));
    } catch {
      // Private browsing: the choice is simply not kept.
    }
  },
};

/** A select of a new person's app language: `options` are `[value, label]`, the first one chosen. */
export function languageSelect(name, label, options) {
  return h(
    'select',
    { name, 'aria-label': label, title: label },
    ...options.map(([value, text], i) => h('option', { value, selected: i === 0 }, text)),
  );
}
