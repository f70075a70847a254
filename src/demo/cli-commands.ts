import { addDemoActions } from '../actions/demo-actions';
import { audit } from '../audit/audit-log';
import { cliActor, cliGroup, CliUsageError } from '../cli-group';
import { systemClock } from '../clock';
import { generateDemoAppointments } from './demo-appointments';
import { addDemoChain, DEMO_CHAIN_PASSWORD } from './demo-chain';
import { generateDemoHistory, nextOutboxId, settleDemoMail } from './demo-history';
import { generateDemoNoShowReasons } from './demo-reasons';

function count(value: string | undefined, fallback: number, max: number): number {
  const parsed = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > max) throw new CliUsageError(`Use a whole number from 1 to ${max}.`);
  return parsed;
}

/** `npm run cli -- demo`: a realistic history through the same path as real surveys. */
export const demoCommands = cliGroup({
  name: 'demo',
  usage: `  demo [--days N] [--responses N] [--seed N]
                                 fill the database with a realistic history (default 120 days,
                                 20000 responses) through the same path as real surveys
`,
  options: { days: { type: 'string' }, responses: { type: 'string' }, seed: { type: 'string' } },
  async run({ values }, cli) {
    const { db, config, addressHashKey, dataKey, mail } = cli.runtime();
    const now = systemClock.now();
    const options = { days: count(values.days, 120, 3650), responses: count(values.responses, 20_000, 2_000_000), seed: count(values.seed, 2026, 1e9) };
    console.log(`Generating ${options.responses} responses over ${options.days} days …`);
    const started = Date.now();
    const firstOutboxId = nextOutboxId(db);
    const { panel, ...report } = generateDemoHistory(db, { config, addressHashKey, dataKey, mail }, options, now);
    // Appointments scale with the history: about one and a half per response.
    const appointmentsReport = generateDemoAppointments(db, { count: Math.round(options.responses * 1.5), days: options.days, seed: options.seed }, now);
    const reasons = generateDemoNoShowReasons(db, { config, addressHashKey, mail }, { count: Math.round(options.responses / 25), seed: options.seed });
    const chain = await addDemoChain(db, { config, addressHashKey, dataKey, mail }, options, now);
    settleDemoMail(db, now, firstOutboxId);
    const actions = addDemoActions(db, now, options.days, cliActor);
    audit(db, now, { action: 'demo.generated', result: 'success', actor: cliActor, details: { ...report, chainResponses: chain.responses, panelMembers: panel?.confirmed ?? 0, appointments: appointmentsReport.appointments, reasons } });
    console.log(
      `Done in ${Math.round((Date.now() - started) / 1000)} s: ${report.cases} cases, ${report.responses} responses, ${report.suppressed} not invited (no address, opted out or fatigue), ${report.optedOut} opt-outs; ${appointmentsReport.appointments} appointments with ${reasons} "we hebben u gemist" answers.`,
    );
    if (actions > 0) console.log(`${actions} improvement actions added; one is published on /verbeteringen.`);
    console.log(
      panel
        ? `Consent panel: ${panel.signedUp} sign-ups, ${panel.confirmed} confirmed, ${panel.withdrawn} withdrawn since; ${panel.invited} invited to a study.`
        : 'Consent panel: it had members already, none added.',
    );
    console.log(
      `Chain journey "Overlijden doorgeven" (gemeente, SVB, pension fund): ${chain.responses} responses to ${chain.cases} cases triggered by each organisation's own key. Partner managers: ${['manager@svb.test', 'manager@pfzw.test'].join(', ')} with password "${DEMO_CHAIN_PASSWORD}"${chain.managers.length === 0 ? ' (they existed already)' : ''}.`,
    );
    if (report.callbacks > 0) console.log(`${report.callbacks} call-back requests of the last days are open on /dashboard/terugbellen.`);
    console.log('Log in as a manager and open /dashboard (heart monitor), /dashboard/verbeteracties, /dashboard/no-shows and /dashboard/terugbellen; as a researcher, /panel.');
  },
});
