package com.marketplacecontracts.spring;

import com.marketplacecontracts.core.auth.Credential;
import com.marketplacecontracts.core.error.RequestValidationException;
import com.marketplacecontracts.core.http.ClientBuilder;
import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.operation.Marketplace;
import com.marketplacecontracts.core.ratelimit.InvalidLimitsStoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import org.springframework.util.ClassUtils;

/** Properties onto a client builder, each failure naming its property. */
final class ClientSetup {

  private static final String GUARD_CLASS = "com.marketplacecontracts.guard.ContractGuard";

  private ClientSetup() {
  }

  /**
   * The settings both clients share.
   *
   * @param prefix    e.g. {@code marketplace.yandex}
   * @param spec      the classpath resource of the client's spec, for the contract guard
   * @param listeners the application's {@code ClientEvents} beans, in order
   * @param http      the application's OkHttpClient, or null
   * @param loader    the application's class loader
   */
  static <B extends ClientBuilder<B>> void apply(B builder, String prefix, MarketplaceClientProperties properties,
      String spec, List<ClientEvents> listeners, OkHttpClient http, ClassLoader loader) {
    if (properties.getBaseUrl() != null) {
      try {
        builder.baseUrl(properties.getBaseUrl());
      } catch (IllegalArgumentException e) {
        throw new InvalidMarketplacePropertyException(prefix + ".base-url", "must be an http:// or https:// URL");
      }
    }
    timeout(prefix + ".connect-timeout", properties.getConnectTimeout(), false, builder::connectTimeout);
    timeout(prefix + ".read-timeout", properties.getReadTimeout(), false, builder::readTimeout);
    timeout(prefix + ".call-timeout", properties.getCallTimeout(), true, builder::callTimeout);
    if (properties.getUserAgent() != null) {
      builder.userAgent(properties.getUserAgent());
    }
    if (!properties.localLimits()) {
      refuseUnresolved(prefix + ".limits-store", properties.getLimitsStore());
      try {
        builder.limitsStore(properties.getLimitsStore().trim());
      } catch (InvalidLimitsStoreException e) {
        // the project's own type: its message names the part and the rule, never a password
        throw new InvalidMarketplacePropertyException(prefix + ".limits-store", e.getMessage(), e);
      }
    }
    OkHttpClient client = http;
    MarketplaceClientProperties.ContractGuard guard = properties.getContractGuard();
    if (guard.isEnabled()) {
      if (!ClassUtils.isPresent(GUARD_CLASS, loader)) {
        throw new InvalidMarketplacePropertyException(prefix + ".contract-guard.enabled",
            "true needs the contract-guard module on the class path");
      }
      if (!(guard.getSample() > 0 && guard.getSample() <= 1)) {
        throw new InvalidMarketplacePropertyException(prefix + ".contract-guard.sample",
            "must be in (0, 1], was " + guard.getSample());
      }
      client = (http == null ? new OkHttpClient.Builder() : http.newBuilder())
          .addInterceptor(Guards.guard(spec, guard)).build();
    }
    if (client != null) {
      builder.okHttpClient(client);
    }
    List<ClientEvents> all = new ArrayList<>(listeners);
    if (properties.getEvents().isLog()) {
      all.add(new LoggingEvents(prefix.substring(prefix.lastIndexOf('.') + 1)));
    }
    builder.events(all.stream().reduce(ClientEvents.NONE, ClientEvents::plus));
  }

  /** The credential, checked by the clients' own rule; a failure names the property, never the value. */
  static String checked(Marketplace marketplace, String property, String value) {
    refuseUnresolved(property, value);
    try {
      return Credential.checked(marketplace, property, value);
    } catch (RequestValidationException e) {
      String rule = e.violations().isEmpty() ? "not a usable credential" : e.violations().get(0).rule();
      throw new InvalidMarketplacePropertyException(property, rule);   // no cause: nothing of the value travels
    }
  }

  /**
   * Boot binds a placeholder whose variable is unset as its own text, which would be sent as the credential (or the
   * store's password): refused, naming the property, never the value.
   */
  static void refuseUnresolved(String property, String value) {
    if (value != null && value.contains("${")) {
      throw new InvalidMarketplacePropertyException(property, "holds a placeholder ${...} that was not resolved (its"
          + " variable or property is not set); write ${NAME:} for a value that may be left unset");
    }
  }

  /**
   * What a client's refusal to be built says in the properties' words: a User-Agent the client refuses, when the
   * properties set one, names {@code prefix.user-agent}; any other refusal is {@code otherwise} (the caller's).
   */
  static RuntimeException named(String prefix, MarketplaceClientProperties properties,
      RequestValidationException refusal, RuntimeException otherwise) {
    for (RequestValidationException.Violation violation : refusal.violations()) {
      if (violation.field().equals("User-Agent") && properties.getUserAgent() != null) {
        return new InvalidMarketplacePropertyException(prefix + ".user-agent", violation.rule());
      }
    }
    return otherwise;
  }

  static boolean set(String value) {
    return value != null && !value.isEmpty();
  }

  private static void timeout(String property, Duration value, boolean zeroAllowed, Consumer<Duration> setter) {
    if (value == null) {
      return;
    }
    if (value.isNegative() || (!zeroAllowed && value.isZero())) {
      throw new InvalidMarketplacePropertyException(property, "must be " + (zeroAllowed ? "zero (none) or " : "")
          + "positive, was " + value);
    }
    setter.accept(value);
  }
}
