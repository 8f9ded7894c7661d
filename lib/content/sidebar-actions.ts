import type { SidebarActions } from '../../components/types';
import { unwrap } from '../messaging/unwrap';
import type { Send, SidebarController } from './sidebar-controller';

/**
 * The sidebar's actions as protocol messages. After each write the file is refreshed at
 * once; the change event that follows refreshes again, harmlessly, and covers other tabs.
 */
export function createSidebarActions(
  controller: SidebarController,
  send: Send,
  layout: { setCollapsed(collapsed: boolean): void; setWidth(px: number): void },
): SidebarActions {
  const after = async (write: Promise<unknown>) => {
    await write;
    await controller.refresh();
  };
  return {
    selectParticipant: (email) => void controller.select(email),
    setChannelFilter: (channel) => void controller.setChannelFilter(channel),
    logEmail: () => after(controller.logEmail()),
    logInteraction: (input) =>
      after(unwrap(send('logInteraction', { ...input, customerId: controller.customerId() }))),
    logSale: (input) =>
      after(unwrap(send('logOrder', { ...input, customerId: controller.customerId() }))),
    createCustomer: (input) => after(unwrap(send('createCustomer', input))),
    updateCustomer: (patch) =>
      after(unwrap(send('updateCustomer', { id: controller.customerId(), patch }))),
    upsertContact: (input) =>
      after(unwrap(send('upsertContact', { ...input, customerId: controller.customerId() }))),
    addToNeverList: (input) => after(unwrap(send('addToNeverList', input))),
    setCollapsed: layout.setCollapsed,
    setWidth: layout.setWidth,
  };
}
