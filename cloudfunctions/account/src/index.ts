import * as cloud from 'wx-server-sdk';
import { accountContext } from '../../../server/account/context';
import { cloudMain } from '../../../server/runtime/cloud';

/** Cloud function `account`: routes `{ action: 'account.<verb>', data }` to its context's actions. */
export const main = cloudMain(accountContext, cloud);
