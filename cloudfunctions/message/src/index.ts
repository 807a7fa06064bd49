import * as cloud from 'wx-server-sdk';
import { messageFunction } from '../../../server/messaging/actions';
import { cloudMain } from '../../../server/cloud/entry';

/** Cloud function `message`: routes `{ action: 'message.<verb>', data }` (subscription consent). */
export const main = cloudMain('message', messageFunction, cloud);
