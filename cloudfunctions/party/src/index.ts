import * as cloud from 'wx-server-sdk';
import { partyFunction } from '../../../server/party/actions';
import { cloudMain } from '../../../server/cloud/entry';

/** Cloud function `party`: routes `{ action: 'party.<verb>', data }` to the party actions. */
export const main = cloudMain('party', partyFunction, cloud);
