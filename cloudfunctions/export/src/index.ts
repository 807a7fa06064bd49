import * as cloud from 'wx-server-sdk';
import { exportContext } from '../../../server/export/context';
import { cloudMain } from '../../../server/runtime/cloud';

/** Cloud function `export`: routes `{ action: 'export.<verb>', data }` to its context's actions. */
export const main = cloudMain(exportContext, cloud);
