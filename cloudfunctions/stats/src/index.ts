import * as cloud from 'wx-server-sdk';
import { statsContext } from '../../../server/stats/context';
import { cloudMain } from '../../../server/runtime/cloud';

/** Cloud function `stats`: routes `{ action: 'stats.<verb>', data }` to its context's actions. */
export const main = cloudMain(statsContext, cloud);
