/**
 * Every text citizens and staff read, one file per feature so each can be reviewed (taalniveau B1
 * for citizens) and translated; `nl` composes them into the one object the code reads. Citizen
 * texts live per language in src/texts/citizen/*.json (see ./citizen.ts).
 */
import { account, auth } from './auth';
import { actions, improvements } from './actions';
import { admin } from './admin';
import { assisted, responseModeLabels } from './assisted';
import { dashboard } from './dashboard';
import { digest } from './digest';
import { callbacksKcc } from './callbacks-kcc';
import { chain } from './chain';
import { csvImportMessages } from './csv-import';
import { errors } from './errors';
import { drivers } from './insight';
import { itemFigures } from './item-figures';
import { journeyMap } from './journey-map';
import { journeyDesigner } from './journeys';
import { chainDesigner, organisationsAdmin } from './organisations';
import { mailbox, outboxAdmin } from './mail';
import { mailCheck } from './mail-check';
import { appointmentsAdmin, noShowDashboard } from './noshows';
import { overview } from './overview';
import { panel } from './panel';
import { privacy } from './privacy';
import { publicResults } from './public-results';
import { responseRates } from './response-rates';
import { segmentGaps } from './segment-gaps';
import { home, roles, site, staffNav } from './site';
import { statements } from './statements';
import { themes } from './themes';
import { weighting } from './weighting';
import { zgw } from './zgw';
import { dutch } from './citizen';

// What citizens read comes from the language files (src/texts/citizen/*.json): here the Dutch, for staff pages that show it too.
const { feelingOptions, survey, letterCode, callbackQuestion, noShow, optOut, mail } = dutch.texts;

export const nl = {
  ...site,
  feelingOptions,
  survey,
  letterCode,
  assisted,
  responseModeLabels,
  callbackQuestion,
  noShow,
  optOut,
  mail,
  mailbox,
  errors,
  statements,
  roles,
  staffNav,
  auth,
  account,
  outboxAdmin,
  mailCheck,
  admin: { ...admin, appointments: appointmentsAdmin },
  csvImport: csvImportMessages,
  dashboard,
  overview,
  segmentGaps,
  responseRates,
  weighting,
  digest,
  noShowDashboard,
  panel,
  journeyMap,
  drivers,
  itemFigures,
  themes,
  actions,
  improvements,
  publicResults,
  journeyDesigner,
  organisationsAdmin,
  chainDesigner,
  zgw,
  privacy,
  home,
  callbacksKcc,
  chain,
} as const;

export { formatDate, formatDateTime, formatDay, formatDayRange, formatNumber, formatPercent, formatPeriod, formatPeriods } from './formatters';
export { labelOf } from './labels';
export { howOften } from './response-rates';
export { formatTrendPeriods } from './item-figures';
export { accessibilityStatusLabel, type StatementOrganisation, type StatementRules, type StatementSection, type StatementChain } from './statements';
export { segmentChoiceLabel, segmentKeyInSentence, segmentKeyLabel, segmentValueLabel } from './segments';
export { itemDesigner } from './item-designer';
export { itemExport } from './item-export';
