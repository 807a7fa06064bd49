import * as cloud from 'wx-server-sdk';
import { cloudMain } from '../../../server/cloud/entry';

/** Cloud function `gate`: routes `{ action: 'gate.<verb>', data }` to the gate actions. */
export const main = cloudMain('gate', cloud);
