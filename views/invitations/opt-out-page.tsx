import { Layout, useOrganisation } from '../layout';
import { nl } from '../../src/texts';
import { Button, ButtonGroup } from '../components/button';

export function OptOutPage({ action }: { action: string }) {
  return (
    <Layout title={nl.optOut.title}>
      <h1 class="utrecht-heading-1">{nl.optOut.title}</h1>
      <p class="utrecht-paragraph">{nl.optOut.question(useOrganisation())}</p>
      <p class="utrecht-paragraph">{nl.optOut.explanation}</p>
      <form method="post" action={action}>
        <ButtonGroup>
          <Button variant="primary">
            {nl.optOut.confirm}
          </Button>
        </ButtonGroup>
      </form>
    </Layout>
  );
}
