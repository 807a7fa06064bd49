import * as cloud from 'wx-server-sdk';
import { censusContext } from '../../../server/census/context';
import { cloudMain } from '../../../server/runtime/cloud';

/** Cloud function `census`: routes `{ action: 'census.<verb>', data }` to its context's actions. */
export const main = cloudMain(censusContext, cloud);
