/**
 * What the timer function (`messenger`) runs: the contexts' jobs and the templates they send —
 * taken from the modules that define them, not from the contexts, so its bundle carries no action
 * code. The same lists as server/app.ts derives (tests/app/composition.test.ts holds them equal).
 */
import { RETENTION_JOBS } from './account/retention';
import { ALERT_JOBS } from './alerts/escalate';
import { ALERT_TEMPLATES } from './alerts/model';
import { CASE_JOBS } from './cases/jobs';
import { DISINFECT_JOBS } from './disinfect/jobs';
import { DUTY_JOBS } from './duty/jobs';
import { DUTY_TEMPLATES } from './duty/model';
import { EXPORT_JOBS } from './export/jobs';
import { INSPECT_JOBS } from './inspect/jobs';
import { HEALTH_TEMPLATES } from './health/model';
import type { TimerWork } from './messaging/cloud';
import { NOTICE_JOBS } from './notices/jobs';
import { NOTICE_TEMPLATES } from './notices/model';
import { PASS_JOBS } from './pass/gauge';
import { PASS_TEMPLATES } from './pass/model';
import { STATS_JOBS } from './stats/fold';
import { WHISTLE_JOBS } from './whistle/jobs';

export const TIMER: TimerWork = {
  jobs: [
    ...RETENTION_JOBS,
    ...PASS_JOBS,
    ...NOTICE_JOBS,
    ...DUTY_JOBS,
    ...CASE_JOBS,
    ...WHISTLE_JOBS,
    ...INSPECT_JOBS,
    ...DISINFECT_JOBS,
    ...STATS_JOBS,
    ...EXPORT_JOBS,
    ...ALERT_JOBS,
  ],
  templates: { ...PASS_TEMPLATES, ...NOTICE_TEMPLATES, ...DUTY_TEMPLATES, ...HEALTH_TEMPLATES, ...ALERT_TEMPLATES },
};
