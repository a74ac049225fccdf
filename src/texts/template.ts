import {
  isArgumentElement,
  isDateElement,
  isNumberElement,
  isPluralElement,
  isSelectElement,
  isTimeElement,
  type MessageFormatElement,
  parse,
  TYPE,
} from '@formatjs/icu-messageformat-parser';
import { type Language, languageNames } from './languages.ts';
import { isNumberPlaceholder } from './placeholders.ts';

/**
 * Texts are ICU MessageFormat: `{player}` is a placeholder, and
 * `{coins, plural, one {# coin} other {# coins}}` chooses the form the language needs (Russian has
 * one, few, many: 1 монета, 3 монеты, 5 монет). Tags are plain text: the bots send plain text.
 */
const parserOptions = { ignoreTag: true, requiresOtherClause: true, captureLocation: true } as const;

/** The longest text an admin may save: a Discord message holds 2,000 characters, with room for values. */
export const maxTemplateLength = 1500;

/** The placeholders a template uses, in order of first use. */
export function placeholdersIn(elements: readonly MessageFormatElement[]): string[] {
  const found = new Set<string>();
  const visit = (nodes: readonly MessageFormatElement[]) => {
    for (const node of nodes) {
      if ('value' in node && node.type !== TYPE.literal && typeof node.value === 'string')
        found.add(node.value);
      if (isPluralElement(node) || isSelectElement(node)) {
        for (const option of Object.values(node.options)) visit(option.value);
      }
    }
  };
  visit(elements);
  return [...found];
}

export function parseTemplate(source: string): MessageFormatElement[] {
  return parse(source, parserOptions);
}

/** What the parser's error kinds mean, said for the admin who typed the text. */
const syntaxProblems: Record<string, string> = {
  EXPECT_ARGUMENT_CLOSING_BRACE: 'a placeholder is not closed: add "}"',
  EMPTY_ARGUMENT: 'a placeholder is empty: write its name between the braces, e.g. {player}',
  MALFORMED_ARGUMENT: 'a placeholder name may hold only letters, digits and "_"',
  EXPECT_ARGUMENT_TYPE: 'after "," a placeholder needs a type such as plural',
  INVALID_ARGUMENT_TYPE: 'a placeholder type must be plural, select or number',
  MISSING_OTHER_CLAUSE: 'a plural or select needs an "other {…}" form',
  EXPECT_PLURAL_ARGUMENT_SELECTOR: 'a plural needs its forms, e.g. one {# coin} other {# coins}',
  EXPECT_PLURAL_ARGUMENT_SELECTOR_FRAGMENT: 'each plural form needs its text in braces, e.g. one {# coin}',
  EXPECT_SELECT_ARGUMENT_SELECTOR_FRAGMENT: 'each select choice needs its text in braces',
  DUPLICATE_PLURAL_ARGUMENT_SELECTOR: 'a plural names the same form twice',
  DUPLICATE_SELECT_ARGUMENT_SELECTOR: 'a select names the same choice twice',
  INVALID_PLURAL_ARGUMENT_SELECTOR: 'a plural form must be zero, one, two, few, many, other or =N',
};

/**
 * Why a template cannot be used for a text, or an empty list when it can: it must parse, use only
 * the placeholders the text offers, choose plurals by a number, and give every plural form the
 * language has (and none it lacks). Each problem is a sentence for the admin who typed it.
 */
export function templateProblems(
  source: string,
  { language, allowed }: { language: Language; allowed: readonly string[] },
): string[] {
  if (source.trim() === '') return ['the text is empty'];
  if (source.length > maxTemplateLength) {
    return [`the text is ${source.length} characters long; at most ${maxTemplateLength} fit in a message`];
  }
  let elements: MessageFormatElement[];
  try {
    elements = parseTemplate(source);
  } catch (error) {
    const kind = error instanceof Error ? error.message : String(error);
    const at = (error as { location?: { start?: { offset?: number } } }).location?.start?.offset;
    const where = typeof at === 'number' ? ` (at character ${at + 1})` : '';
    return [`${syntaxProblems[kind] ?? `the text does not parse: ${kind}`}${where}`];
  }
  const problems: string[] = [];
  const offered = allowed.length ? allowed.map((p) => `{${p}}`).join(', ') : 'none';
  for (const name of placeholdersIn(elements)) {
    if (!allowed.includes(name)) {
      problems.push(`{${name}} is not a placeholder of this text; it can use ${offered}`);
    }
  }
  problems.push(...pluralProblems(elements, language));
  return problems;
}

function pluralProblems(elements: readonly MessageFormatElement[], language: Language): string[] {
  const problems: string[] = [];
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories as string[];
  const visit = (nodes: readonly MessageFormatElement[]) => {
    for (const node of nodes) {
      if (isPluralElement(node)) {
        if (!isNumberPlaceholder(node.value))
          problems.push(`{${node.value}} is not a number, so it has no plural`);
        const forms = Object.keys(node.options).filter((form) => !form.startsWith('='));
        // Only "other" (with exact =N cases) says the words do not change with the number; naming some
        // forms but not all is a translation that breaks at the first number it forgot.
        const varies = forms.some((form) => form !== 'other');
        const missing = varies ? categories.filter((c) => !forms.includes(c)) : [];
        const foreign = forms.filter((form) => !categories.includes(form));
        if (missing.length) {
          problems.push(
            `the plural of {${node.value}} lacks the form${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; ` +
              `${languageNames[language]} uses ${categories.join(', ')}`,
          );
        }
        if (foreign.length) {
          problems.push(
            `the plural of {${node.value}} has ${foreign.join(', ')}, which ${languageNames[language]} never uses ` +
              `(it uses ${categories.join(', ')})`,
          );
        }
      }
      if (
        (isNumberElement(node) || isDateElement(node) || isTimeElement(node)) &&
        !isNumberPlaceholder(node.value)
      ) {
        problems.push(`{${node.value}} is not a number`);
      }
      if (isPluralElement(node) || isSelectElement(node)) {
        for (const option of Object.values(node.options)) visit(option.value);
      }
    }
  };
  visit(elements);
  return problems;
}

/**
 * The template ready to format: a plain `{xp}` of a number placeholder is written as a number in
 * the reader's language (12,345 in English, 12 345 in Russian), as `#` in a plural already is.
 */
export function withNumbersFormatted(elements: MessageFormatElement[]): MessageFormatElement[] {
  return elements.map((node) => {
    if (isArgumentElement(node) && isNumberPlaceholder(node.value)) {
      return { type: TYPE.number, value: node.value, style: null, location: node.location };
    }
    if (isPluralElement(node) || isSelectElement(node)) {
      const options = Object.fromEntries(
        Object.entries(node.options).map(([form, option]) => [
          form,
          { ...option, value: withNumbersFormatted(option.value) },
        ]),
      );
      return { ...node, options };
    }
    return node;
  });
}
