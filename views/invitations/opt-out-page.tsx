import { Layout, useCitizenTexts, useOrganisation } from '../layout';
import { SubmitRow } from '../components/button';

export function OptOutPage({ action }: { action: string }) {
  const t = useCitizenTexts().optOut;
  return (
    <Layout title={t.title}>
      <h1 class="utrecht-heading-1">{t.title}</h1>
      <p class="utrecht-paragraph">{t.question(useOrganisation())}</p>
      <p class="utrecht-paragraph">{t.explanation}</p>
      <form method="post" action={action}>
        <SubmitRow label={t.confirm} />
      </form>
    </Layout>
  );
}
