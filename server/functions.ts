/** Every cloud function and its actions. The cloud entries and the local runtime host these. */
import { accountFunction } from './account/actions';
import { orgFunction } from './org/actions';
import type { FunctionDef } from './runtime/action';

export const FUNCTIONS: Record<string, FunctionDef> = {
  account: accountFunction,
  org: orgFunction,
};
