import * as cloud from 'wx-server-sdk';
import { healthContext } from '../../../server/health/context';
import { cloudMain } from '../../../server/runtime/cloud';

/** Cloud function `health`: routes `{ action: 'health.<verb>', data }` to its context's actions. */
export const main = cloudMain(healthContext, cloud);
