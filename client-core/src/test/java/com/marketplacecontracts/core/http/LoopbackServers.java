package com.marketplacecontracts.core.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ServerSocketFactory;
import okhttp3.mockwebserver.MockWebServer;

/**
 * Test helper: a MockWebServer whose sockets set TCP_NODELAY. Without it every exchange on loopback costs about
 * 40 ms (the server's second small write waits for a delayed ACK), which makes request-heavy tests slow.
 */
public final class LoopbackServers {

  private LoopbackServers() {
  }

  public static MockWebServer mockWebServer() {
    MockWebServer server = new MockWebServer();
    server.setServerSocketFactory(new ServerSocketFactory() {
      @Override
      public ServerSocket createServerSocket() throws IOException {
        return new NoDelayServerSocket();
      }

      @Override
      public ServerSocket createServerSocket(int port) throws IOException {
        throw new UnsupportedOperationException();
      }

      @Override
      public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        throw new UnsupportedOperationException();
      }

      @Override
      public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
        throw new UnsupportedOperationException();
      }
    });
    return server;
  }

  private static final class NoDelayServerSocket extends ServerSocket {
    NoDelayServerSocket() throws IOException {
      super();
    }

    @Override
    public Socket accept() throws IOException {
      Socket socket = super.accept();
      socket.setTcpNoDelay(true);
      return socket;
    }
  }
}
