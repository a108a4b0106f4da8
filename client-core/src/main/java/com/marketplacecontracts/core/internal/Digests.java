package com.marketplacecontracts.core.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The message digests the library uses (checkpoint records, page tokens, event keys, bulk files, Redis script
 * digests), in one place: every Java runtime must provide SHA-256 and SHA-1, so their absence is a broken runtime,
 * not a checked condition for each caller. Typed by the JDK's classes only, like the rest of this package.
 */
public final class Digests {

  private Digests() {
  }

  /** A new SHA-256 digest (not thread-safe: one per use or per thread). */
  public static MessageDigest sha256() {
    return of("SHA-256");
  }

  /** The SHA-256 of {@code text}'s UTF-8 bytes. */
  public static byte[] sha256(String text) {
    return sha256().digest(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The SHA-1 of {@code text}'s UTF-8 bytes: what Redis names a script by (not for what must resist forgery). */
  public static byte[] sha1(String text) {
    return of("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
  }

  private static MessageDigest of(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is missing from this Java runtime (every one must have it)", e);
    }
  }
}
