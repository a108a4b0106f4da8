package com.marketplacecontracts.core.http;

import com.squareup.moshi.JsonDataException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import okio.Okio;
import retrofit2.Converter;
import retrofit2.Retrofit;

/**
 * Wraps the response converters so that anything a body's decoding throws is a {@link JsonDataException}: the call
 * then reports an unreadable response, while a mistake of the calling code keeps its own type. Each body is read
 * through a {@link JsonValueLimit}, so a body of millions of tiny values fails before they are decoded.
 */
final class DecodingFailures extends Converter.Factory {

  private final Converter.Factory decoding;
  private final long maxJsonValues;

  DecodingFailures(Converter.Factory decoding, long maxJsonValues) {
    this.decoding = decoding;
    this.maxJsonValues = maxJsonValues;
  }

  @Override
  public Converter<ResponseBody, ?> responseBodyConverter(Type type, Annotation[] annotations, Retrofit retrofit) {
    Converter<ResponseBody, ?> converter = decoding.responseBodyConverter(type, annotations, retrofit);
    if (converter == null) {
      return null;
    }
    return body -> {
      try {
        return converter.convert(ResponseBody.create(
            Okio.buffer(new JsonValueLimit(body.source(), maxJsonValues)), body.contentType(), body.contentLength()));
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
