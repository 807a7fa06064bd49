import * as cloud from 'wx-server-sdk';
import { partyContext } from '../../../server/party/context';
import { cloudMain } from '../../../server/runtime/cloud';

/** Cloud function `party`: routes `{ action: 'party.<verb>', data }` to its context's actions. */
export const main = cloudMain(partyContext, cloud);
