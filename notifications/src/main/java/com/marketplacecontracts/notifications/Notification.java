package com.marketplacecontracts.notifications;

import com.marketplacecontracts.notifications.yandex.model.NotificationType;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One notification as the receiver accepted it: its type (raw, and as the generated enum), the typed payload for a
 * type the spec knows, the event time, the key repeats are recognised by, and the fields as read.
 *
 * <p>A type added by the marketplace after the spec ({@link NotificationType#UNRECOGNIZED}) has no typed payload:
 * its fields are in {@link #fields()} and its JSON in {@link #json()}. An unknown enum value in a known type is kept
 * raw by the payload ({@code getStatus()} gives {@code UNRECOGNIZED}, {@code getStatusAsString()} the value).
 */
public final class Notification {

  private final String type;
  private final Object payload;
  private final OffsetDateTime eventTime;
  private final String key;
  private final Map<String, Object> fields;
  private final String json;

  Notification(String type, Object payload, OffsetDateTime eventTime, String key, Map<String, Object> fields,
      String json) {
    this.type = type;
    this.payload = payload;
    this.eventTime = eventTime;
    this.key = key;
    this.fields = fields;
    this.json = json;
  }

  /** The {@code notificationType} as sent. */
  public String type() {
    return type;
  }

  /** The type as the generated enum: {@link NotificationType#UNRECOGNIZED} for a type newer than the spec. */
  public NotificationType knownType() {
    return NotificationType.fromValue(type);
  }

  /**
   * The typed payload ({@code OrderCreatedNotificationDTO}, ...), empty for a type newer than the spec.
   */
  public Optional<Object> payload() {
    return Optional.ofNullable(payload);
  }

  /** The payload as {@code type}, or empty when it is another type (or unknown). */
  public <T> Optional<T> payload(Class<T> type) {
    return type.isInstance(payload) ? Optional.of(type.cast(payload)) : Optional.empty();
  }

  /**
   * When the event happened ({@code createdAt}, {@code updatedAt}, {@code cancelledAt}, ... as the type names it;
   * {@code time} for PING), or {@code null} when the notification carries none the receiver could read. Events
   * arrive in any order: keep the state of the latest event time.
   */
  public OffsetDateTime eventTime() {
    return eventTime;
  }

  /** The key repeats are recognised by: derived from the type, the ids, the statuses and the event time. */
  public String key() {
    return key;
  }

  /**
   * The top-level fields as read: strings, {@link java.math.BigDecimal} numbers, booleans, lists, maps, nulls
   * (unmodifiable).
   */
  public Map<String, Object> fields() {
    return fields;
  }

  /** The JSON body as received (UTF-8 checked, size bounded). */
  public String json() {
    return json;
  }

  /** A long field (an id) of any type, by name; empty when absent or not an integer. */
  public Optional<Long> id(String name) {
    Object value = fields.get(Objects.requireNonNull(name, "name"));
    if (value instanceof java.math.BigDecimal number) {
      try {
        return Optional.of(number.longValueExact());
      } catch (ArithmeticException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "Notification[" + type + ", eventTime=" + eventTime + ", key=" + key + "]";
  }
}
