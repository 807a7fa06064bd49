/** Personal data masking (ARCHITECTURE.md §6): one implementation, shared with the phone. */
export { maskName, maskPhone } from '../../miniprogram/shared/mask';
