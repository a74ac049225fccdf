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
 * One reason a template cannot be used, by code with its values, so the panel can say it in the
 * admin's language (admin/src/i18n: `tandem.texts.problem.<code>`); `sentence` says it in English.
 * A syntax problem's code is `syntax.<the parser's error kind>` (`unparsable` for a kind not named here).
 */
export interface TemplateProblem {
  code: string;
  params: Record<string, string | number>;
  sentence: string;
}

function problem(code: string, params: Record<string, string | number>, sentence: string): TemplateProblem {
  return { code, params, sentence };
}

/**
 * Why a template cannot be used for a text, or an empty list when it can: it must parse, use only
 * the placeholders the text offers, choose plurals by a number, and give every plural form the
 * language has (and none it lacks). Each problem is a sentence for the admin who typed it.
 */
export function templateProblems(
  source: string,
  options: { language: Language; allowed: readonly string[] },
): string[] {
  return templateProblemsOf(source, options).map((p) => p.sentence);
}

/** templateProblems, each with its code and values. */
export function templateProblemsOf(
  source: string,
  { language, allowed }: { language: Language; allowed: readonly string[] },
): TemplateProblem[] {
  if (source.trim() === '') return [problem('empty', {}, 'the text is empty')];
  if (source.length > maxTemplateLength) {
    return [
      problem(
        'tooLong',
        { length: source.length, max: maxTemplateLength },
        `the text is ${source.length} characters long; at most ${maxTemplateLength} fit in a message`,
      ),
    ];
  }
  let elements: MessageFormatElement[];
  try {
    elements = parseTemplate(source);
  } catch (error) {
    const kind = error instanceof Error ? error.message : String(error);
    const offset = (error as { location?: { start?: { offset?: number } } }).location?.start?.offset;
    const at = typeof offset === 'number' ? offset + 1 : 0;
    const where = at ? ` (at character ${at})` : '';
    const known = Object.hasOwn(syntaxProblems, kind);
    return [
      problem(
        known ? `syntax.${kind}` : 'unparsable',
        { at, kind },
        `${known ? syntaxProblems[kind] : `the text does not parse: ${kind}`}${where}`,
      ),
    ];
  }
  const problems: TemplateProblem[] = [];
  const offered = allowed.length ? allowed.map((p) => `{${p}}`).join(', ') : 'none';
  for (const name of placeholdersIn(elements)) {
    if (!allowed.includes(name)) {
      problems.push(
        problem(
          'unknownPlaceholder',
          { name: `{${name}}`, offered },
          `{${name}} is not a placeholder of this text; it can use ${offered}`,
        ),
      );
    }
  }
  problems.push(...pluralProblems(elements, language));
  return problems;
}

function pluralProblems(elements: readonly MessageFormatElement[], language: Language): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories as string[];
  const uses = { language: languageNames[language], categories: categories.join(', ') };
  const visit = (nodes: readonly MessageFormatElement[]) => {
    for (const node of nodes) {
      const name = `{${node.type === TYPE.pound || node.type === TYPE.literal ? '' : node.value}}`;
      if (isPluralElement(node)) {
        if (!isNumberPlaceholder(node.value)) {
          problems.push(problem('notPluralizable', { name }, `${name} is not a number, so it has no plural`));
        }
        const forms = Object.keys(node.options).filter((form) => !form.startsWith('='));
        // Only "other" (with exact =N cases) says the words do not change with the number; naming some
        // forms but not all is a translation that breaks at the first number it forgot.
        const varies = forms.some((form) => form !== 'other');
        const missing = varies ? categories.filter((c) => !forms.includes(c)) : [];
        const foreign = forms.filter((form) => !categories.includes(form));
        if (missing.length) {
          problems.push(
            problem(
              'missingForms',
              { name, forms: missing.join(', '), smart_count: missing.length, ...uses },
              `the plural of ${name} lacks the form${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; ` +
                `${uses.language} uses ${uses.categories}`,
            ),
          );
        }
        if (foreign.length) {
          problems.push(
            problem(
              'foreignForms',
              { name, forms: foreign.join(', '), smart_count: foreign.length, ...uses },
              `the plural of ${name} has ${foreign.join(', ')}, which ${uses.language} never uses ` +
                `(it uses ${uses.categories})`,
            ),
          );
        }
      }
      if (
        (isNumberElement(node) || isDateElement(node) || isTimeElement(node)) &&
        !isNumberPlaceholder(node.value)
      ) {
        problems.push(problem('notNumber', { name }, `${name} is not a number`));
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
