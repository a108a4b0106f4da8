package com.marketplacecontracts.core.internal.http;

import jakarta.validation.Constraint;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.AnnotatedWildcardType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The parameter constraints of one API method, compiled into plain checks: a call whose arguments pass them has
 * nothing for Hibernate Validator to report, so it goes out without the validator (whose bootstrap and per-class
 * metadata cost a short-lived process more than the call). A call that fails a check, and every call of a method
 * declaring anything these rules do not cover (a cascaded body, a constraint other than {@code NotNull}, {@code Min},
 * {@code Max}, {@code Size} and {@code Pattern} on the types below, groups, a cross-parameter or nested container
 * constraint), is left to the validator, so what a caller is told about a bad value is the validator's own report.
 *
 * <p>Each check is the validator's own rule: {@code null} passes all but {@code NotNull}; {@code Min}/{@code Max}
 * compare whole numbers ({@code byte} to {@code long}, boxed or not); {@code Size} counts a string's chars, a
 * collection's or a map's entries; {@code Pattern} matches the whole string; a constraint on the type argument of a
 * {@code List}, {@code Set} or {@code Collection} parameter applies to each element.
 */
final class ParameterRules {

  /** Rules that never pass: the method is always checked by the validator. */
  static final ParameterRules VALIDATOR_ONLY = new ParameterRules(null);

  /** Per parameter, the checks of its value; {@code null} for {@link #VALIDATOR_ONLY}. */
  private final List<Predicate<Object>> parameters;

  private ParameterRules(List<Predicate<Object>> parameters) {
    this.parameters = parameters;
  }

  /** Whether {@code arguments} pass every rule (false: let the validator decide and describe). */
  boolean pass(Object[] arguments) {
    if (parameters == null || arguments.length != parameters.size()) {
      return false;
    }
    for (int i = 0; i < arguments.length; i++) {
      if (!parameters.get(i).test(arguments[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * The rules of {@code method}'s parameters, or {@link #VALIDATOR_ONLY} if it declares one they do not cover or
   * could inherit constraints ({@code api} extends another interface, or the method is not {@code api}'s own).
   */
  static ParameterRules of(Class<?> api, Method method) {
    if (method.getDeclaringClass() != api || api.getInterfaces().length != 0 || hasValidation(api.getAnnotations())
        || hasValidation(method.getAnnotations())) {
      return VALIDATOR_ONLY; // inherited, a cross-parameter or return-value constraint, @Valid, @ValidateOnExecution
    }
    Class<?>[] types = method.getParameterTypes();
    Annotation[][] declared = method.getParameterAnnotations();
    AnnotatedType[] annotated = method.getAnnotatedParameterTypes();
    List<Predicate<Object>> parameters = new ArrayList<>(types.length);
    for (int i = 0; i < types.length; i++) {
      if (!List.of(declared[i]).containsAll(validation(annotated[i].getAnnotations()))) {
        return VALIDATOR_ONLY; // a constraint on the parameter's type only
      }
      Predicate<Object> value = checks(declared[i], types[i]);
      Predicate<Object> elements = elementChecks(annotated[i], types[i]);
      if (value == null || elements == null) {
        return VALIDATOR_ONLY;
      }
      parameters.add(elements == ANY ? value : value == ANY ? elements : value.and(elements));
    }
    return new ParameterRules(List.copyOf(parameters));
  }

  private static final Predicate<Object> ANY = value -> true;

  /**
   * The checks of a container's elements from its type argument's constraints ({@link #ANY} if none); {@code null}
   * for constraints these rules do not cover (a map's, an array's, an optional's, nested ones).
   */
  private static Predicate<Object> elementChecks(AnnotatedType type, Class<?> raw) {
    if (!constrainedWithin(type)) {
      return ANY;
    }
    if (!(type instanceof AnnotatedParameterizedType parameterized)
        || !(raw == List.class || raw == Set.class || raw == Collection.class)) {
      return null;
    }
    AnnotatedType element = parameterized.getAnnotatedActualTypeArguments()[0];
    if (!(element.getType() instanceof Class<?> elementClass) || constrainedWithin(element)) {
      return null; // a wildcard, a type variable, a constrained nested container
    }
    Predicate<Object> each = checks(element.getAnnotations(), elementClass);
    if (each == null) {
      return null;
    }
    return value -> {
      if (value == null) {
        return true;
      }
      for (Object item : (Collection<?>) value) {
        if (!each.test(item)) {
          return false;
        }
      }
      return true;
    };
  }

  /** Whether a constraint sits anywhere inside {@code type} (its type arguments, bounds or array component). */
  private static boolean constrainedWithin(AnnotatedType type) {
    List<AnnotatedType> inner = new ArrayList<>();
    if (type instanceof AnnotatedParameterizedType parameterized) {
      inner.addAll(List.of(parameterized.getAnnotatedActualTypeArguments()));
    } else if (type instanceof AnnotatedArrayType array) {
      inner.add(array.getAnnotatedGenericComponentType());
    } else if (type instanceof AnnotatedWildcardType wildcard) {
      inner.addAll(List.of(wildcard.getAnnotatedUpperBounds()));
      inner.addAll(List.of(wildcard.getAnnotatedLowerBounds()));
    }
    for (AnnotatedType each : inner) {
      if (hasValidation(each) || constrainedWithin(each)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasValidation(AnnotatedType type) {
    return hasValidation(type.getAnnotations());
  }

  private static boolean hasValidation(Annotation[] annotations) {
    return !validation(annotations).isEmpty();
  }

  private static List<Annotation> validation(Annotation[] annotations) {
    List<Annotation> out = new ArrayList<>();
    for (Annotation annotation : annotations) {
      if (isValidation(annotation)) {
        out.add(annotation);
      }
    }
    return out;
  }

  /** The checks of a value of {@code type} with these annotations; {@code null} if one is not covered. */
  private static Predicate<Object> checks(Annotation[] annotations, Class<?> type) {
    Predicate<Object> all = ANY;
    for (Annotation annotation : annotations) {
      if (!isValidation(annotation)) {
        continue; // Retrofit's, the project's own (Secret)
      }
      Predicate<Object> check = check(annotation, type);
      if (check == null) {
        return null;
      }
      all = all == ANY ? check : all.and(check);
    }
    return all;
  }

  private static Predicate<Object> check(Annotation annotation, Class<?> type) {
    if (annotation instanceof NotNull notNull) {
      return notNull.groups().length == 0 ? value -> value != null : null;
    }
    if (annotation instanceof Min min) {
      return min.groups().length == 0 && whole(type) ? bound(min.value(), Long.MAX_VALUE) : null;
    }
    if (annotation instanceof Max max) {
      return max.groups().length == 0 && whole(type) ? bound(Long.MIN_VALUE, max.value()) : null;
    }
    if (annotation instanceof Size size) {
      if (size.groups().length != 0 || size.min() < 0 || size.max() < size.min()) {
        return null; // the validator reports a bad definition
      }
      int least = size.min();
      int most = size.max();
      if (type == String.class || type == CharSequence.class) {
        return value -> value == null || within(((CharSequence) value).length(), least, most);
      }
      if (Collection.class.isAssignableFrom(type)) {
        return value -> value == null || within(((Collection<?>) value).size(), least, most);
      }
      if (Map.class.isAssignableFrom(type)) {
        return value -> value == null || within(((Map<?, ?>) value).size(), least, most);
      }
      return null;
    }
    if (annotation instanceof Pattern pattern) {
      if (pattern.groups().length != 0 || !(type == String.class || type == CharSequence.class)) {
        return null;
      }
      int flags = 0;
      for (Pattern.Flag flag : pattern.flags()) {
        flags |= flag.getValue();
      }
      java.util.regex.Pattern compiled;
      try {
        compiled = java.util.regex.Pattern.compile(pattern.regexp(), flags);
      } catch (IllegalArgumentException e) {
        return null; // the validator reports the bad expression
      }
      return value -> value == null || compiled.matcher((CharSequence) value).matches();
    }
    return null;
  }

  private static boolean within(int size, int least, int most) {
    return size >= least && size <= most;
  }

  /** {@code Byte} to {@code Long}, boxed or not: compared as longs, exactly as the validator does. */
  private static boolean whole(Class<?> type) {
    return type == Long.class || type == Integer.class || type == Short.class || type == Byte.class
        || type == long.class || type == int.class || type == short.class || type == byte.class;
  }

  private static Predicate<Object> bound(long least, long most) {
    return value -> {
      if (value == null) {
        return true;
      }
      long number = ((Number) value).longValue();
      return number >= least && number <= most;
    };
  }

  /** Bean Validation's own annotations ({@code Valid}, groups, constraints) and any constraint, composed or custom. */
  private static boolean isValidation(Annotation annotation) {
    Class<? extends Annotation> type = annotation.annotationType();
    return type.getName().startsWith("jakarta.validation.") || type.isAnnotationPresent(Constraint.class);
  }
}
