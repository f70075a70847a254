import { SubmitRow } from '../components/button';
import { ErrorSummary, TextField } from '../components/form';
import { Layout, useCitizenTexts } from '../layout';

/** /vragenlijst: one field for the code from the letter; works without JavaScript. */
export function LetterCodePage(props: { value: string; error?: string; action?: string }) {
  const texts = useCitizenTexts();
  const t = texts.letterCode;
  return (
    <Layout title={props.error ? texts.page.errorTitle(t.title) : t.title}>
      <h1 class="utrecht-heading-1">{t.title}</h1>
      <p class="utrecht-paragraph">{t.intro}</p>
      <ErrorSummary errors={{ code: props.error }} title={t.errorTitle} />
      <form method="post" action={props.action ?? '/vragenlijst'} novalidate>
        <TextField name="code" label={t.label} hint={t.hint} value={props.value} error={props.error} autocomplete="off" maxlength={20} required />
        <SubmitRow label={t.submit} />
      </form>
    </Layout>
  );
}
