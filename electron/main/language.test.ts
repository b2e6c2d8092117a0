// The main process's language: the OS's until Settings chooses one; a change is told once.
import { describe, expect, it } from 'vitest';
import { createMainLanguage } from './language';

describe('the main process\'s language', () => {
  it('item 2: follows the OS\'s preferred languages, then Settings\' choice, then the OS again', () => {
    let system: string[] = ['ru-RU', 'en-US'];
    const language = createMainLanguage(() => system);
    const heard: string[] = [];
    language.onChange((locale) => heard.push(locale));
    expect(language.translator().locale).toBe('ru');

    language.choose('ar');
    expect(language.translator().locale).toBe('ar');
    language.choose('ar');
    language.choose(null);
    expect(language.translator().locale).toBe('ru');
    // A system language Rollcall doesn't ship falls back to English.
    system = ['de-DE'];
    language.choose('es');
    language.choose(null);
    expect(language.translator().locale).toBe('en');
    expect(heard).toEqual(['ar', 'ru', 'es', 'en']);
  });
});
