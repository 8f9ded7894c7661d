/** Reads for the UI and for identification. */
export { getCustomerFile, type CustomerFileOptions } from './customer-file';
export { loggedExternalIds } from './logged';
export { createLookup } from './lookup';
export { summariseRevenue } from './revenue';
