import * as cloud from 'wx-server-sdk';
import { orgContext } from '../../../server/org/context';
import { cloudMain } from '../../../server/runtime/cloud';

/** Cloud function `org`: routes `{ action: 'org.<verb>', data }` to its context's actions. */
export const main = cloudMain(orgContext, cloud);
