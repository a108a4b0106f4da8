package com.marketplacecontracts.notifications;

import java.nio.charset.StandardCharsets;

/**
 * What to send back: the status and the JSON body (UTF-8, {@code application/json}). 200 carries
 * {@code {version, name, time}}; 400 and 500 carry {@code {"error": {"type", "message"}}} as the spec says.
 */
public record Answer(int status, String body) {

  public static final String CONTENT_TYPE = "application/json; charset=utf-8";

  public byte[] bytes() {
    return body.getBytes(StandardCharsets.UTF_8);
  }
}
