package com.marketplacecontracts.core.operation;

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

  /** {@code x-decision}: {@code covered}, or {@code legacy} for a seeded operation the marketplace removed. */
  String decision() default "covered";

  /** {@code x-idempotent}: safe to repeat, so failures may be retried. Writes must opt in explicitly. */
  boolean idempotent() default false;

  /**
   * {@code x-read-only}: reads and changes nothing at the marketplace. Every other operation changes data, even one
   * that may be sent twice.
   */
  boolean readOnly() default false;

  /** The operation's own cap on requests in flight ({@code parallel-limit-value}); 0 when it has none. */
  int parallelLimit() default 0;

  /**
   * {@code x-resource-limit-config}: the operation's quota per subscription tier of the account, as the marketplace
   * declares it; empty when none is documented.
   */
  Quota[] quotas() default {};

  /**
   * {@code x-resource-limit-config.path}: what one unit of {@link #quotas()} is — {@code resp} one request,
   * {@code req.<field>} one item of that request field; empty when no quota is documented.
   */
  String quotaUnit() default "";

  /** {@code x-deprecation-config.replacement-operation-id}: the operation to use instead; empty when none. */
  String replacementOperationId() default "";

  /** {@code x-deprecation-config.shutdown-date} (ISO date): when the marketplace removes it; empty when not announced. */
  String shutdownDate() default "";

  /**
   * {@code x-paging.token}: the query parameter that asks for the next page; empty when the operation is not paged.
   */
  String pageToken() default "";

  /** {@code x-paging.next}: where the answer carries the next page's token ({@code result.paging.nextPageToken}). */
  String nextPageToken() default "";

  /** {@code x-batch.field}: the request body's array a call carries items in; empty when not declared. */
  String batchField() default "";

  /** {@code x-batch.maxItems}: at most this many items a call. */
  int batchMaxItems() default 0;

  /** {@code x-job.status}: the operation that reports the state of what this one started; empty when none. */
  String jobStatus() default "";

  /** {@code x-job.id}: where the answer carries the job's id ({@code result.reportId}). */
  String jobId() default "";

  /**
   * {@code x-job-states.paths}: on an operation that reports a job's state, where the answer carries the state
   * (a dotted path; {@code []} after a step reads every element of a list), e.g. {@code result.status}.
   */
  String[] jobStatePaths() default {};

  /** {@code x-job-states.pending}: states that mean not finished yet (poll again). */
  String[] jobPending() default {};

  /** {@code x-job-states.failure}: states that mean the job failed. */
  String[] jobFailure() default {};

  /** {@code x-job-states.detail}: where the answer says more about how it ended ({@code result.subStatus}). */
  String jobDetail() default "";

  /** {@code x-job.estimate}: where the starting answer says how long the job should take, in milliseconds. */
  String jobEstimate() default "";

  /** One tier's quota: {@code amount} units per {@code periodDuration} × {@code period}. */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target({})
  @interface Quota {

    /** The subscription tier ({@code none}, {@code medium}). */
    String tier();

    long amount();

    /** {@code seconds}, {@code minutes}, {@code hours} or {@code days}. */
    String period();

    long periodDuration() default 1;
  }
}
