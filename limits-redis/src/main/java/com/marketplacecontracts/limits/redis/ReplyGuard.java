package com.marketplacecontracts.limits.redis;

import io.lettuce.core.protocol.CommandHandler;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;

/**
 * Reads the RESP framing of every reply before Lettuce does and refuses, by closing the connection, one no store
 * command could need: a bulk string over {@link #MAX_BULK} bytes, an aggregate of more than {@link #MAX_ELEMENTS}
 * elements or nested deeper than {@link #MAX_DEPTH}, a reply over {@link #MAX_REPLY} bytes in all, a line over
 * {@link #MAX_LINE} bytes, or bytes that are not RESP at all. Lettuce keeps a reply in its buffer until it is whole,
 * so a {@code $200000000} header alone would otherwise make it hold 200 MB for a reply it can never use. The store's
 * own replies are tiny: integers, a few short strings and the limits script's list of four.
 *
 * <p>One guard per connection (Netty calls it on the connection's event loop, one read at a time).
 */
final class ReplyGuard extends ChannelInboundHandlerAdapter {

  static final int MAX_BULK = 64 * 1024;
  static final int MAX_ELEMENTS = 1024;
  static final int MAX_DEPTH = 8;
  static final int MAX_REPLY = 1024 * 1024;
  static final int MAX_LINE = 4096;

  private final long[] pending = new long[MAX_DEPTH]; // elements still due, per open aggregate
  private int depth;
  private long replyBytes;
  private long bulkLeft = -1; // bytes of a bulk string's payload and CRLF still to come; -1 between elements
  private final StringBuilder line = new StringBuilder();
  private boolean refused;

  /** Puts a guard in front of Lettuce's decoder on {@code channel} (after TLS, which must decrypt first). */
  static void install(Channel channel) {
    ChannelPipeline pipeline = channel.pipeline();
    ChannelHandlerContext decoder = pipeline.context(CommandHandler.class);
    if (decoder == null) {
      pipeline.addFirst("limits-reply-guard", new ReplyGuard());
    } else {
      pipeline.addBefore(decoder.name(), "limits-reply-guard", new ReplyGuard());
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf bytes)) {
      ctx.fireChannelRead(msg);
      return;
    }
    String problem = refused ? "after a refused reply" : scan(bytes);
    if (problem == null) {
      ctx.fireChannelRead(msg);
      return;
    }
    bytes.release();
    if (!refused) {
      refused = true;
      // fails the command waiting for this reply; closing fails or expires the rest, and the store falls back
      ctx.fireExceptionCaught(new RedisStoreException("reply refused: " + problem));
      ctx.close();
    }
  }

  /** Follows the framing through {@code bytes} without consuming them; why the reply is refused, or null. */
  private String scan(ByteBuf bytes) {
    int i = bytes.readerIndex();
    int end = bytes.writerIndex();
    while (i < end) {
      if (bulkLeft >= 0) {
        int take = (int) Math.min(bulkLeft, end - i);
        bulkLeft -= take;
        i += take;
        replyBytes += take;
        if (bulkLeft == 0) {
          bulkLeft = -1;
          elementDone();
        }
        continue;
      }
      char c = (char) (bytes.getByte(i++) & 0xff);
      if (++replyBytes > MAX_REPLY) {
        return "more than " + MAX_REPLY + " bytes";
      }
      if (c != '\n') {
        if (line.length() >= MAX_LINE) {
          return "a line of more than " + MAX_LINE + " bytes";
        }
        line.append(c);
        continue;
      }
      String problem = header(line);
      line.setLength(0);
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  /** One line ({@code \r} included, {@code \n} not): a reply's or element's header. */
  private String header(CharSequence text) {
    if (text.length() < 2 || text.charAt(text.length() - 1) != '\r') {
      return "not RESP";
    }
    char type = text.charAt(0);
    switch (type) {
      case '+', '-', ':', ',', '#', '_', '(' -> {
        elementDone();
        return null;
      }
      case '$', '=', '!' -> {
        long length = number(text);
        if (length == -1 && type == '$') {
          elementDone(); // null bulk string
          return null;
        }
        if (length < 0 || length > MAX_BULK) {
          return "a bulk string of " + describe(length) + " bytes (at most " + MAX_BULK + ")";
        }
        bulkLeft = length + 2;
        return null;
      }
      case '*', '%', '~', '>' -> {
        long count = number(text);
        if (count == -1 && type == '*') {
          elementDone(); // null array
          return null;
        }
        if (count < 0 || count > MAX_ELEMENTS) {
          return "an aggregate of " + describe(count) + " elements (at most " + MAX_ELEMENTS + ")";
        }
        if (count == 0) {
          elementDone();
          return null;
        }
        if (depth == MAX_DEPTH) {
          return "aggregates nested deeper than " + MAX_DEPTH;
        }
        pending[depth++] = type == '%' ? 2 * count : count;
        return null;
      }
      default -> {
        return "not RESP";
      }
    }
  }

  /** An element ended: so may the aggregates it closes, and with the outermost one, the reply. */
  private void elementDone() {
    while (depth > 0) {
      if (--pending[depth - 1] > 0) {
        return;
      }
      depth--;
    }
    replyBytes = 0;
  }

  /** The number after the type character; {@code Long.MIN_VALUE} when it is not one (or has more than 12 digits). */
  private static long number(CharSequence text) {
    int start = 1;
    boolean negative = text.length() > 2 && text.charAt(1) == '-';
    if (negative) {
      start = 2;
    }
    int digits = text.length() - 1 - start;
    if (digits < 1 || digits > 12) {
      return Long.MIN_VALUE;
    }
    long value = 0;
    for (int i = start; i < text.length() - 1; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return Long.MIN_VALUE;
      }
      value = value * 10 + (c - '0');
    }
    return negative ? -value : value;
  }

  private static String describe(long number) {
    return number == Long.MIN_VALUE ? "an unreadable number of" : Long.toString(number);
  }
}
