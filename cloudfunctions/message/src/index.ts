import * as cloud from 'wx-server-sdk';
import { messageContext } from '../../../server/message/context';
import { cloudMain } from '../../../server/runtime/cloud';

/** Cloud function `message`: routes `{ action: 'message.<verb>', data }` to its context's actions. */
export const main = cloudMain(messageContext, cloud);
