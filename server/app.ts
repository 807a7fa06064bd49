/**
 * The composition root: every bounded context, in one list. The app's tables are derived from
 * it — the cloud functions and their actions, the authorization table (every action's rule), the
 * collections with their indexes, the timer's jobs and the subscription templates. The local
 * runtime, the tests, the seed and the benches use these; a cloud function's entry imports only
 * its own context (cloudfunctions/<fn>/src/index.ts), and the timer function its jobs
 * (server/timer.ts), so no bundle carries another context's code.
 *
 * Jobs run in the order of this list: alerts come last, so escalation runs after every job that
 * may raise an alert.
 */
import { accountContext } from './account/context';
import { alertContext } from './alerts/context';
import { caseContext } from './cases/context';
import { censusContext } from './census/context';
import { disinfectContext } from './disinfect/context';
import { dutyContext } from './duty/context';
import { exportContext } from './export/context';
import { gateContext } from './gate/context';
import { healthContext } from './health/context';
import { inspectContext } from './inspect/context';
import { messageContext } from './message/context';
import { MESSAGING_COLLECTIONS } from './messaging/collections';
import { noticeContext } from './notices/context';
import { orgContext } from './org/context';
import { partyContext } from './party/context';
import { passContext } from './pass/context';
import { compose, type BoundedContext } from './runtime/context';
import { RUNTIME_COLLECTIONS } from './runtime/limits';
import { statsContext } from './stats/context';
import { STORE_COLLECTIONS } from './store/collections';
import type { Collections, Name } from './store/port';
import { vehicleContext } from './vehicle/context';
import { volunteerContext } from './volunteer/context';
import { whistleContext } from './whistle/context';

export const CONTEXTS = [
  accountContext,
  orgContext,
  passContext,
  gateContext,
  vehicleContext,
  noticeContext,
  messageContext,
  partyContext,
  volunteerContext,
  dutyContext,
  caseContext,
  whistleContext,
  inspectContext,
  disinfectContext,
  censusContext,
  healthContext,
  statsContext,
  exportContext,
  alertContext,
] as const;

const INFRASTRUCTURE = { collections: { ...STORE_COLLECTIONS, ...MESSAGING_COLLECTIONS, ...RUNTIME_COLLECTIONS } };

export const APP = compose(CONTEXTS, INFRASTRUCTURE);

export const { functions: FUNCTIONS, rules: RULES, limits: LIMITS, collections: COLLECTIONS, jobs: JOBS, templates: TEMPLATES } = APP;

/** Every collection with a document type (Collections) is kept by a context or by the infrastructure: checked by tsc. */
type KeptBy<C> = C extends BoundedContext<infer K> ? K : never;
type Unkept = Exclude<Name<Collections>, KeptBy<(typeof CONTEXTS)[number]> | keyof typeof INFRASTRUCTURE.collections>;
const everyCollectionKept: [Unkept] extends [never] ? true : Unkept = true;
void everyCollectionKept;
