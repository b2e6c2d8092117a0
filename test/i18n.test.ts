// Guards for the translations (issue 13, item 4): every language has every key and nothing else,
// every message is valid ICU with English's placeholders and its own language's plural forms, and
// every key is used somewhere. A translator who drops a {count} or a Russian "few" form fails here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../shared/errors/codes';
import { errorTextKeys } from '../shared/errors/catalogue';
import { CATALOGUES, ENGLISH, type MessageKey } from '../shared/i18n/catalogues';
import { formatLocaleFor, LOCALES, matchLocale } from '../shared/i18n/locales';
import { pseudoLocalise, pseudoText } from '../shared/i18n/pseudo';

const ROOT = join(__dirname, '..');
const englishKeys = Object.keys(ENGLISH).sort();

/** Each argument a message uses, with its kind ("count:plural", "name:argument", "b:tag"). */
function placeholders(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    switch (element.type) {
      case TYPE.argument:
        into.add(`${element.value}:argument`);
        break;
      case TYPE.number:
      case TYPE.date:
      case TYPE.time:
        into.add(`${element.value}:${TYPE[element.type]}`);
        break;
      case TYPE.plural:
      case TYPE.select:
        into.add(`${element.value}:${TYPE[element.type]}`);
        for (const option of Object.values(element.options)) placeholders(option.value, into);
        break;
      case TYPE.tag:
        into.add(`${element.value}:tag`);
        placeholders(element.children, into);
        break;
      default:
        break;
    }
  }
  return into;
}

/** The plural messages' option sets, to check them against the language's CLDR categories. */
function pluralOptions(elements: MessageFormatElement[], into: { name: string; options: string[] }[] = []) {
  for (const element of elements) {
    if (element.type === TYPE.plural) into.push({ name: element.value, options: Object.keys(element.options) });
    if (element.type === TYPE.plural || element.type === TYPE.select)
      for (const option of Object.values(element.options)) pluralOptions(option.value, into);
    if (element.type === TYPE.tag) pluralOptions(element.children, into);
  }
  return into;
}

describe.each(LOCALES)('the %s catalogue', (locale) => {
  const catalogue = CATALOGUES[locale] as Record<string, string>;

  it('item 4: has every English key, and no key English lacks', () => {
    const keys = Object.keys(catalogue).sort();
    expect(englishKeys.filter((key) => !(key in catalogue)), 'missing').toEqual([]);
    expect(keys.filter((key) => !(key in ENGLISH)), 'not in English').toEqual([]);
  });

  it('item 4: every message parses as ICU and uses the same placeholders as English', () => {
    const wrong: string[] = [];
    for (const [key, message] of Object.entries(catalogue)) {
      let ast: MessageFormatElement[];
      try {
        ast = parse(message);
      } catch (error) {
        wrong.push(`${key}: does not parse (${(error as Error).message})`);
        continue;
      }
      const english = [...placeholders(parse(ENGLISH[key as MessageKey]))].sort();
      const own = [...placeholders(ast)].sort();
      if (own.join() !== english.join()) wrong.push(`${key}: uses ${own.join(', ') || 'none'}, English ${english.join(', ') || 'none'}`);
      if (locale !== 'en' && message.trim() === '') wrong.push(`${key}: empty`);
    }
    expect(wrong).toEqual([]);
  });

  it('item 1: every plural has each form the language needs (CLDR), e.g. Russian one/few/many/other', () => {
    const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories as string[];
    const wrong: string[] = [];
    for (const [key, message] of Object.entries(catalogue)) {
      for (const plural of pluralOptions(parse(message))) {
        const lacking = needed.filter((category) => !plural.options.includes(category));
        if (lacking.length) wrong.push(`${key} {${plural.name}}: lacks ${lacking.join(', ')}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('the English catalogue', () => {
  it('item 1: gives every error code a title, a meaning and an action', () => {
    const lacking = ERROR_CODES.flatMap((code) => Object.values(errorTextKeys(code)).filter((key) => !ENGLISH[key]));
    expect(lacking).toEqual([]);
  });

  it('item 4: every key is used by the code (error texts by their code; the rest written out in full)', () => {
    const sources = listSources(ROOT).map((file) => readFileSync(file, 'utf8')).join('\n');
    const errorKeys = new Set<string>(ERROR_CODES.flatMap((code) => Object.values(errorTextKeys(code))));
    const unused = englishKeys.filter((key) => !errorKeys.has(key) && !new RegExp(`['"\`]${key.replace(/\./g, '\\.')}['"\`]`).test(sources));
    expect(unused).toEqual([]);
  });
});

describe('choosing a language and the pseudo-locale', () => {
  it('item 2: follows the first preferred language Rollcall has, by exact tag then by language', () => {
    expect(matchLocale(['ru-RU', 'en-US'])).toBe('ru');
    expect(matchLocale(['de-DE', 'pt-PT', 'en'])).toBe('pt-BR');
    expect(matchLocale(['fa-IR'])).toBe('fa');
    expect(matchLocale(['in'])).toBe('en');
    expect(matchLocale(['zh-CN'])).toBe('en');
    expect(matchLocale([])).toBe('en');
    expect(matchLocale(['en-XA'])).toBe('en-XA');
  });

  it('item 4: the pseudo-locale accents letters, makes each word 40% longer and keeps placeholders', () => {
    expect(pseudoText('Invite 25 people')).toBe('ÎñṽîţéÎñṽ 25 þéöþļéþéö');
    const messages = pseudoLocalise({ 'x.y': '{count, plural, one {# person} other {# people}} in <b>{call}</b>' });
    expect([...placeholders(messages['x.y']!)].sort()).toEqual(['b:tag', 'call:argument', 'count:plural']);
  });
});

/** The app's own source, where keys are used: not the catalogues, tests or test helpers. */
function listSources(root: string): string[] {
  const out: string[] = [];
  for (const top of ['renderer/src', 'electron', 'shared']) {
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) {
          if (name !== 'testSupport' && name !== 'test' && name !== 'messages') walk(path);
        } else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(path);
      }
    };
    walk(join(root, top));
  }
  expect(out.map((file) => relative(root, file))).toContain('renderer/src/App.tsx');
  return out;
}

describe('the formatting locale', () => {
  it('item 1: numbers and times follow the organiser’s regional variant of the window’s language', () => {
    expect(formatLocaleFor('en', ['en-GB', 'en'])).toBe('en-GB');
    expect(formatLocaleFor('en', ['de-DE'])).toBe('en');
    expect(formatLocaleFor('ru', ['en-GB', 'ru-RU'])).toBe('ru-RU');
    expect(formatLocaleFor('pt-BR', ['pt-PT'])).toBe('pt-PT');
    expect(formatLocaleFor('en', ['en-not a tag'])).toBe('en');
    expect(formatLocaleFor('en-XA', ['en-GB'])).toBe('en-XA');
  });
});
