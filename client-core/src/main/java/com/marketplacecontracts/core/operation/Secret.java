package com.marketplacecontracts.core.operation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The spec marks this property {@code x-secret: true}: its value never appears in {@code toString()}, logs or
 * validation messages. The one source of what is secret; generated models carry it on such fields.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER})
public @interface Secret {
}
