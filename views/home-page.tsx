import { nl } from '../src/texts';
import { LinkParagraph } from './components/page-parts';
import { Layout } from './layout';

export function HomePage({ mailbox }: { mailbox: boolean }) {
  return (
    <Layout title={nl.home.title}>
      <h1 class="utrecht-heading-1">{nl.home.title}</h1>
      <p class="utrecht-paragraph utrecht-paragraph--lead">{nl.home.intro}</p>
      <LinkParagraph href="/login">{nl.home.staffLogin}</LinkParagraph>
      {mailbox ? <LinkParagraph href="/mailbox">{nl.home.mailboxForAdmins}</LinkParagraph> : null}
    </Layout>
  );
}
