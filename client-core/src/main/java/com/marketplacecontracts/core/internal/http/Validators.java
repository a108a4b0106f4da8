package com.marketplacecontracts.core.internal.http;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.executable.ExecutableValidator;
import jakarta.validation.metadata.BeanDescriptor;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one Bean Validation setup of the clients (Hibernate Validator), built once, when first used: a call whose
 * parameters pass their {@link ParameterRules} never needs it, and its bootstrap costs a short-lived process (a
 * command-line call) more than the call itself.
 */
public final class Validators {

  private static final Validator SHARED = new Deferred();

  private Validators() {
  }

  /** The shared validator (thread-safe); Hibernate Validator starts at its first use. */
  public static Validator shared() {
    return SHARED;
  }

  /** Hibernate Validator, bootstrapped by the first thread that needs it (the holder idiom). */
  private static final class Bootstrapped {
    /**
     * Hibernate Validator announces its version at INFO; without a logging setup that line lands on the user's
     * stderr. Held here so the level sticks (JUL keeps loggers weakly); a level the user configured is kept.
     */
    private static final Logger VERSION_LOG = quietUnlessConfigured("org.hibernate.validator.internal.util.Version");
    static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    private static Logger quietUnlessConfigured(String name) {
      Logger logger = Logger.getLogger(name);
      if (logger.getLevel() == null) {
        logger.setLevel(Level.WARNING);
      }
      return logger;
    }
  }

  /** Hands every use to {@link Bootstrapped#VALIDATOR}, which it starts on the first. */
  private static final class Deferred implements Validator {
    @Override
    public <T> Set<jakarta.validation.ConstraintViolation<T>> validate(T object, Class<?>... groups) {
      return Bootstrapped.VALIDATOR.validate(object, groups);
    }

    @Override
    public <T> Set<jakarta.validation.ConstraintViolation<T>> validateProperty(T object, String propertyName,
        Class<?>... groups) {
      return Bootstrapped.VALIDATOR.validateProperty(object, propertyName, groups);
    }

    @Override
    public <T> Set<jakarta.validation.ConstraintViolation<T>> validateValue(Class<T> beanType, String propertyName,
        Object value, Class<?>... groups) {
      return Bootstrapped.VALIDATOR.validateValue(beanType, propertyName, value, groups);
    }

    @Override
    public BeanDescriptor getConstraintsForClass(Class<?> clazz) {
      return Bootstrapped.VALIDATOR.getConstraintsForClass(clazz);
    }

    @Override
    public <T> T unwrap(Class<T> type) {
      return Bootstrapped.VALIDATOR.unwrap(type);
    }

    @Override
    public ExecutableValidator forExecutables() {
      return Bootstrapped.VALIDATOR.forExecutables();
    }
  }
}
