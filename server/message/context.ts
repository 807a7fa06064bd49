/** Subscription consent: the `message` function (what wx.requestSubscribeMessage answered, and the pushes left). */
import { defineContext } from '../runtime/context';
import { messageActions } from './actions';

export const messageContext = defineContext({ name: 'message', actions: messageActions });
