import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { audit } from '../audit/audit-log';
import { cliActor, cliGroup, CliUsageError, type CliArguments, type CliContext } from '../cli-group';
import { systemClock } from '../clock';
import { organisationForCli, organisationNameFor, OrganisationError } from '../organisations/organisations';
import { runRetention } from './retention';
import { eraseSubject, requestReference, subjectExport, summarise } from './subject-requests';

const usage = `  privacy export --email E [--out F] [--organisation S]
                                 everything the organisation (default: the own one) holds about
                                 an address, as JSON (stdout or file F)
  privacy erase --email E --yes [--opt-out] [--organisation S]
                                 erase everything the organisation holds about an address;
                                 --opt-out also keeps its keyed hash so no new surveys are sent
  privacy purge                  run the retention purges now (they also run hourly in the server)
`;

const emailSchema = z.string().trim().min(1).max(254).pipe(z.email());

const options = { email: { type: 'string' }, out: { type: 'string' }, yes: { type: 'boolean' }, 'opt-out': { type: 'boolean' }, organisation: { type: 'string' } } as const;

/**
 * `npm run cli -- privacy …`: data-subject requests and the retention purges, with the same
 * logic as /admin/privacy. Audited as the actor "cli", with a keyed reference, never the address.
 * Exit code 2 for wrong use, 1 when a purge did not complete.
 */
export const privacyCommands = cliGroup({ name: 'privacy', usage, options, ownHelp: true, usageErrors: [OrganisationError], run });

async function run(parsed: CliArguments<typeof options>, cli: CliContext): Promise<void> {
  const { db, config, addressHashKey, dataKey } = cli.runtime();
  const [action] = parsed.positionals;
  const organisation = () => organisationForCli(db, parsed.values.organisation);
  const deps = () => ({ addressHashKey, dataKey, clock: systemClock, organisationId: organisation().id });
  const email = () => {
    const parsedEmail = emailSchema.safeParse(parsed.values.email ?? '');
    if (!parsedEmail.success) throw new CliUsageError(`privacy ${action} needs --email with a valid address`);
    return parsedEmail.data;
  };
  if (action === 'export') {
    const address = email();
    const exported = subjectExport(db, { ...deps(), organisation: organisationNameFor(db, config, organisation().id) }, address);
    const reference = requestReference(addressHashKey, address);
    const found = summarise(exported).total;
    audit(db, systemClock.now(), { action: 'privacy.request.exported', object: reference, result: 'success', actor: cliActor, details: { found } });
    const json = `${JSON.stringify(exported, null, 2)}\n`;
    if (parsed.values.out) {
      writeFileSync(parsed.values.out, json, { mode: 0o600 });
      console.log(`${found} records written to ${parsed.values.out} (${reference}).`);
    } else {
      process.stdout.write(json);
    }
  } else if (action === 'erase') {
    const address = email();
    if (!parsed.values.yes) throw new CliUsageError('privacy erase cannot be undone: add --yes to confirm');
    const reference = requestReference(addressHashKey, address);
    const report = eraseSubject(db, deps(), address, { optOut: parsed.values['opt-out'] === true });
    audit(db, systemClock.now(), { action: 'privacy.request.erased', object: reference, result: 'success', actor: cliActor, details: { ...report } });
    console.log(
      `Erased (${reference}): ${report.responsesDeleted} responses, ${report.answersDeleted} answers, ${report.noShowAnswersDeleted} no-show answers and ${report.mailsDeleted} mails deleted; ` +
        `${report.invitationsAnonymised} invitations and ${report.appointmentsAnonymised} appointments anonymised; ${report.panelMembersErased} panel members erased; ${report.callbacksErased} call-back requests erased; ${report.eventsMinimised} events minimised.`,
    );
    console.log(report.optedOut ? 'The address stays opted out (only its keyed hash is kept).' : 'Nothing of the address is kept.');
  } else if (action === 'purge') {
    const report = await runRetention(db, { clock: systemClock, config }, { trigger: 'cli' });
    audit(db, systemClock.now(), {
      action: 'privacy.retention.run',
      object: 'retention',
      result: report.complete ? 'success' : 'failure',
      actor: cliActor,
      details: { rows: report.rows, batches: report.batches, complete: report.complete },
    });
    for (const rule of report.rules) {
      console.log(`${rule.rule.padEnd(20)} ${String(rule.rows).padStart(8)} rows  ${String(rule.durationMs).padStart(6)} ms  ${rule.error ? `error: ${rule.error}` : rule.complete ? 'ok' : 'not complete'}`);
    }
    console.log(`Retention: ${report.rows} rows in ${report.batches} batches${report.complete ? '.' : ' — not complete; run again.'}`);
    if (!report.complete) process.exitCode = 1;
  } else {
    throw cli.unknownCommand();
  }
}
