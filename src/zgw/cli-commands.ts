import { eq } from 'drizzle-orm';
import { audit } from '../audit/audit-log';
import { dayOf } from '../calendar';
import { cliActor, cliGroup, CliUsageError, type CliArguments, type CliContext } from '../cli-group';
import { systemClock } from '../clock';
import type { Db } from '../db/client';
import { zgwNotificationStatuses, zgwSubscriptions } from '../db/schema';
import { organisationForCli, OrganisationError } from '../organisations/organisations';
import { nl } from '../texts';
import { recentNotifications } from './inbox';
import { deleteMappingByKey, listMappings, MappingError, saveMapping } from './mappings';
import { WEBHOOK_PATH } from './notification';
import { resultOf } from './outcome-text';
import { pendingCount, processDueNotifications, type ZgwDeps } from './processor';
import { reconcilePeriodProblem, reconcileSubscription } from './reconcile';
import { activeSubscriptions, addSubscription, listSubscriptions, revokeSubscription, SubscriptionError, subscriptionInputSchema } from './subscriptions';

const usage = `  zgw subscription add --name N --auth "<Authorization value>" --zaken-api URL --catalogi-api URL
                 --client-id ID --secret S [--klantinteracties-api URL --klantinteracties-token T]
                                 accept ZGW notifications sent with this Authorization value (without
                                 --auth one is generated and printed once, as the last line)
  zgw subscription list          list subscriptions (never their secrets)
  zgw subscription revoke --name N
  zgw map --zaaktype <URL or identificatie> --journey <slug> [--touchpoint <slug>]
  zgw map --onderwerp <Open Klant onderwerp> --journey <slug> [--touchpoint <slug>]
  zgw map --list                 list the mappings
  zgw unmap --zaaktype X | --onderwerp X
  zgw reconcile --since YYYY-MM-DD [--until YYYY-MM-DD] [--subscription N]
                                 ask the Zaken API for zaken closed in the period and invite for those
                                 notifications missed (never twice)
  zgw notifications [--status pending|done|skipped|failed] [--limit N]
                                 the latest notifications and what became of each
  Every zgw command takes [--organisation S]: the subscriptions and mappings of the organisation
  with slug S (default: the hosting organisation); its notifications trigger only its journeys.
`;

const options = {
  name: { type: 'string' },
  auth: { type: 'string' },
  'zaken-api': { type: 'string' },
  'catalogi-api': { type: 'string' },
  'klantinteracties-api': { type: 'string' },
  'klantinteracties-token': { type: 'string' },
  'client-id': { type: 'string' },
  secret: { type: 'string' },
  zaaktype: { type: 'string' },
  onderwerp: { type: 'string' },
  journey: { type: 'string' },
  touchpoint: { type: 'string' },
  list: { type: 'boolean' },
  since: { type: 'string' },
  until: { type: 'string' },
  subscription: { type: 'string' },
  status: { type: 'string' },
  limit: { type: 'string' },
  organisation: { type: 'string' },
} as const;

/** `npm run cli -- zgw …`; exit code 2 for wrong use, 1 when something could not be done. */
export const zgwCommands = cliGroup({
  name: 'zgw',
  usage,
  options,
  ownHelp: true,
  usageErrors: [MappingError, SubscriptionError, OrganisationError],
  run: (parsed, cli) => {
    const { db, config, addressHashKey, dataKey, mail } = cli.runtime();
    return run(parsed, cli, { clock: systemClock, config, addressHashKey, dataKey, mail }, db, config.PUBLIC_URL);
  },
});

async function run({ positionals, values }: CliArguments<typeof options>, cli: CliContext, deps: ZgwDeps, db: Db, publicUrl: string) {
  const [command, action] = positionals;
  const now = deps.clock.now();
  const organisation = organisationForCli(db, values.organisation);

  if (command === 'subscription' && action === 'add') {
    const input = subscriptionInputSchema.safeParse({
      name: values.name ?? '',
      auth: values.auth,
      zakenApi: values['zaken-api'] ?? '',
      catalogiApi: values['catalogi-api'] ?? '',
      klantinteractiesApi: values['klantinteracties-api'],
      clientId: values['client-id'] ?? '',
      secret: values.secret ?? '',
      klantinteractiesToken: values['klantinteracties-token'],
    });
    if (!input.success) {
      const flags: Record<string, string> = {
        name: '--name',
        auth: '--auth',
        zakenApi: '--zaken-api',
        catalogiApi: '--catalogi-api',
        klantinteractiesApi: '--klantinteracties-api',
        clientId: '--client-id',
        secret: '--secret',
        klantinteractiesToken: '--klantinteracties-token',
      };
      const lines = input.error.issues.map((issue) => `  ${flags[String(issue.path[0])] ?? String(issue.path[0])}: ${issue.message}`);
      throw new CliUsageError(`zgw subscription add: not added.\n${lines.join('\n')}`);
    }
    const { subscription, auth, generated } = addSubscription(db, deps.dataKey, deps.clock, input.data, organisation.id);
    audit(db, now, {
      action: 'zgw.subscription-added',
      object: `zgw-subscription:${subscription.id}`,
      result: 'success',
      actor: cliActor,
      details: { name: subscription.name, clientId: subscription.clientId, authGenerated: generated, organisation: organisation.slug },
    });
    console.log(`ZGW subscription "${subscription.name}" added for ${organisation.name}. The secret is stored encrypted and is never shown again.`);
    console.log(`Webhook (callback URL) for Open Notificaties: ${publicUrl}${WEBHOOK_PATH}`);
    if (generated) {
      console.log('Authorization value for the abonnement (field "auth"); shown only this once:');
      console.log(auth);
    }
    return;
  }

  if (command === 'subscription' && action === 'list') {
    const subscriptions = listSubscriptions(db, organisation.id);
    if (subscriptions.length === 0) console.log('No ZGW subscriptions yet.');
    for (const s of subscriptions) {
      const state = s.revokedAt ? `revoked ${s.revokedAt.toISOString()}` : 'active';
      const klant = s.klantinteractiesApi ? `\tklantinteracties=${s.klantinteractiesApi}${s.hasKlantinteractiesToken ? ' (token)' : ''}` : '';
      console.log(`${s.name}\t${state}\tclient-id=${s.clientId}\tzaken=${s.zakenApi}\tcatalogi=${s.catalogiApi}${klant}`);
    }
    return;
  }

  if (command === 'subscription' && action === 'revoke') {
    const name = values.name?.trim();
    if (!name) throw new CliUsageError('zgw subscription revoke needs --name');
    const subscription = activeSubscriptions(db, organisation.id).find((row) => row.name.toLowerCase() === name.toLowerCase());
    if (!subscription) throw new CliUsageError(`No active ZGW subscription named "${name}".`);
    revokeSubscription(db, subscription.id, now);
    audit(db, now, { action: 'zgw.subscription-revoked', object: `zgw-subscription:${subscription.id}`, result: 'success', actor: cliActor, details: { name: subscription.name } });
    console.log(`ZGW subscription "${subscription.name}" revoked: its notifications are refused from now on.`);
    return;
  }

  if (command === 'map') {
    if (values.list) {
      const mappings = listMappings(db, organisation.id);
      if (mappings.length === 0) console.log('No ZGW mappings yet.');
      for (const m of mappings) console.log(`${m.kind}\t${m.key}\t${m.journeySlug}\t${m.touchpointSlug ?? '-'}`);
      return;
    }
    const target = mappingTarget(values);
    if (!values.journey) throw new CliUsageError('zgw map needs --journey <slug> (and --zaaktype or --onderwerp), or --list');
    const saved = saveMapping(db, deps.clock, { ...target, journey: values.journey, touchpoint: values.touchpoint }, organisation.id);
    audit(db, now, {
      action: 'zgw.mapping-saved',
      object: saved.key,
      result: 'success',
      actor: cliActor,
      details: { kind: saved.kind, journey: saved.journey.slug, touchpoint: saved.touchpoint?.slug ?? null, replaced: saved.replaced },
    });
    const what = saved.kind === 'onderwerp' ? 'Onderwerp' : saved.kind === 'zaaktype-url' ? 'Zaaktype' : 'Zaaktype identificatie';
    console.log(`${what} "${saved.key}" mapped to journey ${saved.journey.slug}${saved.touchpoint ? `, touchpoint ${saved.touchpoint.slug}` : ''}.`);
    return;
  }

  if (command === 'unmap') {
    const target = mappingTarget(values);
    if (!deleteMappingByKey(db, target, organisation.id)) throw new CliUsageError(`No mapping for ${target.kind} "${target.value}".`);
    audit(db, now, { action: 'zgw.mapping-deleted', object: target.value.trim(), result: 'success', actor: cliActor, details: { kind: target.kind } });
    console.log(`Mapping for ${target.kind} "${target.value.trim()}" removed.`);
    return;
  }

  if (command === 'reconcile') {
    const today = dayOf(now);
    const since = values.since?.trim() ?? '';
    const until = values.until?.trim() ?? today;
    if (!since) throw new CliUsageError('zgw reconcile needs --since YYYY-MM-DD');
    const problem = reconcilePeriodProblem(since, until, today);
    if (problem) throw new CliUsageError(`zgw reconcile: ${problem}`);
    let subscriptions = activeSubscriptions(db, organisation.id);
    if (values.subscription) {
      subscriptions = subscriptions.filter((row) => row.name.toLowerCase() === values.subscription!.trim().toLowerCase());
      if (subscriptions.length === 0) throw new CliUsageError(`No active ZGW subscription named "${values.subscription}".`);
    }
    if (subscriptions.length === 0) throw new CliUsageError('There is no active ZGW subscription to reconcile.');
    let failed = false;
    for (const subscription of subscriptions) {
      const report = await reconcileSubscription(db, deps, subscription, { since, until }, 'cli');
      audit(db, deps.clock.now(), {
        action: 'zgw.reconciled',
        object: `zgw-subscription:${subscription.id}`,
        result: report.error ? 'failure' : 'success',
        actor: cliActor,
        details: { since, until, closed: report.closed, alreadyInvited: report.alreadyInvited, queued: report.queued, error: report.error?.slice(0, 200) ?? null },
      });
      if (report.error) {
        failed = true;
        console.log(`${subscription.name}: the Zaken API could not be read: ${report.error}`);
      } else {
        console.log(`${subscription.name}: ${report.closed} zaken closed ${since} … ${until}; ${report.alreadyInvited} already invited for; ${report.queued} to process.`);
      }
    }
    // Process what was found now; what keeps failing stays in the inbox for the server's worker.
    const total = { invited: 0, done: 0, skipped: 0, retrying: 0, failed: 0 };
    for (let round = 0; round < 1000; round++) {
      const report = await processDueNotifications(db, deps, 50);
      const handled = report.invited + report.done + report.skipped + report.retrying + report.failed;
      for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += report[key];
      if (handled === 0) break;
    }
    console.log(
      `Processed: ${total.invited} invited, ${total.done} without a new invitation (already invited or not allowed now), ${total.skipped} skipped, ${total.retrying} to retry later, ${total.failed} given up.`,
    );
    const waiting = pendingCount(db);
    if (total.invited > 0) console.log('The invitation mails are in the outbox; the running server sends them.');
    if (waiting > 0) console.log(`${waiting} notifications wait for a later attempt (the running server retries them).`);
    if (failed) process.exitCode = 1;
    return;
  }

  if (command === 'notifications') {
    const status = values.status?.trim();
    if (status && !(zgwNotificationStatuses as readonly string[]).includes(status)) throw new CliUsageError(`--status is one of ${zgwNotificationStatuses.join(', ')}`);
    const limit = Number(values.limit ?? 20);
    const rows = recentNotifications(db, { organisationId: organisation.id, status: status as never, limit: Number.isInteger(limit) && limit > 0 ? Math.min(limit, 1000) : 20 });
    if (rows.length === 0) console.log('No ZGW notifications.');
    for (const row of rows.reverse()) {
      const name = db.select({ name: zgwSubscriptions.name }).from(zgwSubscriptions).where(eq(zgwSubscriptions.id, row.subscriptionId)).get()?.name;
      console.log(
        `#${row.id} ${row.receivedAt.toISOString()} ${name ?? '?'} ${row.kanaal}/${row.resource}/${row.actie}${row.deliveries > 1 ? ` (received ${row.deliveries}×)` : ''} ${row.caseReference ?? '-'} ${nl.zgw.statuses[row.status]}: ${resultOf(row).join(' — ')}`,
      );
    }
    return;
  }

  throw cli.unknownCommand();
}

function mappingTarget(values: { zaaktype?: string; onderwerp?: string }): { kind: 'zaaktype' | 'onderwerp'; value: string } {
  if (values.zaaktype !== undefined && values.onderwerp !== undefined) throw new CliUsageError('Give either --zaaktype or --onderwerp, not both.');
  if (values.zaaktype !== undefined) return { kind: 'zaaktype', value: values.zaaktype };
  if (values.onderwerp !== undefined) return { kind: 'onderwerp', value: values.onderwerp };
  throw new CliUsageError('Give --zaaktype <URL or identificatie> or --onderwerp <text>.');
}
