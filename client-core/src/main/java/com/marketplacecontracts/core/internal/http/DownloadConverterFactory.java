package com.marketplacecontracts.core.internal.http;

import com.marketplacecontracts.core.http.Download;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import okio.Okio;
import okio.Sink;
import retrofit2.Converter;
import retrofit2.Retrofit;

/**
 * Decodes a binary answer into a {@link Download}: the body (already bounded by {@code ResponseLimitInterceptor})
 * is copied to a temporary file in chunks, so the decoded value holds no bytes in memory.
 */
final class DownloadConverterFactory extends Converter.Factory {

  @Override
  public Converter<ResponseBody, ?> responseBodyConverter(Type type, Annotation[] annotations, Retrofit retrofit) {
    if (type != Download.class) {
      return null;
    }
    return DownloadConverterFactory::save;
  }

  /** The body copied in chunks to a temporary file. */
  static Download save(ResponseBody body) throws IOException {
    Path file = Files.createTempFile("marketplace-download", ".bin");
    long size;
    try (body; OutputStream out = Files.newOutputStream(file); Sink sink = Okio.sink(out)) {
      BufferedSource source = body.source();
      size = source.readAll(sink);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    MediaType media = body.contentType();
    return new Download(file, media == null ? null : media.type() + "/" + media.subtype(), size);
  }
}
