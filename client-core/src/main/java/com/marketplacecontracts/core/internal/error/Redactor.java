package com.marketplacecontracts.core.internal.error;

import com.marketplacecontracts.core.error.ApiError;
import com.marketplacecontracts.core.internal.Text;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The one place where text that came from a server is made fit for an exception: the runtime's own secrets (API
 * keys, tokens, client secrets) are replaced by {@code ***} wherever they occur — a hostile or careless server may
 * echo them, also percent-encoded or in base64, or only a part of one ({@link #MIN_SECRET_PART} characters or more)
 * — and every string is cut to a bounded length. Applied to messages,
 * error lists, raw bodies, notes, events and the causes kept on exceptions ({@link #cause}).
 */
public final class Redactor {

  /** Longest server-supplied string kept in a message or error entry. */
  public static final int MAX_TEXT = 500;
  /** Longest raw body kept on an exception. */
  public static final int MAX_RAW_BODY = 2_000;
  /** Secrets shorter than this are not searched for: replacing one or two characters would garble every message. */
  static final int MIN_SECRET = 4;
  /** Encoded forms (percent, base64) are searched only for secrets this long: a short one's would match by chance. */
  static final int MIN_ENCODED_SECRET = 8;
  /**
   * A run of this many characters of a secret, or more, is masked wherever it occurs: a server may echo a part of a
   * key (the part after its prefix, a middle segment). Shorter runs are left: four last characters are a common,
   * harmless hint, and a short run of a key may be any other text.
   */
  static final int MIN_SECRET_PART = 12;
  /** Causes and suppressed exceptions copied below a failure, at most: a chain is short, a cycle is not. */
  static final int MAX_CAUSES = 16;
  private static final String MASK = "***";

  /** Redacts nothing, only truncates. */
  public static final Redactor NONE = new Redactor(List::of);

  private final Supplier<? extends Collection<String>> secrets;
  /** The forms of each secret seen lately: worked out once, not per string redacted (tokens change: bounded). */
  private final Map<String, List<String>> forms = new ConcurrentHashMap<>();
  /** The same for the runs of each secret ({@link #MIN_SECRET_PART}). */
  private final Map<String, Parts> parts = new ConcurrentHashMap<>();

  private Redactor(Supplier<? extends Collection<String>> secrets) {
    this.secrets = Objects.requireNonNull(secrets, "secrets");
  }

  /** A redactor for the secrets {@code secrets} returns at the time of each use (tokens change). */
  public static Redactor of(Supplier<? extends Collection<String>> secrets) {
    return new Redactor(secrets);
  }

  /** {@code value} with every secret masked, cut to {@link #MAX_TEXT} characters; null stays null. */
  public String text(String value) {
    return cut(redact(value), MAX_TEXT);
  }

  /** A raw body with every secret masked, cut to {@link #MAX_RAW_BODY} characters; null stays null. */
  public String rawBody(String value) {
    return cut(redact(value), MAX_RAW_BODY);
  }

  /** An error entry with its code, message and field cleaned as {@link #text}. */
  public ApiError error(ApiError error) {
    return error == null ? null : new ApiError(text(error.code()), text(error.message()), text(error.field()));
  }

  /**
   * {@code value} with every secret masked: as it is, JSON-escaped, percent-encoded and in base64 (at any offset),
   * and a secret cut off at the end.
   */
  public String redact(String value) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    String out = value;
    for (String secret : secrets.get()) {
      if (secret == null || secret.length() < MIN_SECRET) {
        continue;
      }
      if (forms.size() > 64) {
        forms.clear();
        parts.clear();
      }
      for (String form : forms.computeIfAbsent(secret, Redactor::forms)) {
        out = out.replace(form, MASK);
      }
      out = parts.computeIfAbsent(secret, Parts::new).mask(out);
      // A body read only up to a byte limit may end inside a secret: mask the partial secret too.
      // regionMatches compares in place: no substring per candidate length.
      for (int length = Math.min(secret.length() - 1, out.length()); length >= MIN_SECRET; length--) {
        if (out.regionMatches(out.length() - length, secret, 0, length)) {
          out = out.substring(0, out.length() - length) + MASK;
          break;
        }
      }
    }
    return out;
  }

  /**
   * The windows of {@link #MIN_SECRET_PART} characters of one secret by their rolling hash, in an open-addressed
   * table: a text is scanned in one pass, a window whose hash the secret has is compared, then widened to the end of
   * the run, which is masked whole.
   */
  private static final class Parts {
    private static final long BASE = 31;
    private final String secret;
    private final long power;
    private final long[] hashes;
    private final int[] starts;
    private final int mask;

    Parts(String secret) {
      this.secret = secret;
      int k = MIN_SECRET_PART;
      long p = 1;
      for (int i = 1; i < k; i++) {
        p *= BASE;
      }
      this.power = p;
      int windows = Math.max(0, secret.length() - k + 1);
      int size = Integer.highestOneBit(Math.max(2, windows * 2)) << 1;
      this.hashes = new long[size];
      this.starts = new int[size];
      this.mask = size - 1;
      java.util.Arrays.fill(starts, -1);
      long hash = 0;
      for (int i = 0; i < secret.length(); i++) {
        hash = roll(hash, i < k ? 0 : secret.charAt(i - k), secret.charAt(i));
        if (i >= k - 1) {
          int slot = slot(hash);
          while (starts[slot] >= 0) {
            slot = (slot + 1) & mask;
          }
          hashes[slot] = hash;
          starts[slot] = i - k + 1;
        }
      }
    }

    private long roll(long hash, char out, char in) {
      return (hash - out * power) * BASE + in;
    }

    private int slot(long hash) {
      return (int) (hash ^ (hash >>> 29)) & mask;
    }

    String mask(String text) {
      int k = MIN_SECRET_PART;
      if (secret.length() < k || text.length() < k) {
        return text;
      }
      StringBuilder out = null;
      int copied = 0;
      long hash = 0;
      for (int i = 0; i < text.length(); i++) {
        hash = roll(hash, i < k ? 0 : text.charAt(i - k), text.charAt(i));
        int start = i - k + 1;
        if (start < copied) {
          continue; // inside a run already masked
        }
        int end = start < 0 ? -1 : matchEnd(text, start, hash);
        if (end > 0) {
          if (out == null) {
            out = new StringBuilder(text.length());
          }
          out.append(text, copied, start).append(MASK);
          copied = end;
        }
      }
      return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /** Where the run of the secret starting at {@code text[start]} ends, or -1 when none of k characters does. */
    private int matchEnd(String text, int start, long hash) {
      for (int slot = slot(hash); starts[slot] >= 0; slot = (slot + 1) & mask) {
        int from = starts[slot];
        if (hashes[slot] != hash || !text.regionMatches(start, secret, from, MIN_SECRET_PART)) {
          continue;
        }
        int end = start + MIN_SECRET_PART;
        for (int j = from + MIN_SECRET_PART; end < text.length() && j < secret.length()
            && text.charAt(end) == secret.charAt(j); j++) {
          end++;
        }
        return end;
      }
      return -1;
    }
  }

  /** The ways a server may echo {@code secret}: longest first, so a longer form is masked whole. */
  private static List<String> forms(String secret) {
    Set<String> forms = new LinkedHashSet<>();
    forms.add(secret);
    forms.add(secret.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/"));
    if (secret.length() >= MIN_ENCODED_SECRET) {
      byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
      String query = URLEncoder.encode(secret, StandardCharsets.UTF_8);
      forms.add(query);
      forms.add(query.replace("+", "%20"));
      forms.add(lowerEscapes(query));
      StringBuilder every = new StringBuilder();
      for (byte b : bytes) {
        every.append(String.format("%%%02X", b & 0xFF));
      }
      forms.add(every.toString());
      forms.add(every.toString().toLowerCase(Locale.ROOT));
      // Base64 of text holding the secret depends on where it starts (mod 3): each offset gives other characters,
      // of which those made of the secret's bits alone are the same whatever surrounds it.
      for (int offset = 0; offset < 3; offset++) {
        byte[] shifted = new byte[offset + bytes.length];
        System.arraycopy(bytes, 0, shifted, offset, bytes.length);
        int from = (8 * offset + 5) / 6;
        int to = 8 * (offset + bytes.length) / 6;
        forms.add(Base64.getEncoder().withoutPadding().encodeToString(shifted).substring(from, to));
        forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(shifted).substring(from, to));
      }
    }
    List<String> ordered = new ArrayList<>(forms);
    ordered.sort((a, b) -> b.length() - a.length());
    return ordered;
  }

  private static String lowerEscapes(String encoded) {
    StringBuilder out = new StringBuilder(encoded);
    for (int i = out.indexOf("%"); i >= 0 && i + 2 < out.length(); i = out.indexOf("%", i + 1)) {
      out.replace(i + 1, i + 3, out.substring(i + 1, i + 3).toLowerCase(Locale.ROOT));
    }
    return out.toString();
  }

  /**
   * A copy of {@code failure} fit to keep as an exception's cause: of the same class when it can be built from a
   * message (else a stand-in that names the class), with its message redacted and cut as {@link #text}, its stack
   * trace, and its causes and suppressed exceptions copied the same way. The original is not referenced: the text a
   * library quoted from the network (an OkHttp {@code ProtocolException} quoting a status line, a decoder quoting a
   * value) never stays in the chain. Null stays null.
   */
  public Throwable cause(Throwable failure) {
    return copy(failure, new int[] {MAX_CAUSES});
  }

  private Throwable copy(Throwable failure, int[] budget) {
    if (failure == null || budget[0]-- <= 0) {
      return null;
    }
    String message = text(failure.getMessage());
    Throwable copy = sameClass(failure.getClass(), message);
    if (copy == null) {
      copy = new RedactedFailure(failure.getClass().getName(), message);
    }
    copy.setStackTrace(failure.getStackTrace());
    Throwable cause = copy(failure.getCause(), budget);
    if (cause != null && copy.getCause() == null) {
      try {
        copy.initCause(cause);
      } catch (IllegalStateException e) {
        // the class's constructor already set a cause (its own): keep that one
      }
    }
    for (Throwable suppressed : failure.getSuppressed()) {
      Throwable clean = copy(suppressed, budget);
      if (clean != null) {
        copy.addSuppressed(clean);
      }
    }
    return copy;
  }

  /** A new {@code type} with {@code message}, when the class is public and has a public (String) constructor. */
  private static Throwable sameClass(Class<? extends Throwable> type, String message) {
    if (!Modifier.isPublic(type.getModifiers())) {
      return null;
    }
    try {
      Constructor<? extends Throwable> constructor = type.getConstructor(String.class);
      Throwable copy = constructor.newInstance(message);
      return Objects.equals(copy.getMessage(), message) ? copy : null;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }

  /**
   * Its own rule: the marker says how long the whole text was (a reader tells a huge answer from a long one), and no
   * character is replaced, since this is the exception's copy of what the server said, not a line for a terminal.
   */
  private static String cut(String value, int max) {
    return value == null ? null : Text.cut(value, max, "...(" + value.length() + " chars, truncated)");
  }

  @Override
  public String toString() {
    return "Redactor(***)";
  }
}
