package com.marketplacecontracts.core.internal.http;

import com.marketplacecontracts.core.http.ResponseLimits;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import okio.Okio;
import retrofit2.Converter;
import retrofit2.Retrofit;

/**
 * Wraps the response converters so that anything a body's decoding throws is a {@link JsonDataException}: the call
 * then reports an unreadable response, while a mistake of the calling code keeps its own type. A body that may hold
 * more values than {@link ResponseLimits#maxJsonValues()} is read through a {@link JsonValueLimit}, so millions of
 * tiny values fail before they are decoded.
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
        // Every value but the first takes a byte and a separator: a body of known length below twice the bound
        // cannot pass it and is not scanned (a documented page is far below; the scan costs ~1 ns a byte).
        long length = body.contentLength();
        if (length >= 0 && (length + 1) / 2 <= maxJsonValues) {
          return converter.convert(body);
        }
        return converter.convert(ResponseBody.create(
            Okio.buffer(new JsonValueLimit(body.source(), maxJsonValues)), body.contentType(), length));
      } catch (JsonDataException e) {
        throw e;
      } catch (JsonEncodingException e) {
        // The decoder's advice (a lenient reader) is no one's to take here: say what is wrong, and where. Our own
        // bounds (JsonValueLimit) keep their words.
        String message = String.valueOf(e.getMessage());
        if (!message.contains("setLenient")) {
          throw e;
        }
        int at = message.lastIndexOf(" at path ");
        throw new JsonDataException("the body is not valid JSON" + (at < 0 ? "" : message.substring(at)));
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
