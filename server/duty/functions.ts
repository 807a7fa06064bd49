/**
 * The `duty` cloud function: posts, rotas, sign-up, check-in, coverage, hours. Its siblings
 * `party` (server/party/actions.ts) and `volunteer` (./volunteers.ts) are functions of their
 * own, so each bundle carries only its own actions.
 */
import type { FunctionDef } from '../runtime/action';
import { assignActions } from './assign';
import { checkInActions } from './checkin';
import { coverageActions } from './coverage';
import { hoursActions } from './hours';
import { postActions } from './posts';
import { rotaActions } from './rota';

export const dutyFunction: FunctionDef = {
  ...postActions,
  ...rotaActions,
  ...assignActions,
  ...checkInActions,
  ...hoursActions,
  ...coverageActions,
};
