package com.marketplacecontracts.core.internal.http;

import java.io.IOException;

/**
 * A check of a successful answer that a contract guard hands to the client's decoder, so the answer is read once:
 * the decoder reads it with the generated adapters' checked read ({@code CheckedDecoding}), and only where that
 * cannot show the answer conforms does the guard check the bytes itself ({@link #recheck}). Handed over on the
 * thread that runs the call's interceptors, which is the one Retrofit decodes on (a call and its async callback
 * alike); taken by the decoder, and dropped by the typed call when it ends, so none outlives its call.
 */
public abstract class AnswerCheck {

  /** Tags the requests of calls whose answers the client's decoder takes a handed-over check for. */
  public static final class Decoder {
    static final Decoder INSTANCE = new Decoder();

    private Decoder() {
    }
  }

  private static final ThreadLocal<AnswerCheck> HANDED = new ThreadLocal<>();

  private final String operationId;
  private final long maxBytes;
  private final long maxTokens;
  private final int maxDepth;

  /**
   * A check of an answer of {@code operationId} (the decoder's method must be of the same operation), which the
   * guard reads no further than these bounds.
   */
  protected AnswerCheck(String operationId, long maxBytes, long maxTokens, int maxDepth) {
    this.operationId = operationId;
    this.maxBytes = maxBytes;
    this.maxTokens = maxTokens;
    this.maxDepth = maxDepth;
  }

  /**
   * The guard's own check of the answer's bytes, with what it does with its findings (report them; throw the
   * carrier of a typed failure in strict mode).
   */
  protected abstract void recheck(byte[] body) throws IOException;

  /**
   * Hands the check of the answer being returned to the decoder of this thread; false when another guard of the
   * same call has handed one over already, so this guard must check the bytes itself.
   */
  public static boolean handOver(AnswerCheck check) {
    if (HANDED.get() != null) {
      return false;
    }
    HANDED.set(check);
    return true;
  }

  /** The check handed over for the answer about to be decoded, once; null when none. */
  static AnswerCheck take() {
    AnswerCheck check = HANDED.get();
    if (check != null) {
      HANDED.remove();
    }
    return check;
  }

  /** Drops a check no decoder took (the call ended otherwise). */
  static void drop() {
    HANDED.remove();
  }

  String operationId() {
    return operationId;
  }

  long maxBytes() {
    return maxBytes;
  }

  long maxTokens() {
    return maxTokens;
  }

  int maxDepth() {
    return maxDepth;
  }
}
