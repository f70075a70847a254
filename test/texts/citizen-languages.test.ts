import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { citizenLanguages, LanguageFileError, parseLanguageFile } from '../../src/languages/language-files';
import { citizenLanguage, dutch, fill } from '../../src/texts/citizen';

const fixtures = join(import.meta.dirname, '../fixtures/languages');

function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'meethuis-talen-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

describe('citizen language files', () => {
  it('loads the built-in Dutch and English, Dutch first, and the extra folder beside them', () => {
    const languages = citizenLanguages(fixtures);
    expect(languages.all.map((language) => [language.code, language.dir])).toEqual([
      ['nl', 'ltr'],
      ['ar', 'rtl'],
      ['en', 'ltr'],
    ]);
    const english = citizenLanguage(languages, 'en');
    expect(english.name).toBe('English');
    expect(english.texts.survey.submit).toBe('Send');
    expect(english.texts.feelingOptions.map((option) => option.label)).toEqual(['Very negative', 'Negative', 'Neutral', 'Positive', 'Very positive', 'Does not apply']);
  });

  it('has every Dutch text in English: nothing of the built-in files falls back', () => {
    expect(citizenLanguages(undefined).problems).toEqual([]);
  });

  it('fills placeholders, also when a language puts them in another order, with plural forms per language', () => {
    const english = citizenLanguage(citizenLanguages(undefined), 'en').texts;
    expect(english.survey.title('Paspoort aanvragen')).toBe('Your experience with: Paspoort aanvragen');
    expect(english.mail.invitationIntro('Paspoort aanvragen', 'Gemeente Eindhoven')).toBe(
      'You were recently in contact with Gemeente Eindhoven about: Paspoort aanvragen. We would like to know how that was for you.',
    );
    expect(english.mail.effort(1, 2)).toMatch(/^There is 1 step and/);
    expect(english.mail.effort(3, 4)).toBe('There are 3 steps and a few short questions. It takes about 4 minutes.');
    expect(english.callbackQuestion.done('phone', 16)).toContain('within 2 working days');
    expect(dutch.texts.callbackQuestion.done('email', 8)).toContain('binnen 1 werkdag');
    expect(dutch.texts.date(new Date('2026-12-22T12:00:00Z'))).toBe('22 december 2026');
    expect(english.date(new Date('2026-12-22T12:00:00Z'))).toBe('December 22, 2026');
    expect(fill('{b} en {a} en {c}', { a: 1, b: 'twee' })).toBe('twee en 1 en {c}');
  });

  it('falls back to Dutch for a missing text, a wrong type or an unknown placeholder, and reports each', () => {
    const problems: string[] = [];
    const language = parseLanguageFile(
      'talen/tr.json',
      JSON.stringify({
        name: 'Türkçe',
        dir: 'ltr',
        texts: {
          survey: { submit: 'Gönder', title: 'Deneyiminiz: {journey} {case}', thanksTitle: { text: 'Teşekkürler' } },
          mail: { effort: { one: '1 adım', other: '{count} adım', few: '{count} adım' } },
          extra: 'x',
        },
      }),
      problems,
    );
    expect(language.code).toBe('tr');
    expect(language.texts.survey.submit).toBe('Gönder');
    expect(language.texts.survey.title('X')).toBe('Uw ervaring met: X');
    expect(language.texts.survey.thanksTitle).toBe('Dank u wel!');
    expect(language.texts.optOut.confirm).toBe('Ja, meld mij af');
    expect(language.texts.mail.effort(2, 3)).toBe('2 adım');
    expect(problems).toContain('talen/tr.json: survey.title uses {case}, which is not filled in: Dutch is used');
    expect(problems).toContain('talen/tr.json: survey.thanksTitle must be a text: Dutch is used');
    expect(problems).toContain('talen/tr.json: optOut is missing: Dutch is used');
    expect(problems).toContain('talen/tr.json: extra is not a known text: ignored');
    expect(problems.some((problem) => problem.startsWith('talen/tr.json: survey.intro is missing'))).toBe(true);
  });

  it('refuses a file that is not JSON, not a language file, or not named by a language code, naming the file', () => {
    expect(() => parseLanguageFile('talen/pl.json', '{ "name": "Polski", ', [])).toThrow(/^talen\/pl\.json: not valid JSON/);
    expect(() => parseLanguageFile('talen/pl.json', JSON.stringify({ name: 'Polski', dir: 'down', texts: {} }), [])).toThrow(/talen\/pl\.json: not a language file[\s\S]*dir/);
    expect(() => parseLanguageFile('talen/pl.json', JSON.stringify({ name: 'Polski', dir: 'ltr', texts: { survey: { submit: 3 } } }), [])).toThrow(LanguageFileError);
    expect(() => parseLanguageFile('talen/pl.json', JSON.stringify({ name: 'Polski', dir: 'ltr', texts: { survey: { submit: ['Wyślij'] } } }), [])).toThrow(
      /texts\.survey: must be a text or a group of texts/,
    );
    expect(() => parseLanguageFile('talen/Polish.json', JSON.stringify({ name: 'Polski', dir: 'ltr', texts: {} }), [])).toThrow(/talen\/Polish\.json: the file name must be a language code/);
    const dir = folderWith({ 'uk.json': '[1, 2' });
    expect(() => citizenLanguages(dir)).toThrow(new RegExp(`${join(dir, 'uk.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON`));
  });

  it('renders an unknown language in its base language, else Dutch', () => {
    const languages = citizenLanguages(fixtures);
    expect(citizenLanguage(languages, 'en-gb').code).toBe('en');
    expect(citizenLanguage(languages, 'xx').code).toBe('nl');
    expect(citizenLanguage(languages, undefined).code).toBe('nl');
  });
});
