import * as cloud from 'wx-server-sdk';
import { messengerMain } from '../../../server/messaging/cloud';
import { TIMER } from '../../../server/timer';

/**
 * Cloud function `messenger`: run by its timer trigger (config.json, every minute). Each run is
 * one tick: the contexts' jobs (escalations, reminders), then the outbox sender. Not for clients.
 */
// The SDK types `openapi` as Record<string, any>; messengerMain names the one call it makes.
export const main = messengerMain(cloud as unknown as Parameters<typeof messengerMain>[0], TIMER);
