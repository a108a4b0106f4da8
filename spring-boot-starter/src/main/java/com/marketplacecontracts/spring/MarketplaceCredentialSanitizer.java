package com.marketplacecontracts.spring;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.Environment;

/**
 * Masks the clients' credentials where the actuator shows values ({@code configprops}, {@code env}, with
 * {@code show-values} on): the credential properties as {@code ******}, the variables their placeholders name (the
 * {@code YANDEX_MARKET_API_KEY} of {@code ${YANDEX_MARKET_API_KEY}}) too, and a limits store URI with its user
 * information (the password) and query values masked. Keys are compared in every form Boot binds ({@code api-key},
 * {@code apiKey}, {@code MARKETPLACE_YANDEX_API_KEY}).
 */
final class MarketplaceCredentialSanitizer implements SanitizingFunction {

  private static final Set<String> CREDENTIALS = Set.of("marketplace.yandex.api-key",
      "marketplace.yandex.oauth-token", "marketplace.teez.access-token", "marketplace.teez.client-id",
      "marketplace.teez.client-secret");
  private static final Set<String> STORES = Set.of("marketplace.yandex.limits-store", "marketplace.teez.limits-store");
  private static final Set<String> CREDENTIAL_KEYS = normalized(CREDENTIALS);
  private static final Set<String> STORE_KEYS = normalized(STORES);
  /** The name a placeholder reads: up to its default ({@code :}) or its end; nested ones are found one by one. */
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:$]+)");

  private final Environment environment;
  /** The variables and properties the credentials' placeholders name, normalized; read on first use. */
  private volatile Set<String> referenced;

  MarketplaceCredentialSanitizer(Environment environment) {
    this.environment = environment;
  }

  @Override
  public SanitizableData apply(SanitizableData data) {
    if (data.getValue() == null) {
      return data;
    }
    String key = normalized(data.getKey());
    if (CREDENTIAL_KEYS.contains(key) || referenced().contains(key)) {
      return data.withSanitizedValue();
    }
    if (STORE_KEYS.contains(key)) {
      return data.withValue(store(String.valueOf(data.getValue())));
    }
    return data;
  }

  /** A store URI as it may be shown: "local" as it is, a URI masked, anything else not at all. */
  private static String store(String value) {
    String trimmed = value.trim();
    if (trimmed.isEmpty() || trimmed.equalsIgnoreCase("local")) {
      return value;
    }
    String shown = MarketplaceClientProperties.redactedStore(trimmed);
    return shown == null ? SanitizableData.SANITIZED_VALUE : shown;
  }

  private Set<String> referenced() {
    Set<String> names = referenced;
    if (names == null) {
      names = new HashSet<>();
      for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
        for (String property : CREDENTIALS) {
          collect(source, property, names);
        }
        for (String property : STORES) {
          collect(source, property, names);
        }
      }
      referenced = names;
    }
    return names;
  }

  private static void collect(ConfigurationPropertySource source, String property, Set<String> names) {
    ConfigurationProperty value = source.getConfigurationProperty(ConfigurationPropertyName.of(property));
    if (value != null && value.getValue() instanceof String text) {
      Matcher placeholder = PLACEHOLDER.matcher(text);
      while (placeholder.find()) {
        names.add(normalized(placeholder.group(1)));
      }
    }
  }

  /** A key in the one form all of Boot's relaxed forms share: lower case letters and digits only. */
  private static String normalized(String key) {
    return key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  private static Set<String> normalized(Set<String> keys) {
    Set<String> out = new HashSet<>();
    keys.forEach(key -> out.add(normalized(key)));
    return Set.copyOf(out);
  }
}
