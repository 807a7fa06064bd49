/**
 * What the timer function (`messenger`) runs: the contexts' jobs and the templates they send —
 * taken from the modules that define them, not from the contexts, so its bundle carries no action
 * code. The same lists as server/app.ts derives (tests/app/composition.test.ts holds them equal).
 */
import { RETENTION_JOBS } from './account/retention';
import { ALERT_JOBS } from './alerts/escalate';
import { ALERT_TEMPLATES } from './alerts/model';
import { DUTY_JOBS } from './duty/jobs';
import { DUTY_TEMPLATES } from './duty/model';
import type { TimerWork } from './messaging/cloud';
import { NOTICE_JOBS } from './notices/jobs';
import { NOTICE_TEMPLATES } from './notices/model';
import { PASS_JOBS } from './pass/gauge';
import { PASS_TEMPLATES } from './pass/model';

export const TIMER: TimerWork = {
  jobs: [...RETENTION_JOBS, ...PASS_JOBS, ...NOTICE_JOBS, ...DUTY_JOBS, ...ALERT_JOBS],
  templates: { ...PASS_TEMPLATES, ...NOTICE_TEMPLATES, ...DUTY_TEMPLATES, ...ALERT_TEMPLATES },
};
