import * as cloud from 'wx-server-sdk';
import { inspectContext } from '../../../server/inspect/context';
import { cloudMain } from '../../../server/runtime/cloud';

/** Cloud function `inspect`: routes `{ action: 'inspect.<verb>', data }` to its context's actions. */
export const main = cloudMain(inspectContext, cloud);
