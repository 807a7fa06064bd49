import * as cloud from 'wx-server-sdk';
import { alertFunction } from '../../../server/alerts/actions';
import { cloudMain } from '../../../server/cloud/entry';

/** Cloud function `alert`: routes `{ action: 'alert.<verb>', data }` to the alert actions. */
export const main = cloudMain('alert', alertFunction, cloud);
