import { audit } from '../audit/audit-log';
import { cliActor, cliGroup, CliUsageError } from '../cli-group';
import { systemClock } from '../clock';
import { createOrganisation, HOSTING_ORGANISATION_ID, listOrganisations, OrganisationError } from './organisations';

/** `npm run cli -- organisation create --name N --slug S` and `organisation list`. */
export const organisationCommands = cliGroup({
  name: 'organisation',
  usage: `  organisation create --name N --slug S [--contact C] [--privacy-contact P]
                                 add a partner organisation (chain journeys, shared installation)
  organisation list              the organisations of this installation, by slug
`,
  options: { name: { type: 'string' }, slug: { type: 'string' }, contact: { type: 'string' }, 'privacy-contact': { type: 'string' } },
  usageErrors: [OrganisationError],
  async run({ positionals: [action], values }, cli) {
    const { db } = cli.runtime();
    if (action === 'list') {
      for (const organisation of listOrganisations(db)) {
        console.log(`${organisation.slug}\t${organisation.name}${organisation.id === HOSTING_ORGANISATION_ID ? '\t(hosting organisation)' : ''}`);
      }
      return;
    }
    if (action !== 'create') throw cli.unknownCommand();
    if (!values.name?.trim()) throw new CliUsageError('organisation create needs --name, for example --name "Sociale Verzekeringsbank"');
    if (!values.slug?.trim()) throw new CliUsageError('organisation create needs --slug, for example --slug svb');
    const organisation = createOrganisation(db, systemClock, {
      name: values.name,
      slug: values.slug,
      citizenContact: values.contact,
      privacyContact: values['privacy-contact'],
    });
    audit(db, systemClock.now(), { action: 'organisation.created', object: `organisation:${organisation.slug}`, result: 'success', actor: cliActor, details: { name: organisation.name } });
    console.log(`Organisation "${organisation.name}" created with slug ${organisation.slug}.`);
  },
});
