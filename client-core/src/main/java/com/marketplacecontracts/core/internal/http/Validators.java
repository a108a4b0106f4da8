package com.marketplacecontracts.core.internal.http;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one Bean Validation setup of the clients (Hibernate Validator), built once, when first used: a call whose
 * parameters pass their {@link ParameterRules} never needs it, and its bootstrap costs a short-lived process (a
 * command-line call) more than the call itself. It starts when this class is initialized, that is at the first
 * {@link #shared()}: ask for it where a validation is made (the clients pass {@code Validators::shared}).
 */
public final class Validators {

  /**
   * Hibernate Validator announces its version at INFO; without a logging setup that line lands on the user's
   * stderr. Held here so the level sticks (JUL keeps loggers weakly); a level the user configured is kept.
   */
  private static final Logger VERSION_LOG = quietUnlessConfigured("org.hibernate.validator.internal.util.Version");
  private static final Validator SHARED = Validation.buildDefaultValidatorFactory().getValidator();

  private Validators() {
  }

  /** The shared validator (thread-safe), started by the first call. */
  public static Validator shared() {
    return SHARED;
  }

  private static Logger quietUnlessConfigured(String name) {
    Logger logger = Logger.getLogger(name);
    if (logger.getLevel() == null) {
      logger.setLevel(Level.WARNING);
    }
    return logger;
  }
}
