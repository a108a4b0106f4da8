package com.marketplacecontracts.contract.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback HTTP/1.1 server on raw sockets, for misbehaviour MockWebServer cannot produce (endless or trickled
 * bodies, hanging after the request, garbage status lines). Each connection serves one request: the handler gets
 * the request head and the socket's output and may do anything with them. Stops every connection on close.
 */
final class RawServer implements AutoCloseable {

  /** What the server does with one request. */
  @FunctionalInterface
  interface Handler {
    void handle(String requestHead, OutputStream out) throws IOException, InterruptedException;
  }

  private final ServerSocket socket;
  private final Handler handler;
  private final AtomicInteger requests = new AtomicInteger();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  RawServer(Handler handler) throws IOException {
    this.handler = handler;
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "raw-server-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String url() {
    return "http://127.0.0.1:" + socket.getLocalPort() + "/";
  }

  /** Requests whose head was received. */
  int requests() {
    return requests.get();
  }

  private void accept() {
    while (!closed) {
      try {
        Socket connection = socket.accept();
        connection.setTcpNoDelay(true);
        open.add(connection);
        Thread worker = new Thread(() -> serve(connection), "raw-server-connection");
        worker.setDaemon(true);
        worker.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket connection) {
    try (connection) {
      String head = readHead(connection.getInputStream());
      if (head == null) {
        return;
      }
      requests.incrementAndGet();
      skipBody(head, connection.getInputStream());
      handler.handle(head, connection.getOutputStream());
      connection.getOutputStream().flush();
    } catch (IOException | InterruptedException e) {
      // the client went away or the server was closed: that is how these exchanges end
    } finally {
      open.remove(connection);
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4 && head.size() < 64 * 1024) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /**
   * Reads past the request's body (a POST's filter): closing a socket with unread input resets the connection, and
   * the client would see that instead of the answer.
   */
  private static void skipBody(String head, InputStream in) throws IOException {
    Matcher length = CONTENT_LENGTH.matcher(head);
    if (length.find()) {
      in.readNBytes(Integer.parseInt(length.group(1)));
    }
  }

  private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^Content-Length: *([0-9]{1,9})");

  /** Blocks until the server is closed (a server that accepts and never answers). */
  void hang() throws InterruptedException {
    while (!closed) {
      Thread.sleep(20);
    }
  }

  static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    socket.close();
    for (Socket connection : open) {
      connection.close();
    }
  }
}
