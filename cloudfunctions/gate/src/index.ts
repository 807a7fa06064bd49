import * as cloud from 'wx-server-sdk';
import { gateFunction } from '../../../server/gate/actions';
import { cloudMain } from '../../../server/cloud/entry';

/** Cloud function `gate`: routes `{ action: 'gate.<verb>', data }` to the gate actions. */
export const main = cloudMain('gate', gateFunction, cloud);
