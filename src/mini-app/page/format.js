// The Mini App's texts are ICU MessageFormat, as in the locale files (src/texts/locales/*/pages.json).
// The page formats the part of it those texts use, without a library: `{name}`, and
// `{name, plural, one {…} other {…}}` / `{name, select, …}` with `#` and `=N`. A test checks every
// Mini App text formats here exactly as intl-messageformat formats it on the server.

/**
 * The text with its placeholders filled: a plain `{name}` inserts the value as given (pass numbers
 * already written with `formatNumber`), a plural chooses its form by the language's rules.
 */
export function formatText(source, values, language) {
  return formatFrom(source, values ?? {}, language, null);
}

/** A number written the way the language writes it (12,345 in English, 12 345 in Russian). */
export function formatNumber(value, language) {
  return new Intl.NumberFormat(language).format(value);
}

// `pound` is the number a `#` stands for inside a plural's form, else null.
function formatFrom(source, values, language, pound) {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === '#' && pound !== null) {
      out += formatNumber(pound, language);
      i += 1;
    } else if (c === '{') {
      const [text, next] = formatArgument(source, i + 1, values, language);
      out += text;
      i = next;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

function formatArgument(source, start, values, language) {
  const head = /^\s*([A-Za-z0-9_]+)\s*(?:,\s*(plural|select)\s*,)?/.exec(source.slice(start));
  if (!head) throw new Error(`Unreadable placeholder at ${start} in: ${source}`);
  const [matched, name, type] = head;
  const value = values[name];
  let i = start + matched.length;
  if (!type) {
    i = skipSpaces(source, i);
    if (source[i] !== '}') throw new Error(`Unclosed placeholder {${name} in: ${source}`);
    return [value === undefined ? '' : String(value), i + 1];
  }
  const options = new Map();
  for (;;) {
    i = skipSpaces(source, i);
    if (source[i] === '}') break;
    const selector = /^[^\s{}]+/.exec(source.slice(i));
    if (!selector) throw new Error(`Unreadable ${type} in: ${source}`);
    i = skipSpaces(source, i + selector[0].length);
    if (source[i] !== '{') throw new Error(`A ${type} form needs braces in: ${source}`);
    const end = matchingBrace(source, i);
    options.set(selector[0], source.slice(i + 1, end));
    i = end + 1;
  }
  const chosen =
    type === 'plural' ? pluralForm(options, Number(value), language) : selectForm(options, value);
  const pound = type === 'plural' ? Number(value) : null;
  return [formatFrom(chosen ?? '', values, language, pound), i + 1];
}

function pluralForm(options, number, language) {
  return (
    options.get(`=${number}`) ??
    options.get(new Intl.PluralRules(language).select(number)) ??
    options.get('other')
  );
}

function selectForm(options, value) {
  return options.get(String(value)) ?? options.get('other');
}

function skipSpaces(source, i) {
  let at = i;
  while (at < source.length && /\s/.test(source[at])) at += 1;
  return at;
}

function matchingBrace(source, open) {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    if (source[i] === '{') depth += 1;
    else if (source[i] === '}' && --depth === 0) return i;
  }
  throw new Error(`Unclosed braces in: ${source}`);
}
