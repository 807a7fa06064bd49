import * as cloud from 'wx-server-sdk';
import { cloudMain } from '../../../server/cloud/entry';

/** Cloud function `pass`: routes `{ action: 'pass.<verb>', data }` to the pass actions. */
export const main = cloudMain('pass', cloud);
