/**
 * The library's own machinery: the runtime behind the clients, its interceptors, error decoding and redaction,
 * the local rate limiter. <b>Not part of the API; may change in any release.</b> Nothing here is for applications
 * to use, extend or name; the public packages never expose these types (a test checks it).
 */
package com.marketplacecontracts.core.internal;
