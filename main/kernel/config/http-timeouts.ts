/**
 * Timeouts for the loopback HTTP servers (bridge over HTTP, web dashboard). Node's defaults
 * (60 s for headers, 300 s per request, checked every 30 s) suit the internet; a client on
 * the same machine sends its headers in milliseconds, so one that trickles them is holding a
 * socket open on purpose. Long-lived responses (SSE) are not bounded by these: they limit only
 * how long receiving a request may take.
 */
export const LOCAL_HTTP_TIMEOUTS = {
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  keepAliveTimeout: 5_000,
  connectionsCheckingInterval: 1_000,
} as const;
