/** The domain operations on the database, each one transaction on the write path. */
export {
  createCustomer,
  deleteCustomer,
  restoreCustomer,
  updateCustomer,
  upsertContact,
  type CreateCustomerData,
  type UpsertContactData,
} from './customers';
export {
  logEmailMessages,
  logInteraction,
  updateInteraction,
  type AgentOptions,
  type LogEmailMessagesInput,
  type LogInteractionFields,
} from './interactions';
export { addDeal, addOrder, upsertCampaign } from './commerce';
export { addToNeverList, getSettings, updateSettings, type NeverListEntry } from './settings';
