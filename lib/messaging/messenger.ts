import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ProtocolMap } from './protocol';

/** The one messenger every context uses: the background listens, the others send. */
export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
