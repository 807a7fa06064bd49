import * as cloud from 'wx-server-sdk';
import { accountFunction } from '../../../server/account/actions';
import { cloudMain } from '../../../server/cloud/entry';

/** Cloud function `account`: routes `{ action: 'account.<verb>', data }` to the account actions. */
export const main = cloudMain('account', accountFunction, cloud);
