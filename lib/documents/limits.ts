/** Limits shared by the browser and the server. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
