package com.marketplacecontracts.core.http;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What the spec says about one operation, put on each generated Retrofit method so the runtime (errors, retries,
 * rate limits) can read it from the request's {@code retrofit2.Invocation} tag without a second copy of the spec.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ApiOperation {

  /** The spec's {@code operationId}. */
  String id();

  /** HTTP method, as in the spec. */
  String method();

  /** Path template, as in the spec. */
  String path();

  /** {@code x-idempotent}: safe to repeat, so failures may be retried. Writes must opt in explicitly. */
  boolean idempotent() default false;

  /** {@code x-rate-limit.requests}: requests allowed per {@link #rateLimitPer()}; 0 when none is documented. */
  long rateLimitRequests() default 0;

  /** {@code x-rate-limit.items}: items allowed per {@link #rateLimitPer()}; 0 when none is documented. */
  long rateLimitItems() default 0;

  /** {@code x-rate-limit.per}: {@code second}, {@code minute}, {@code hour} or {@code day}; empty when none. */
  String rateLimitPer() default "";
}
