package com.marketplacecontracts.core.json;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a generated model that carries its own Moshi adapter as the nested class {@code MoshiAdapter} (constructor
 * taking the {@code Moshi}); {@link MoshiFactory} uses it instead of Moshi's reflective class adapter.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface GeneratedAdapter {
}
