import * as cloud from 'wx-server-sdk';
import { passFunction } from '../../../server/pass/actions';
import { cloudMain } from '../../../server/cloud/entry';

/** Cloud function `pass`: routes `{ action: 'pass.<verb>', data }` to the pass actions. */
export const main = cloudMain('pass', passFunction, cloud);
