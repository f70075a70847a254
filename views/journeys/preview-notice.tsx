import { nl } from '../../src/texts';

const t = nl.journeyDesigner;

/**
 * Above the survey preview: what is shown, the way back, and links to the versions in the
 * other languages the asked steps have questions in (`?taal=<code>`).
 */
export function PreviewNotice(props: { journeyId: number; journeyName: string; language: string; languages: string[]; noSteps: boolean }) {
  const base = `/admin/reizen/${props.journeyId}`;
  const dutch = props.language === 'nl';
  const others = [
    ...(dutch ? [] : [{ href: `${base}/voorbeeld`, label: t.previewDutchLink }]),
    ...props.languages
      .filter((code) => code !== props.language)
      .map((code) => ({ href: `${base}/voorbeeld?taal=${encodeURIComponent(code)}`, label: t.previewLanguageLink(t.languageName(code)) })),
  ];
  return (
    <>
      {t.previewNotice(dutch ? t.previewDutch : t.previewLanguage(t.languageName(props.language)))}
      {dutch ? '' : ` ${t.previewQuestionsNote(t.languageName(props.language))}`}
      {props.noSteps ? ` ${t.previewNoSteps}` : ''}{' '}
      <a class="utrecht-link" href={base}>
        {t.backToJourney(props.journeyName)}
      </a>
      {others.length > 0 ? (
        <>
          {` · ${t.previewOtherLanguagesLabel} `}
          {others.map((other, index) => (
            <>
              {index > 0 ? ', ' : ''}
              <a class="utrecht-link" href={other.href}>
                {other.label}
              </a>
            </>
          ))}
        </>
      ) : null}
    </>
  );
}
