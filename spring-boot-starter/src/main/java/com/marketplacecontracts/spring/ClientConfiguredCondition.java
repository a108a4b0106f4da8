package com.marketplacecontracts.spring;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * A client is configured when any property under its prefix is set to a non-empty value and {@code <prefix>.enabled}
 * is not false: adding the starter for one marketplace does not demand credentials for the other, a credential
 * written {@code ${VARIABLE:}} leaves the client out while the variable is unset, and a half-configured client fails
 * at startup naming what is missing.
 */
abstract class ClientConfiguredCondition extends SpringBootCondition {

  private final String prefix;

  ClientConfiguredCondition(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
    Binder binder = Binder.get(context.getEnvironment());
    if (!binder.bind(prefix + ".enabled", Boolean.class).orElse(true)) {
      return ConditionOutcome.noMatch(prefix + ".enabled is false");
    }
    ConfigurationPropertyName name = ConfigurationPropertyName.of(prefix);
    Environment environment = context.getEnvironment();
    for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
      boolean set = source instanceof IterableConfigurationPropertySource names
          ? names.filter(name::isAncestorOf).stream().anyMatch(each -> nonEmpty(environment, source, each))
          : source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT;
      if (set) {
        return ConditionOutcome.match(prefix + ".* is set");
      }
    }
    return ConditionOutcome.noMatch("no " + prefix + ".* property is set to a non-empty value");
  }

  /** Whether the property's value, placeholders resolved, is not empty (an unresolvable one is kept as text). */
  private static boolean nonEmpty(Environment environment, ConfigurationPropertySource source,
      ConfigurationPropertyName name) {
    ConfigurationProperty property = source.getConfigurationProperty(name);
    Object value = property == null ? null : property.getValue();
    if (value instanceof String text) {
      return !environment.resolvePlaceholders(text).isEmpty();
    }
    return value != null;
  }

  static final class Yandex extends ClientConfiguredCondition {
    Yandex() {
      super("marketplace.yandex");
    }
  }

  static final class Teez extends ClientConfiguredCondition {
    Teez() {
      super("marketplace.teez");
    }
  }
}
