import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { JSX } from 'hono/jsx/jsx-runtime';
import { CitizenLanguageContext, type LanguageLink } from '../../views/layout';
import type { Config } from '../config';
import { citizenLanguages } from '../languages/language-files';
import { citizenLanguage, LANGUAGE_CODE, type CitizenLanguage } from '../texts/citizen';

export interface PageLanguage {
  language: CitizenLanguage;
  /**
   * The language asked for (chosen with ?taal=, else the invitation's, else Dutch), which may have
   * no language file: a journey's own questions can still exist in it.
   */
  wanted: string;
  /** A form action or link onwards, keeping a language chosen with ?taal= (else the invitation's applies again). */
  keep: (href: string) => string;
  /** The same page in each language, for the switch (absent when there is only one language). */
  links?: LanguageLink[];
  /** The page in this language, with the switch when `withSwitch`. */
  render: (page: Child, withSwitch?: boolean) => JSX.Element;
}

/**
 * The language of a citizen page: `?taal=<code>` when that language exists, else the
 * invitation's (`stored`), else Dutch.
 */
export function pageLanguage(c: Context, config: Pick<Config, 'LANGUAGES_DIR'>, stored?: string | null): PageLanguage {
  const languages = citizenLanguages(config.LANGUAGES_DIR);
  const asked = c.req.query('taal')?.toLowerCase();
  const chosen = asked && LANGUAGE_CODE.test(asked) ? languages.all.find((language) => language.code === asked) : undefined;
  const language = chosen ?? citizenLanguage(languages, stored);
  const path = new URL(c.req.url).pathname;
  const links =
    languages.all.length > 1
      ? languages.all.map((other) => ({ code: other.code, name: other.name, href: `${path}?taal=${other.code}`, current: other.code === language.code }))
      : undefined;
  return {
    language,
    wanted: chosen?.code ?? stored?.toLowerCase() ?? language.code,
    keep: (href) => (chosen ? `${href}?taal=${chosen.code}` : href),
    links,
    render: (page, withSwitch = false) => (
      <CitizenLanguageContext.Provider value={{ language, links: withSwitch ? links : undefined }}>{page}</CitizenLanguageContext.Provider>
    ),
  };
}
