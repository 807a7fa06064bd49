/**
 * The duty cloud functions: `party` (the party organisation), `volunteer` (applications and
 * profiles) and `duty` (posts, rotas, sign-up, check-in, coverage, hours). Spread DUTY_FUNCTIONS
 * into FUNCTIONS (server/functions.ts).
 */
import { partyFunction } from '../party/actions';
import type { FunctionDef } from '../runtime/action';
import { assignActions } from './assign';
import { checkInActions } from './checkin';
import { coverageActions } from './coverage';
import { hoursActions } from './hours';
import { postActions } from './posts';
import { rotaActions } from './rota';
import { volunteerFunction } from './volunteers';

export { partyFunction, volunteerFunction };

export const dutyFunction: FunctionDef = {
  ...postActions,
  ...rotaActions,
  ...assignActions,
  ...checkInActions,
  ...hoursActions,
  ...coverageActions,
};

export const DUTY_FUNCTIONS: Record<string, FunctionDef> = {
  party: partyFunction,
  volunteer: volunteerFunction,
  duty: dutyFunction,
};
