import { nl } from '../src/texts';
import { Layout } from './layout';

export function HomePage({ mailbox }: { mailbox: boolean }) {
  return (
    <Layout title={nl.home.title}>
      <h1 class="utrecht-heading-1">{nl.home.title}</h1>
      <p class="utrecht-paragraph utrecht-paragraph--lead">{nl.home.intro}</p>
      {mailbox ? (
        <p class="utrecht-paragraph">
          <a class="utrecht-link" href="/mailbox">
            {nl.mailbox.title}
          </a>
        </p>
      ) : null}
    </Layout>
  );
}
