import { Layout, useOrganisation } from '../layout';
import { nl } from '../../src/texts';
import { SubmitRow } from '../components/button';

export function OptOutPage({ action }: { action: string }) {
  return (
    <Layout title={nl.optOut.title}>
      <h1 class="utrecht-heading-1">{nl.optOut.title}</h1>
      <p class="utrecht-paragraph">{nl.optOut.question(useOrganisation())}</p>
      <p class="utrecht-paragraph">{nl.optOut.explanation}</p>
      <form method="post" action={action}>
        <SubmitRow label={nl.optOut.confirm} />
      </form>
    </Layout>
  );
}
