package com.marketplacecontracts.limits.redis;

import io.lettuce.core.RedisException;

/**
 * The Redis store cannot be used for now: a reply was refused, of the wrong kind or out of range, a command failed
 * (Lettuce's exception is the cause), or an earlier command failed a moment ago. The limiter then carries on with its local state, as for any other store failure.
 */
final class RedisStoreException extends RedisException {

  RedisStoreException(String message) {
    super(message);
  }

  RedisStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
