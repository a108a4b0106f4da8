package com.marketplacecontracts.spring;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * A client is configured when any property under its prefix is set and {@code <prefix>.enabled} is not false: adding
 * the starter for one marketplace does not demand credentials for the other, and a half-configured client fails at
 * startup naming what is missing.
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
    for (ConfigurationPropertySource source : ConfigurationPropertySources.get(context.getEnvironment())) {
      if (source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT) {
        return ConditionOutcome.match(prefix + ".* is set");
      }
    }
    return ConditionOutcome.noMatch("no " + prefix + ".* property is set");
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
