package com.marketplacecontracts.core.http;

import com.squareup.moshi.JsonDataException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import retrofit2.Converter;
import retrofit2.Retrofit;

/**
 * Wraps the response converters so that anything a body's decoding throws is a {@link JsonDataException}: the call
 * then reports an unreadable response, while a mistake of the calling code keeps its own type.
 */
final class DecodingFailures extends Converter.Factory {

  private final Converter.Factory decoding;

  DecodingFailures(Converter.Factory decoding) {
    this.decoding = decoding;
  }

  @Override
  public Converter<ResponseBody, ?> responseBodyConverter(Type type, Annotation[] annotations, Retrofit retrofit) {
    Converter<ResponseBody, ?> converter = decoding.responseBodyConverter(type, annotations, retrofit);
    if (converter == null) {
      return null;
    }
    return body -> {
      try {
        return converter.convert(body);
      } catch (JsonDataException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new JsonDataException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
      }
    };
  }

  @Override
  public Converter<?, RequestBody> requestBodyConverter(Type type, Annotation[] parameterAnnotations,
      Annotation[] methodAnnotations, Retrofit retrofit) {
    return decoding.requestBodyConverter(type, parameterAnnotations, methodAnnotations, retrofit);
  }
}
