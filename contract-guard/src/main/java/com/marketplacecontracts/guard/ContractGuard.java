package com.marketplacecontracts.guard;

import com.marketplacecontracts.core.error.MarketplaceException;
import com.marketplacecontracts.core.internal.error.Redactor;
import com.marketplacecontracts.core.internal.http.AnswerCheck;
import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.operation.ContractMismatch;
import com.marketplacecontracts.core.operation.ContractMismatch.Direction;
import com.marketplacecontracts.core.operation.ContractMismatch.Kind;
import com.marketplacecontracts.core.operation.Marketplace;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;

/**
 * An opt-in OkHttp interceptor that checks live traffic against the spec a client jar carries: the request body,
 * whether the status is documented, and the response body (unknown fields, missing required ones, unknown enum
 * values, wrong types, other rules). Each mismatch goes to the client's {@link ClientEvents#contractMismatch}; in
 * strict mode the call also fails with {@link ContractViolationException}. Values never leave it, only names and
 * rules, and those pass the client's redactor (a field name is the server's text). Its cost per message is bounded:
 * a body past {@link #MAX_CHECKED_BYTES}, {@link #MAX_CHECKED_TOKENS} JSON tokens or {@link #MAX_CHECKED_DEPTH}
 * levels is not checked, which is reported as a {@link Kind#NOT_CHECKED} mismatch (strict mode fails such a call
 * too: it cannot be shown to conform), and at most {@link #MAX_REPORTED} mismatches are reported for one message.
 * Thread-safe; build one per spec and share it.
 *
 * <pre>{@code
 * ContractGuard guard = ContractGuard.forSpec(ContractGuard.YANDEX_MARKET_SPEC).sample(0.05).build();
 * YandexMarketClient market = YandexMarketClient.builder()
 *     .okHttpClient(new OkHttpClient.Builder().addInterceptor(guard).build())
 *     .events(myEvents)                      // mismatches arrive here, beside retries and quota waits
 *     .apiKey(...).build();
 * }</pre>
 */
public final class ContractGuard implements Interceptor {

  /** The Teez spec inside {@code teez-client}. */
  public static final String TEEZ_SPEC = Marketplace.TEEZ.specResource();
  /** The Yandex Market spec inside {@code yandex-client}. */
  public static final String YANDEX_MARKET_SPEC = Marketplace.YANDEX_MARKET.specResource();
  /** Bodies above this size are not checked (and that is reported): 2 MiB, several times the largest page. */
  public static final long MAX_CHECKED_BYTES = 2L << 20;
  /**
   * JSON tokens (braces, names, values) checked in one body at most: a 10-offer page has about 2 000, so a full
   * 200-offer page fits. The validator's cost follows the tokens, not the bytes: 1 MiB of {@code [{},{},...]} is
   * 350 000 objects, each a mismatch.
   */
  public static final long MAX_CHECKED_TOKENS = 100_000;
  /** Nesting checked at most: the specs' schemas nest about a dozen levels. */
  public static final int MAX_CHECKED_DEPTH = 64;
  /** Mismatches reported for one message at most; past them a {@link Kind#NOT_CHECKED} says how many more. */
  public static final int MAX_REPORTED = 100;

  private final SpecIndex spec;
  /** The spec's marketplace when its resource name tells; a client's calls carry their own as a request tag. */
  private final Marketplace marketplace;
  private final ClientEvents fallbackEvents;
  private final boolean strict;
  private final double sample;
  /** Answers whose bytes this guard read itself (not left to a client's checked read), for tests. */
  private final LongAdder answersRead = new LongAdder();

  private ContractGuard(Builder builder) {
    this.spec = SpecIndex.parse(builder.yaml, builder.name);
    this.marketplace = builder.name.contains("/teez/") ? Marketplace.TEEZ
        : builder.name.contains("/yandex/") ? Marketplace.YANDEX_MARKET : null;
    this.fallbackEvents = builder.events;
    this.strict = builder.strict;
    this.sample = builder.sample;
  }

  /** A guard for a spec on the classpath, e.g. {@link #YANDEX_MARKET_SPEC}. */
  public static Builder forSpec(String classpathResource) {
    ClassLoader loader = Objects.requireNonNullElse(Thread.currentThread().getContextClassLoader(),
        ContractGuard.class.getClassLoader());
    try (InputStream in = loader.getResourceAsStream(classpathResource)) {
      if (in == null) {
        throw new IllegalArgumentException(classpathResource + " is not on the classpath (is the client jar?)");
      }
      return new Builder(classpathResource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A guard for a spec given as YAML or JSON text; {@code name} says which spec in messages. */
  public static Builder forSpecText(String name, String yamlOrJson) {
    return new Builder(name, yamlOrJson);
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (sample < 1.0 && ThreadLocalRandom.current().nextDouble() >= sample) {
      return chain.proceed(request);
    }
    Optional<SpecIndex.Entry> operation = spec.find(request.method(), request.url().encodedPath());
    if (operation.isEmpty()) {
      return chain.proceed(request); // not an operation of this spec
    }
    SpecIndex.Entry entry = operation.get();
    // Read before the call is sent (a body is written again to the wire); only when its schema is there to check.
    byte[] sent = entry.requestBody() == null ? null : bodyOf(request.body());
    Response response = chain.proceed(request);
    List<ContractMismatch> found = new ArrayList<>();
    if (sent != null) {
      check(entry, Direction.REQUEST, entry.requestBody(), sent, found);
    }
    int status = response.code();
    BodySchema handOver = null; // the schema of an answer the client's decoder checks
    if (!entry.documents(status)) {
      found.add(new ContractMismatch(entry.operationId(), Direction.RESPONSE, Kind.UNDOCUMENTED_STATUS,
          "status " + status, "the operation does not document HTTP " + status));
    } else {
      Optional<BodySchema> schema = entry.response(status);
      if (schema.isPresent()) {
        // A client decoding a generated model checks a 200 answer while it decodes it, so it is read once; the
        // guard checks the bytes only where that read cannot show the answer conforms (AnswerCheck).
        if (status == 200 && entry.okCheckedWhileDecoding()
            && response.request().tag(AnswerCheck.Decoder.class) != null) {
          handOver = schema.get();
        } else {
          checkBody(entry, schema.get(), response.peekBody(MAX_CHECKED_BYTES + 1).bytes(), found);
        }
      }
    }
    if (handOver != null) {
      BodySchema schema = handOver;
      boolean handed = AnswerCheck.handOver(new AnswerCheck(entry.operationId(), MAX_CHECKED_BYTES,
          MAX_CHECKED_TOKENS, MAX_CHECKED_DEPTH) {
        @Override
        protected void recheck(byte[] body) throws IOException {
          List<ContractMismatch> more = new ArrayList<>();
          checkBody(entry, schema, body, more);
          settle(entry, response, more);
        }
      });
      if (!handed) { // another guard of this call has: this one reads the bytes
        checkBody(entry, schema, response.peekBody(MAX_CHECKED_BYTES + 1).bytes(), found);
      }
    }
    settle(entry, response, found);
    return response;
  }

  private void checkBody(SpecIndex.Entry entry, BodySchema schema, byte[] body, List<ContractMismatch> found) {
    answersRead.increment();
    if (body.length > MAX_CHECKED_BYTES) {
      found.add(notChecked(entry, Direction.RESPONSE, "body larger than the " + MAX_CHECKED_BYTES
          + " bytes the guard checks"));
    } else {
      check(entry, Direction.RESPONSE, schema, body, found);
    }
  }

  /** Reports the mismatches found, through the client's events; in strict mode the call then fails. */
  private void settle(SpecIndex.Entry entry, Response response, List<ContractMismatch> found) throws IOException {
    if (found.isEmpty()) {
      return;
    }
    // Names in a mismatch may be the server's text (an unknown field is named as sent): masked like the client's.
    Redactor redactor = Objects.requireNonNullElse(response.request().tag(Redactor.class), Redactor.NONE);
    List<ContractMismatch> clean = found.stream().map(mismatch -> new ContractMismatch(mismatch.operationId(),
        mismatch.direction(), mismatch.kind(), redactor.text(mismatch.location()), redactor.text(mismatch.message())))
        .toList();
    ClientEvents own = response.request().tag(ClientEvents.class);
    ClientEvents events = own == null || own == ClientEvents.NONE ? fallbackEvents : own;
    clean.forEach(events::contractMismatch);
    if (strict) {
      response.close();
      Marketplace called = Objects.requireNonNullElse(response.request().tag(Marketplace.class), marketplace);
      MarketplaceException.Details details = new MarketplaceException.Details(called, entry.operationId(),
          response.code(), List.of(), redactor.text(response.header("X-Request-Id")), null);
      // The one carrier of a typed failure through OkHttp; the client's call rethrows it as it is.
      throw new ContractViolationException(details, clean).inTransit();
    }
  }

  private static byte[] bodyOf(RequestBody body) throws IOException {
    if (body == null || body.isOneShot() || body.isDuplex() || body.contentLength() > MAX_CHECKED_BYTES) {
      return null;
    }
    Buffer buffer = new Buffer();
    body.writeTo(buffer);
    return buffer.readByteArray();
  }

  private static void check(SpecIndex.Entry entry, Direction direction, BodySchema schema, byte[] body,
      List<ContractMismatch> found) {
    schema.check(body, entry.operationId(), direction, found);
  }

  private static ContractMismatch notChecked(SpecIndex.Entry entry, Direction direction, String why) {
    return ValidatorSchema.notChecked(entry.operationId(), direction, why);
  }

  long answersRead() {
    return answersRead.sum();
  }

  @Override
  public String toString() {
    return "ContractGuard(" + (marketplace == null ? "?" : marketplace.id()) + (strict ? ", strict" : ", report")
        + ", sample " + sample + ")";
  }

  /** Settings of a {@link ContractGuard}. */
  public static final class Builder {
    private final String name;
    private final String yaml;
    private ClientEvents events = ClientEvents.NONE;
    private boolean strict;
    private double sample = 1.0;

    private Builder(String name, String yaml) {
      this.name = name;
      this.yaml = yaml;
    }

    /**
     * Where mismatches go when the call did not come through a marketplace client with listeners of its own (whose
     * {@code events(...)} receive them otherwise).
     */
    public Builder events(ClientEvents events) {
      this.events = Objects.requireNonNull(events);
      return this;
    }

    /**
     * Fail a call that differs from the spec with {@link ContractViolationException} (after reporting it), and one
     * whose message the guard could not check ({@link Kind#NOT_CHECKED}).
     */
    public Builder strict() {
      this.strict = true;
      return this;
    }

    /** Check only this fraction of calls, chosen at random ({@code 0 < fraction <= 1}; default 1: every call). */
    public Builder sample(double fraction) {
      if (!(fraction > 0 && fraction <= 1)) {
        throw new IllegalArgumentException("sample must be in (0, 1], was " + fraction);
      }
      this.sample = fraction;
      return this;
    }

    public ContractGuard build() {
      return new ContractGuard(this);
    }
  }
}
