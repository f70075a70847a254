import { nl } from '../../src/texts';

const t = nl.journeyDesigner;

/** Above the survey preview: what is shown, the way back, and the other language when there is one. */
export function PreviewNotice(props: { journeyId: number; journeyName: string; language: 'nl' | 'en'; hasEnglish: boolean; noSteps: boolean }) {
  const other = props.language === 'nl' ? 'en' : 'nl';
  const base = `/admin/reizen/${props.journeyId}`;
  return (
    <>
      {t.previewNotice(t.previewLanguages[props.language])}
      {props.language === 'en' ? ` ${t.previewEnglishNote}` : ''}
      {props.noSteps ? ` ${t.previewNoSteps}` : ''}{' '}
      <a class="utrecht-link" href={base}>
        {t.backToJourney(props.journeyName)}
      </a>
      {props.hasEnglish || props.language === 'en' ? (
        <>
          {' · '}
          <a class="utrecht-link" href={`${base}/voorbeeld${other === 'en' ? '?taal=en' : ''}`}>
            {t.previewOtherLanguage[other]}
          </a>
        </>
      ) : null}
    </>
  );
}
