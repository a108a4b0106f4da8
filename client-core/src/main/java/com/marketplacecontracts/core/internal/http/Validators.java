package com.marketplacecontracts.core.internal.http;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The one Bean Validation setup of the clients (Hibernate Validator), built once. */
public final class Validators {

  /**
   * Hibernate Validator announces its version at INFO; without a logging setup that line lands on the user's
   * stderr. Held here so the level sticks (JUL keeps loggers weakly); a level the user configured is kept.
   */
  private static final Logger VERSION_LOG = quietUnlessConfigured("org.hibernate.validator.internal.util.Version");
  private static final Validator SHARED = Validation.buildDefaultValidatorFactory().getValidator();

  private Validators() {
  }

  /** The shared validator (thread-safe). */
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
