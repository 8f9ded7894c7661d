export * from './common';
export * from './customer';
export * from './contact';
export * from './interaction';
export * from './order';
export * from './deal';
export * from './campaign';
export * from './settings';
export * from './page-context';
export * from './views';

import type { Campaign } from './campaign';
import type { Contact } from './contact';
import type { Customer } from './customer';
import type { Deal } from './deal';
import type { Interaction } from './interaction';
import type { Order } from './order';
import type { Settings } from './settings';

/** Row type per synced table. */
export interface RowOf {
  customers: Customer;
  contacts: Contact;
  interactions: Interaction;
  orders: Order;
  deals: Deal;
  campaigns: Campaign;
  settings: Settings;
}
