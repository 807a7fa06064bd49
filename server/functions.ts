/** Every cloud function and its actions. The cloud entries and the local runtime host these. */
import { accountFunction } from './account/actions';
import { gateFunction } from './gate/actions';
import { alertFunction } from './alerts/actions';
import { dutyFunction } from './duty/functions';
import { volunteerFunction } from './duty/volunteers';
import { messageFunction } from './messaging/actions';
import { noticeFunction } from './notices/actions';
import { orgFunction } from './org/actions';
import { partyFunction } from './party/actions';
import { passFunction } from './pass/actions';
import type { FunctionDef } from './runtime/action';
import { vehicleFunction } from './vehicle/actions';

export const FUNCTIONS: Record<string, FunctionDef> = {
  account: accountFunction,
  org: orgFunction,
  pass: passFunction,
  gate: gateFunction,
  vehicle: vehicleFunction,
  notice: noticeFunction,
  alert: alertFunction,
  message: messageFunction,
  party: partyFunction,
  volunteer: volunteerFunction,
  duty: dutyFunction,
};
