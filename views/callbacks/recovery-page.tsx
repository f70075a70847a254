import { nl } from '../../src/texts';
import { SubmitRow } from '../components/button';
import { RadioGroup } from '../components/choices';
import { ErrorSummary } from '../components/form';
import { Layout } from '../layout';

const t = nl.callbacksKcc.recoveryPage;

/** /terugbellen/beoordelen/:token — the one question after a call-back request was closed. */
export function RecoveryPage(props: { action: string; error?: string }) {
  return (
    <Layout title={props.error ? `Fout: ${t.title}` : t.title}>
      <h1 class="utrecht-heading-1">{t.title}</h1>
      <ErrorSummary errors={{ score: props.error }} targets={{ score: 'score-1' }} />
      <p class="utrecht-paragraph">{t.intro}</p>
      <form method="post" action={props.action}>
        <RadioGroup name="score" legend={t.legend} hint={t.hint} options={t.options} layout="scale" error={props.error} />
        <SubmitRow label={t.send} />
      </form>
    </Layout>
  );
}
