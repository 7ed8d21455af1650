/** The request id format the server's schemas accept: `r` + 32 hex digits of 16 random bytes. */
export const hexRequestId = (bytes: Uint8Array): string => `r${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
