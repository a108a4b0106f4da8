package com.marketplacecontracts.notifications;

import com.marketplacecontracts.core.json.MoshiFactory;
import com.marketplacecontracts.core.internal.http.Validators;
import com.marketplacecontracts.notifications.ReceiverListener.Kind;
import com.marketplacecontracts.notifications.ReceiverListener.Outcome;
import com.marketplacecontracts.notifications.yandex.model.NotificationApiErrorDTO;
import com.marketplacecontracts.notifications.yandex.model.NotificationApiErrorType;
import com.marketplacecontracts.notifications.yandex.model.NotificationType;
import com.marketplacecontracts.notifications.yandex.model.SendNotificationErrorResponse;
import com.marketplacecontracts.notifications.yandex.model.SendNotificationResponse;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.Moshi;
import jakarta.validation.ConstraintViolation;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import okio.Buffer;

/**
 * The receiving end of the marketplace's notifications, with no HTTP framework in it: the body's bytes, the headers
 * and the remote address in, an {@link Answer} out. Host it in any server (the embedded {@link NotificationServer},
 * a servlet, a Spring controller): the adapter reads the body (at most {@link #maxBodyBytes()}), calls
 * {@link #receive} and writes the answer.
 *
 * <p>What it answers, as the contract ({@code specs/yandex/notification-api.yaml}) says:
 * <ul>
 *   <li>200 {@code {version, name, time}}: PING (answered at once, never handed to the handler), a new event (see
 *       the mode), a repeat within the window (not handed over again);</li>
 *   <li>400 {@code WRONG_EVENT_FORMAT}: a body that does not fit the contract (not JSON, not UTF-8, too big, too
 *       deep, not {@code application/json}, a known type missing a required field or breaking a constraint). The
 *       marketplace does not resend it;</li>
 *   <li>500 {@code UNKNOWN}: the queue is full ({@link WhenFull#RESEND}) or, in {@link Mode#HANDLE_THEN_ANSWER}, the
 *       handler threw or ran past its deadline, or the receiver itself failed ({@link Kind#FAILED}: {@code receive}
 *       lets no RuntimeException out). The marketplace resends it (every minute, then less often, for 14 days);</li>
 *   <li>403: a source address the {@link SourceFilter} does not allow (never the marketplace's).</li>
 * </ul>
 * A type newer than the spec (any name not exactly one of the spec's) and enum values newer than the spec are
 * accepted and handed over raw.
 *
 * <p>The handler never holds up an answer beyond the receiver's own limits: it runs on a bounded pool
 * ({@code workers} threads, a queue of {@code queueCapacity}), so a hanging or slow handler fills the queue and
 * gets {@link WhenFull} applied, while PING and malformed bodies are answered without touching the pool.
 */
public final class NotificationReceiver implements AutoCloseable {

  /** How an event reaches the handler, and what the marketplace's 200 then means. */
  public enum Mode {
    /**
     * Acknowledge, then handle (the default). 200 means "queued": the event is in this JVM's queue and the handler
     * runs on a worker after the answer. If the handler then throws, the marketplace is not told (it already has its
     * 200): {@link ReceiverListener#handlerFailed} is called and the key is released, so a later repeat of the same
     * event is handed over again. If the process stops, queued events are lost: keep the handler's first step
     * durable (write the event to your own store) when that matters.
     */
    ACKNOWLEDGE_THEN_HANDLE,
    /**
     * Handle, then answer. 200 means "handled": the handler returned within {@code handlerDeadline} (at most 9 s,
     * under the marketplace's 10 s). A throw or a deadline passed gives 500 and the marketplace resends; a handler
     * that passed its deadline keeps running, and its key is released only if it finally fails (a repeat that
     * arrives while it still runs is answered 200 as a repeat). At most {@code maxWaiting} answers wait at once
     * (default 16, half the embedded server's request threads); another event then gets 500 at once, so PING and
     * malformed bodies always find a request thread however slow the handler is.
     */
    HANDLE_THEN_ANSWER
  }

  /** What a full queue means for the event that did not fit. */
  public enum WhenFull {
    /** Answer 500 and forget the key: the marketplace resends later (the default; nothing is lost). */
    RESEND,
    /** Answer 200 and drop the event, reported as {@link Kind#QUEUE_FULL} (for handlers that would rather poll). */
    DROP
  }

  public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
  public static final int DEFAULT_MAX_DEPTH = 16;
  public static final Duration DEFAULT_WINDOW = Duration.ofDays(15);
  static final Duration MAX_HANDLER_DEADLINE = Duration.ofSeconds(9);
  private static final String MODEL_PACKAGE = "com.marketplacecontracts.notifications.yandex.model.";

  private final NotificationHandler handler;
  private final Mode mode;
  private final WhenFull whenFull;
  private final DeduplicationStore store;
  private final Duration window;
  private final int maxBodyBytes;
  private final int maxDepth;
  private final SourceFilter sources;
  private final ReceiverListener listener;
  private final Duration handlerDeadline;
  /** HANDLE_THEN_ANSWER: the answers that may wait for the handler at once (each holds a request thread). */
  private final Semaphore waiting;
  private final String name;
  private final String version;
  private final Clock clock;
  private final ThreadPoolExecutor pool;
  private final Moshi moshi = MoshiFactory.create();
  private final JsonAdapter<SendNotificationResponse> okAdapter = moshi.adapter(SendNotificationResponse.class);
  private final JsonAdapter<SendNotificationErrorResponse> errorAdapter =
      moshi.adapter(SendNotificationErrorResponse.class);
  /** The typed model of each type the spec knows, made once: a type is looked up by its exact name only. */
  private final Map<NotificationType, JsonAdapter<?>> payloadAdapters = new EnumMap<>(NotificationType.class);

  private NotificationReceiver(Builder b) {
    this.handler = Objects.requireNonNull(b.handler, "handler");
    this.mode = b.mode;
    this.whenFull = b.whenFull;
    this.store = b.store != null ? b.store : new InMemoryDeduplicationStore();
    this.window = b.window;
    this.maxBodyBytes = b.maxBodyBytes;
    this.maxDepth = b.maxDepth;
    this.sources = b.sources;
    this.listener = b.listener;
    this.handlerDeadline = b.handlerDeadline;
    this.waiting = new Semaphore(b.maxWaiting);
    this.name = b.name;
    this.version = b.version;
    this.clock = b.clock;
    AtomicInteger count = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(b.workers, b.workers, 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(b.queueCapacity), r -> {
          Thread thread = new Thread(r, "notification-handler-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        }, new ThreadPoolExecutor.AbortPolicy());
    this.pool.allowCoreThreadTimeOut(true);
    warmUp();
  }

  /**
   * The first PING after a start must not pay for class loading and the validator's bootstrap (hundreds of
   * milliseconds of a 1 s limit): both are paid here, with a PING and an order that are then forgotten.
   */
  private void warmUp() {
    for (NotificationType type : NotificationType.values()) {
      Class<?> model = modelOf(type);
      if (model != null) {
        payloadAdapters.put(type, moshi.adapter(model));
      }
    }
    Validators.shared().validate(new SendNotificationResponse());
    ok();
    error(NotificationApiErrorType.UNKNOWN, "warm-up");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The largest body the adapter should read; a longer one is answered 400 without being parsed. */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /**
   * Answers one request. {@code headers} by name, any case; {@code remote} the connection's peer ({@code null} when
   * the host does not know it: then an allow-list refuses).
   */
  public Answer receive(byte[] body, Map<String, List<String>> headers, InetAddress remote) {
    try {
      return answerOf(body, headers, remote);
    } catch (RuntimeException e) {
      return failed(e);
    }
  }

  /**
   * The answer to a fault of this code or of what it calls, never of the body (that is a 400): 500, resent later.
   * The fault's message may hold anything (an address, a credential): only its class is reported.
   */
  Answer failed(Throwable fault) {
    String message = "the receiver failed: " + fault.getClass().getSimpleName();
    return answer(new Outcome(Kind.FAILED, 500, null, null, message),
        error(NotificationApiErrorType.UNKNOWN, "the receiver failed, resend later"));
  }

  private Answer answerOf(byte[] body, Map<String, List<String>> headers, InetAddress remote) {
    Map<String, List<String>> named = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) {
      headers.forEach((k, v) -> {
        if (k != null && v != null) {
          named.put(k, v);
        }
      });
    }
    if (sources != null && !sources.allows(remote, named.get("X-Forwarded-For"))) {
      return answer(new Outcome(Kind.REFUSED_SOURCE, 403, null, null, "source address not allowed"),
          error(NotificationApiErrorType.UNKNOWN, "source address not allowed"));
    }
    String contentType = first(named.get("Content-Type"));
    if (!isJson(contentType)) {
      return malformed(null, "Content-Type: must be application/json (UTF-8)");
    }
    if (body == null || body.length == 0) {
      return malformed(null, "the body is empty");
    }
    if (body.length > maxBodyBytes) {
      return malformed(null, "the body is larger than " + maxBodyBytes + " bytes");
    }
    String json;
    Map<String, Object> fields;
    try {
      json = JsonBody.utf8(body);
      fields = JsonBody.object(body, maxDepth);
    } catch (JsonBody.Refused e) {
      return malformed(null, e.getMessage());
    }
    if (!(fields.get("notificationType") instanceof String type) || type.isBlank()) {
      return malformed(null, "notificationType: must be a string");
    }
    if (type.length() > 100) {
      return malformed(null, "notificationType: longer than 100 characters");
    }
    Object payload;
    try {
      payload = payload(type, body);
    } catch (JsonBody.Refused e) {
      return malformed(type, e.getMessage());
    }
    if ("PING".equals(type)) {
      return answer(new Outcome(Kind.PING, 200, type, null, null), ok());
    }
    String key = EventKeys.key(type, fields);
    Notification notification = new Notification(type, payload, EventKeys.eventTime(fields), key, fields, json);
    boolean fresh;
    try {
      fresh = store.claim(key, window);
    } catch (RuntimeException e) {
      storeFailed(e);
      fresh = true;
    }
    if (!fresh) {
      return answer(new Outcome(Kind.DUPLICATE, 200, type, key, null), ok());
    }
    return mode == Mode.ACKNOWLEDGE_THEN_HANDLE ? acknowledge(notification) : handleNow(notification);
  }

  private Answer acknowledge(Notification notification) {
    try {
      pool.execute(() -> {
        try {
          handler.handle(notification);
        } catch (Throwable e) {
          release(notification.key());
          failed(notification, e);
        }
      });
    } catch (RejectedExecutionException e) {
      return full(notification);
    }
    return answer(new Outcome(Kind.ACCEPTED, 200, notification.type(), notification.key(), null), ok());
  }

  private Answer handleNow(Notification notification) {
    if (!waiting.tryAcquire()) {
      return full(notification);
    }
    try {
      return waitForHandler(notification);
    } finally {
      waiting.release();
    }
  }

  private Answer waitForHandler(Notification notification) {
    Future<?> run;
    try {
      run = pool.submit(() -> {
        try {
          handler.handle(notification);
        } catch (Throwable e) {
          release(notification.key());
          throw new HandlerFailure(e);
        }
        return null;
      });
    } catch (RejectedExecutionException e) {
      return full(notification);
    }
    String message;
    try {
      run.get(handlerDeadline.toMillis(), TimeUnit.MILLISECONDS);
      return answer(new Outcome(Kind.ACCEPTED, 200, notification.type(), notification.key(), null), ok());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() instanceof HandlerFailure f ? f.getCause() : e.getCause();
      failed(notification, cause);
      message = "the handler failed";
    } catch (TimeoutException e) {
      failed(notification, e);
      message = "the handler did not finish within " + handlerDeadline.toMillis() + " ms";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      message = "interrupted";
    }
    return answer(new Outcome(Kind.HANDLER_FAILED, 500, notification.type(), notification.key(), message),
        error(NotificationApiErrorType.UNKNOWN, message));
  }

  private Answer full(Notification notification) {
    if (whenFull == WhenFull.DROP) {
      return answer(new Outcome(Kind.QUEUE_FULL, 200, notification.type(), notification.key(),
          "queue full: dropped"), ok());
    }
    release(notification.key());
    return answer(new Outcome(Kind.QUEUE_FULL, 500, notification.type(), notification.key(),
        "queue full: resend later"), error(NotificationApiErrorType.UNKNOWN, "busy, resend later"));
  }

  /** The typed payload of a type the spec knows (checked against its constraints), {@code null} for another. */
  private Object payload(String type, byte[] body) throws JsonBody.Refused {
    JsonAdapter<?> adapter = adapterFor(type);
    if (adapter == null) {
      return null;
    }
    Object value;
    try {
      value = adapter.fromJson(new Buffer().write(body));
    } catch (JsonDataException | JsonEncodingException e) {
      throw new JsonBody.Refused(JsonBody.clip(JsonBody.words(e.getMessage())));
    } catch (IOException e) {
      throw new JsonBody.Refused("the body is not JSON");
    }
    Set<ConstraintViolation<Object>> violations = Validators.shared().validate(value);
    if (!violations.isEmpty()) {
      List<String> rules = violations.stream()
          .map(v -> v.getPropertyPath() + ": " + v.getMessage()).sorted(Comparator.naturalOrder()).toList();
      throw new JsonBody.Refused(String.join("; ", rules.subList(0, Math.min(rules.size(), 10))));
    }
    return value;
  }

  /** The typed model's adapter of a type the spec knows by this exact name, {@code null} for any other. */
  private JsonAdapter<?> adapterFor(String type) {
    return payloadAdapters.get(NotificationType.fromValue(type));
  }

  /** The generated model of a type: {@code ORDER_STATUS_UPDATED} → {@code OrderStatusUpdatedNotificationDTO}. */
  static Class<?> modelOf(NotificationType type) {
    if (type == null || type == NotificationType.UNRECOGNIZED) {
      return null;
    }
    StringBuilder name = new StringBuilder(MODEL_PACKAGE);
    for (String word : type.getValue().split("_")) {
      name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
    }
    try {
      return Class.forName(name.append("NotificationDTO").toString(), true,
          NotificationReceiver.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  private void release(String key) {
    try {
      store.release(key);
    } catch (RuntimeException e) {
      storeFailed(e);
    }
  }

  private void storeFailed(RuntimeException failure) {
    try {
      listener.storeFailed(failure);
    } catch (RuntimeException ignored) {
      // A listener's own failure must not change the answer.
    }
  }

  private void failed(Notification notification, Throwable failure) {
    try {
      listener.handlerFailed(notification, failure);
    } catch (RuntimeException ignored) {
      // A listener's own failure must not change the answer.
    }
  }

  private Answer malformed(String type, String message) {
    return answer(new Outcome(Kind.MALFORMED, 400, type, null, message),
        error(NotificationApiErrorType.WRONG_EVENT_FORMAT, message));
  }

  private Answer answer(Outcome outcome, String body) {
    try {
      listener.answered(outcome);
    } catch (RuntimeException ignored) {
      // A listener's own failure must not change the answer.
    }
    return new Answer(outcome.status(), body);
  }

  private String ok() {
    return okAdapter.toJson(new SendNotificationResponse().name(name).version(version)
        .time(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS)));
  }

  private String error(NotificationApiErrorType type, String message) {
    return errorAdapter.toJson(new SendNotificationErrorResponse()
        .error(new NotificationApiErrorDTO().type(type).message(message)));
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String[] parts = contentType.split(";", 10);
    if (!parts[0].trim().equalsIgnoreCase("application/json")) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String param = parts[i].trim().toLowerCase(Locale.ROOT);
      if (param.startsWith("charset=") && !param.substring(8).replace("\"", "").equals("utf-8")) {
        return false;
      }
    }
    return true;
  }

  private static String first(List<String> values) {
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** How many typed models are held (one a known type, whatever types arrive). */
  int cachedAdapters() {
    return payloadAdapters.size();
  }

  /** Events queued and not yet started. */
  public int queued() {
    return pool.getQueue().size();
  }

  /** Handler runs in progress. */
  public int running() {
    return pool.getActiveCount();
  }

  /**
   * Stops taking events and waits up to {@code grace} for the queued ones; a handler still running after that is
   * interrupted. Closes the store.
   */
  public void close(Duration grace) {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
    store.close();
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }

  @Override
  public String toString() {
    return "NotificationReceiver[" + mode + ", workers=" + pool.getMaximumPoolSize() + ", queue="
        + (pool.getQueue().size() + pool.getQueue().remainingCapacity()) + ", " + whenFull + ", " + store + "]";
  }

  /** A handler's throw carried out of the pool (never shown to the marketplace). */
  private static final class HandlerFailure extends RuntimeException {
    HandlerFailure(Throwable cause) {
      super(null, cause, false, false);
    }
  }

  /** Everything but the handler has a default. */
  public static final class Builder {
    private NotificationHandler handler;
    private Mode mode = Mode.ACKNOWLEDGE_THEN_HANDLE;
    private WhenFull whenFull = WhenFull.RESEND;
    private DeduplicationStore store;
    private Duration window = DEFAULT_WINDOW;
    private int workers = 4;
    private int queueCapacity = 1000;
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private int maxDepth = DEFAULT_MAX_DEPTH;
    private SourceFilter sources;
    private ReceiverListener listener = new ReceiverListener() {
    };
    private Duration handlerDeadline = Duration.ofSeconds(8);
    private int maxWaiting = 16;
    private String name = "marketplace-contracts";
    private String version = "1";
    private Clock clock = Clock.systemUTC();

    private Builder() {
    }

    public Builder handler(NotificationHandler handler) {
      this.handler = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /** {@link Mode#ACKNOWLEDGE_THEN_HANDLE} (default) or {@link Mode#HANDLE_THEN_ANSWER}. */
    public Builder mode(Mode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** What a full queue does: {@link WhenFull#RESEND} (default, 500) or {@link WhenFull#DROP} (200). */
    public Builder whenFull(WhenFull whenFull) {
      this.whenFull = Objects.requireNonNull(whenFull, "whenFull");
      return this;
    }

    /** Handler threads (default 4) and events waiting for one (default 1000). */
    public Builder pool(int workers, int queueCapacity) {
      if (workers < 1 || workers > 1000) {
        throw new IllegalArgumentException("workers: must be 1 to 1000, was " + workers);
      }
      if (queueCapacity < 1 || queueCapacity > 1_000_000) {
        throw new IllegalArgumentException("queueCapacity: must be 1 to 1000000, was " + queueCapacity);
      }
      this.workers = workers;
      this.queueCapacity = queueCapacity;
      return this;
    }

    /**
     * Where keys are remembered (default: {@link InMemoryDeduplicationStore}, this JVM only) and for how long
     * (default 15 days: the marketplace resends for 14).
     */
    public Builder deduplication(DeduplicationStore store, Duration window) {
      this.store = Objects.requireNonNull(store, "store");
      if (window.isNegative() || window.isZero() || window.compareTo(Duration.ofDays(60)) > 0) {
        throw new IllegalArgumentException("window: must be more than 0 and at most 60 days, was " + window);
      }
      this.window = window;
      return this;
    }

    /** The largest body read (default 64 KiB; a notification is a few hundred bytes). */
    public Builder maxBodyBytes(int maxBodyBytes) {
      if (maxBodyBytes < 256 || maxBodyBytes > 16 << 20) {
        throw new IllegalArgumentException("maxBodyBytes: must be 256 to 16 MiB, was " + maxBodyBytes);
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /** The deepest nesting read (default 16; a notification nests 3 levels). */
    public Builder maxDepth(int maxDepth) {
      if (maxDepth < 2 || maxDepth > 128) {
        throw new IllegalArgumentException("maxDepth: must be 2 to 128, was " + maxDepth);
      }
      this.maxDepth = maxDepth;
      return this;
    }

    /** Only these sources (e.g. {@link SourceFilter#marketplace()}); by default every source is served. */
    public Builder sources(SourceFilter sources) {
      this.sources = Objects.requireNonNull(sources, "sources");
      return this;
    }

    public Builder listener(ReceiverListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** In HANDLE_THEN_ANSWER, how long the answer waits for the handler (default 8 s, at most 9 s). */
    public Builder handlerDeadline(Duration deadline) {
      if (deadline.isNegative() || deadline.isZero() || deadline.compareTo(MAX_HANDLER_DEADLINE) > 0) {
        throw new IllegalArgumentException("handlerDeadline: must be more than 0 and at most 9 s (the marketplace"
            + " waits 10 s), was " + deadline);
      }
      this.handlerDeadline = deadline;
      return this;
    }

    /**
     * In HANDLE_THEN_ANSWER, how many answers may wait for the handler at once (default 16); past it an event gets
     * the {@link WhenFull} answer at once. Keep it under the host's request threads (the embedded server has 32), so
     * that a slow handler never holds every thread and PING always gets one.
     */
    public Builder maxWaiting(int maxWaiting) {
      if (maxWaiting < 1 || maxWaiting > 1000) {
        throw new IllegalArgumentException("maxWaiting: must be 1 to 1000, was " + maxWaiting);
      }
      this.maxWaiting = maxWaiting;
      return this;
    }

    /** The integration's name and version in every 200 (1 to 100 characters each, as the spec bounds them). */
    public Builder integration(String name, String version) {
      this.name = bounded("name", name);
      this.version = bounded("version", version);
      return this;
    }

    Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    private static String bounded(String field, String value) {
      if (value == null || value.isEmpty() || value.length() > 100) {
        throw new IllegalArgumentException(field + ": must be 1 to 100 characters");
      }
      return value;
    }

    public NotificationReceiver build() {
      return new NotificationReceiver(this);
    }
  }
}
