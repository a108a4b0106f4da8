package com.marketplacecontracts.core.http;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;

/**
 * Arguments for any generated method that meet its constraints: every required parameter and every required
 * field of a body, recursively, with the smallest value its {@code @Min}, {@code @Size} and {@code @Pattern}
 * allow; optional ones are left out. An enum stored as its raw string gets one of its values. The generated
 * contract suite calls every operation with them.
 */
public final class SampleArguments {

  private static final List<String> CANDIDATES = List.of("x", "1", "a1", "A1", "SKU-1", "123456", "12345678",
      "1234567890123", "2026-07-17", "17-07-2026", "2026-07-17T10:00:00+03:00", "RU", "ru", "https://example.com/a",
      "a@b.ru", "+79990000000", "10:00", "01", "0001", "000000000000");
  private static final int MAX_DEPTH = 12;

  private SampleArguments() {
  }

  /** One value per parameter of {@code method}; null for optional parameters. */
  public static Object[] of(Method method) {
    AnnotatedType[] types = method.getAnnotatedParameterTypes();
    Annotation[][] annotations = method.getParameterAnnotations();
    Object[] out = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      List<Annotation> all = new ArrayList<>(Arrays.asList(annotations[i]));
      all.addAll(Arrays.asList(types[i].getAnnotations()));
      boolean body = all.stream().anyMatch(a -> a instanceof retrofit2.http.Body);
      boolean part = all.stream().anyMatch(a -> a instanceof retrofit2.http.Part);
      if (has(all, NotNull.class) || body || part || all.stream().anyMatch(a -> a instanceof retrofit2.http.Path)) {
        out[i] = value(types[i], all, 0);
      }
    }
    return out;
  }

  static Object value(AnnotatedType annotated, List<Annotation> constraints, int depth) {
    Type type = annotated.getType();
    Class<?> raw = raw(type);
    if (depth > MAX_DEPTH) {
      throw new IllegalStateException("required fields nest deeper than " + MAX_DEPTH + " at " + type);
    }
    if (raw == MultipartBody.Part.class) {
      return MultipartBody.Part.createFormData("file", "sample.txt",
          RequestBody.create("sample".getBytes(), MediaType.get("text/plain")));
    }
    if (raw == String.class) {
      return string(constraints);
    }
    if (raw == Long.class || raw == long.class) {
      return (long) number(constraints);
    }
    if (raw == Integer.class || raw == int.class) {
      return (int) number(constraints);
    }
    if (raw == Double.class || raw == Float.class || raw == BigDecimal.class) {
      double n = number(constraints);
      return raw == Double.class ? (Object) n : raw == Float.class ? (Object) (float) n : BigDecimal.valueOf(n);
    }
    if (raw == Boolean.class || raw == boolean.class) {
      return Boolean.TRUE;
    }
    if (raw == LocalDate.class) {
      return LocalDate.of(2026, 7, 17);
    }
    if (raw == OffsetDateTime.class) {
      return OffsetDateTime.parse("2026-07-17T10:00:00+03:00");
    }
    if (raw.isEnum()) {
      return Arrays.stream(raw.getEnumConstants()).filter(c -> !c.toString().equals("UNRECOGNIZED")).findFirst()
          .orElseThrow();
    }
    if (Collection.class.isAssignableFrom(raw)) {
      AnnotatedType item = annotated instanceof AnnotatedParameterizedType p ? p.getAnnotatedActualTypeArguments()[0]
          : null;
      Collection<Object> out = raw == Set.class ? new LinkedHashSet<>() : new ArrayList<>();
      int size = Math.max(1, sizeMin(constraints));
      for (int i = 0; i < size; i++) {
        Object element = item == null ? "x" : value(item, Arrays.asList(item.getAnnotations()), depth + 1);
        if (element instanceof String s && size > 1) {
          element = s + i;   // distinct items where a set or uniqueness is asked
        } else if (element instanceof Long l && size > 1) {
          element = l + i;
        }
        out.add(element);
      }
      return out;
    }
    if (java.util.Map.class.isAssignableFrom(raw)) {
      return new LinkedHashMap<>();
    }
    return model(raw, depth);
  }

  /** A generated model with its required fields set. */
  private static Object model(Class<?> raw, int depth) {
    Object instance;
    try {
      instance = raw.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("no sample for " + raw.getName(), e);
    }
    for (Field field : raw.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers())) {
        continue;
      }
      List<Annotation> annotations = new ArrayList<>(Arrays.asList(field.getAnnotations()));
      annotations.addAll(Arrays.asList(field.getAnnotatedType().getAnnotations()));
      if (!has(annotations, NotNull.class)) {
        continue;
      }
      Object value;
      Class<?> enumType = rawEnumOf(raw, field);
      if (enumType != null) {
        Object constant = value(new Plain(enumType), List.of(), depth + 1);
        value = enumValue(constant);
      } else {
        value = value(field.getAnnotatedType(), annotations, depth + 1);
      }
      try {
        field.setAccessible(true);
        field.set(instance, value);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return instance;
  }

  /** The enum a String field stands for, when its getter returns one (enums stored as the raw string). */
  private static Class<?> rawEnumOf(Class<?> model, Field field) {
    if (field.getType() != String.class) {
      return null;
    }
    String getter = "get" + Character.toUpperCase(field.getName().charAt(0)) + field.getName().substring(1);
    try {
      Class<?> returned = model.getMethod(getter).getReturnType();
      return returned.isEnum() ? returned : null;
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static String enumValue(Object constant) {
    try {
      return String.valueOf(constant.getClass().getMethod("getValue").invoke(constant));
    } catch (ReflectiveOperationException e) {
      return constant.toString();
    }
  }

  private static String string(List<Annotation> constraints) {
    int min = Math.max(1, sizeMin(constraints));
    int max = sizeMax(constraints);
    Pattern pattern = find(constraints, Pattern.class);
    List<String> candidates = new ArrayList<>(CANDIDATES);
    candidates.add(0, "x".repeat(min));
    candidates.add("1".repeat(min));
    for (String candidate : candidates) {
      if (candidate.length() >= min && candidate.length() <= max
          && (pattern == null || java.util.regex.Pattern.compile(pattern.regexp()).matcher(candidate).matches())) {
        return candidate;
      }
    }
    throw new IllegalStateException("no sample string for pattern " + (pattern == null ? "-" : pattern.regexp())
        + " and size " + min + ".." + max);
  }

  private static double number(List<Annotation> constraints) {
    double low = 1;
    Min min = find(constraints, Min.class);
    DecimalMin decimalMin = find(constraints, DecimalMin.class);
    if (min != null) {
      low = Math.max(min.value(), 1);
    }
    if (decimalMin != null) {
      low = Math.max(new BigDecimal(decimalMin.value()).doubleValue() + (decimalMin.inclusive() ? 0 : 0.5), low);
    }
    Max max = find(constraints, Max.class);
    DecimalMax decimalMax = find(constraints, DecimalMax.class);
    double high = max != null ? max.value() : decimalMax != null ? new BigDecimal(decimalMax.value()).doubleValue()
        : Double.MAX_VALUE;
    return Math.min(low, high);
  }

  private static int sizeMin(List<Annotation> constraints) {
    Size size = find(constraints, Size.class);
    return size == null ? 0 : size.min();
  }

  private static int sizeMax(List<Annotation> constraints) {
    Size size = find(constraints, Size.class);
    return size == null ? Integer.MAX_VALUE : size.max();
  }

  private static boolean has(List<Annotation> annotations, Class<? extends Annotation> type) {
    return find(annotations, type) != null;
  }

  private static <A extends Annotation> A find(List<Annotation> annotations, Class<A> type) {
    for (Annotation annotation : annotations) {
      if (type.isInstance(annotation)) {
        return type.cast(annotation);
      }
    }
    return null;
  }

  private static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    throw new IllegalStateException("no sample for " + type);
  }

  /** An annotated type without annotations, for a class known by other means. */
  private record Plain(Class<?> type) implements AnnotatedType {
    @Override
    public Type getType() {
      return type;
    }

    @Override
    public <T extends Annotation> T getAnnotation(Class<T> annotationClass) {
      return null;
    }

    @Override
    public Annotation[] getAnnotations() {
      return new Annotation[0];
    }

    @Override
    public Annotation[] getDeclaredAnnotations() {
      return new Annotation[0];
    }
  }
}
