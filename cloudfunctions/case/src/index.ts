import * as cloud from 'wx-server-sdk';
import { caseContext } from '../../../server/cases/context';
import { cloudMain } from '../../../server/runtime/cloud';

/** Cloud function `case`: routes `{ action: 'case.<verb>', data }` to its context's actions. */
export const main = cloudMain(caseContext, cloud);
