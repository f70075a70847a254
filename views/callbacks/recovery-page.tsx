import { SubmitRow } from '../components/button';
import { RadioGroup } from '../components/choices';
import { ErrorSummary } from '../components/form';
import { Layout, useCitizenTexts } from '../layout';

/** /terugbellen/beoordelen/:token — the one question after a call-back request was closed, in the citizen's language. */
export function RecoveryPage(props: { action: string; error?: string }) {
  const texts = useCitizenTexts();
  const t = texts.callbackRecovery;
  return (
    <Layout title={props.error ? texts.page.errorTitle(t.title) : t.title}>
      <h1 class="utrecht-heading-1">{t.title}</h1>
      <ErrorSummary errors={{ score: props.error }} targets={{ score: 'score-1' }} title={t.errorSummaryTitle} />
      <p class="utrecht-paragraph">{t.intro}</p>
      <form method="post" action={props.action}>
        <RadioGroup name="score" legend={t.legend} hint={t.hint} options={t.scores} layout="scale" error={props.error} />
        <SubmitRow label={t.send} />
      </form>
    </Layout>
  );
}
