import { Layout } from '../layout';

export function StatementPage(props: { title: string; organisation: string; sections: { heading: string; body: string }[] }) {
  return (
    <Layout title={props.title} organisation={props.organisation}>
      <h1 class="utrecht-heading-1">{props.title}</h1>
      {props.sections.map((section) => (
        <section>
          <h2 class="utrecht-heading-2">{section.heading}</h2>
          <p class="utrecht-paragraph">{section.body}</p>
        </section>
      ))}
    </Layout>
  );
}
