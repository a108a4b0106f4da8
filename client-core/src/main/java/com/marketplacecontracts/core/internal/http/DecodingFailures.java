package com.marketplacecontracts.core.internal.http;

import com.marketplacecontracts.core.http.ResponseLimits;
import com.marketplacecontracts.core.internal.Text;
import com.marketplacecontracts.core.json.CheckedDecoding;
import com.marketplacecontracts.core.json.Checks;
import com.marketplacecontracts.core.json.GeneratedAdapter;
import com.marketplacecontracts.core.operation.ApiOperation;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Optional;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ByteString;
import okio.Okio;
import retrofit2.Converter;
import retrofit2.Retrofit;

/**
 * Wraps the response converters so that anything a body's decoding throws is an {@link Undecodable} (holding the
 * body's first bytes): the call then reports an unreadable response with them, while a mistake of the calling code
 * keeps its own type. A body that may hold more values than {@link ResponseLimits#maxJsonValues()} is read through a
 * {@link JsonValueLimit}, so millions of tiny values fail before they are decoded.
 */
final class DecodingFailures extends Converter.Factory {

  private final Converter.Factory decoding;
  private final Moshi moshi;
  private final long maxJsonValues;

  DecodingFailures(Converter.Factory decoding, Moshi moshi, long maxJsonValues) {
    this.decoding = decoding;
    this.moshi = moshi;
    this.maxJsonValues = maxJsonValues;
  }

  @Override
  public Converter<ResponseBody, ?> responseBodyConverter(Type type, Annotation[] annotations, Retrofit retrofit) {
    Converter<ResponseBody, ?> converter = decoding.responseBodyConverter(type, annotations, retrofit);
    if (converter == null) {
      return null;
    }
    CheckedDecoding<?> checked = checkedDecoding(type);
    String operationId = operationId(annotations);
    return body -> {
      AnswerCheck check = AnswerCheck.take();
      if (check != null) {
        Optional<Object> value = checkedRead(check, body, checked, operationId);
        if (value.isPresent()) {
          return value.get();
        }
      }
      // The body's first bytes, kept for the failure a body that does not decode ends in (a proxy's HTML page):
      // copied (2 KB at most), since a snapshot would keep the decoder's segments from going back to their pool.
      BufferedSource source = body.source();
      source.request(HEAD_BYTES);
      ByteString head = ByteString.of(source.peek().readByteArray(Math.min(HEAD_BYTES, source.getBuffer().size())));
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
        throw new Undecodable(e, head);
      } catch (JsonEncodingException e) {
        // The decoder's advice (a lenient reader) is no one's to take here: say what is wrong, and where. Our own
        // bounds (JsonValueLimit) keep their words.
        String message = String.valueOf(e.getMessage());
        String plain = Text.withoutLenientAdvice(message, "the body is not valid JSON");
        throw new Undecodable(new JsonDataException(plain, plain.equals(message) ? e : null), head);
      } catch (RuntimeException e) {
        throw new Undecodable(new JsonDataException(e.getClass().getSimpleName() + ": " + e.getMessage(), e), head);
      }
    };
  }

  /** The checked read of a generated model's adapter; null for any other type. */
  private CheckedDecoding<?> checkedDecoding(Type type) {
    if (!(type instanceof Class<?> raw) || !raw.isAnnotationPresent(GeneratedAdapter.class)) {
      return null;
    }
    return moshi.adapter(type) instanceof CheckedDecoding<?> checked ? checked : null;
  }

  private static String operationId(Annotation[] annotations) {
    for (Annotation annotation : annotations) {
      if (annotation instanceof ApiOperation operation) {
        return operation.id();
      }
    }
    return null;
  }

  /**
   * The answer decoded by the checked read, which decodes it as the usual read does and tells whether the guard
   * must still look at it: if so, the guard checks the bytes (and reports, or fails the call in strict mode). Where
   * the checked read cannot decode it as the usual read would (a doubt, a body past the bounds, a method of another
   * operation), the guard checks the bytes and empty is returned for the usual decoding. The body is read whole
   * first (it is bounded by {@code ResponseLimits}), so the read cannot block or fail half-way.
   */
  private Optional<Object> checkedRead(AnswerCheck check, ResponseBody body, CheckedDecoding<?> checked,
      String operationId) throws IOException {
    BufferedSource source = body.source();
    source.request(check.maxBytes() + 1);
    Buffer whole = source.getBuffer();
    Checks.Read<?> read = null;
    // A body that may hold more values than the usual read lets through (JsonValueLimit) is left to it.
    if (checked != null && whole.size() <= check.maxBytes() && (whole.size() + 1) / 2 <= maxJsonValues
        && check.operationId().equals(operationId)) {
      read = Checks.read(checked, whole, check.maxTokens(), Math.min(check.maxDepth(), JsonValueLimit.MAX_DEPTH));
    }
    if (read == null || read.flagged()) {
      check.recheck(whole.peek().readByteArray(Math.min(whole.size(), check.maxBytes() + 1)));
    }
    if (read == null) {
      return Optional.empty();
    }
    body.close();
    return Optional.of(read.value());
  }

  /** Bytes of a body kept for its failure: as much as a failure keeps of a raw body. */
  private static final long HEAD_BYTES = 2_000;

  /**
   * A body that did not decode: the decoding failure (the call's cause), with the body's first bytes (as text) for
   * the failure's raw body. Only a carrier: no stack of its own.
   */
  static final class Undecodable extends RuntimeException {
    final JsonDataException failure;
    final String head;

    Undecodable(JsonDataException failure, ByteString head) {
      super(failure.getMessage(), failure, false, false);
      this.failure = failure;
      this.head = head.size() == 0 ? null : head.string(java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Override
  public Converter<?, RequestBody> requestBodyConverter(Type type, Annotation[] parameterAnnotations,
      Annotation[] methodAnnotations, Retrofit retrofit) {
    return decoding.requestBodyConverter(type, parameterAnnotations, methodAnnotations, retrofit);
  }
}
