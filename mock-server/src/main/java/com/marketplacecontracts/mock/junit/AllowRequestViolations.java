package com.marketplacecontracts.mock.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test that sends requests breaking the spec on purpose (e.g. to check the client's handling of the 400 Prism
 * answers): its violations are kept in {@link MockedMarketplace#violations()} but do not fail it.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AllowRequestViolations {
}
