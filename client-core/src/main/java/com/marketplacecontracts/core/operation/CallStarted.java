package com.marketplacecontracts.core.operation;

import java.util.Objects;

/**
 * A call of a generated API that is about to be sent: validated, before its first attempt. Reported on the calling
 * thread, so a tracer sees the caller's context. Never carries a credential.
 *
 * @param callId      unique within this JVM: {@link ClientEvents#callEnded} reports the same id
 * @param marketplace the marketplace called
 * @param operationId the spec's operationId
 * @param account     whose limits the call counts against, as {@code campaignId=123} or {@code businessId=45}; empty
 *                    when the call carries no account
 */
public record CallStarted(long callId, Marketplace marketplace, String operationId, String account) {

  public CallStarted {
    Objects.requireNonNull(marketplace, "marketplace");
    Objects.requireNonNull(operationId, "operationId");
    account = account == null ? "" : account;
  }
}
