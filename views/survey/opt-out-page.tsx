import { Layout, useOrganisation } from '../layout';
import { nl } from '../../src/texts';

export function OptOutPage({ action }: { action: string }) {
  return (
    <Layout title={nl.optOut.title}>
      <h1 class="utrecht-heading-1">{nl.optOut.title}</h1>
      <p class="utrecht-paragraph">{nl.optOut.question(useOrganisation())}</p>
      <p class="utrecht-paragraph">{nl.optOut.explanation}</p>
      <form method="post" action={action}>
        <div class="utrecht-button-group">
          <button type="submit" class="utrecht-button utrecht-button--primary-action">
            {nl.optOut.confirm}
          </button>
        </div>
      </form>
    </Layout>
  );
}
