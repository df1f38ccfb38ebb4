package dev.hasim.play;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.stream.javadsl.Source;

/**
 * hasim play's web server (Pekko HTTP, on an actor system of its own, apart from the simulation's): the page at
 * {@code /}, the live trace as server-sent events at {@code /stream}, commands at {@code POST /control}, the
 * recorded scenario at {@code /save.yaml}. Bound to 127.0.0.1 unless told otherwise.
 */
public final class PlayServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** How often a page's stream looks for news. */
  static final Duration STREAM_TICK = Duration.ofMillis(80);

  private final Playground live;
  private final String page;
  private final ActorSystem system;
  private final ServerBinding binding;

  private PlayServer(Playground live, String page, ActorSystem system, ServerBinding binding) {
    this.live = live;
    this.page = page;
    this.system = system;
    this.binding = binding;
  }

  /** Starts the live run (paused unless {@code play}) and binds; port 0 takes a free one. */
  public static PlayServer start(Playground live, String bind, int port, boolean play) {
    live.start(play);
    String page = PlayPage.render(live);
    ActorSystem system = ActorSystem.create("hasim-play-http", ConfigFactory.parseString(
        "pekko.loglevel = WARNING\npekko.http.server.idle-timeout = infinite\n").withFallback(ConfigFactory.load()));
    Routes routes = new Routes(live, page);
    try {
      ServerBinding binding = Http.get(system).newServerAt(bind, port).bind(routes.route())
          .toCompletableFuture().get(30, TimeUnit.SECONDS);
      return new PlayServer(live, page, system, binding);
    } catch (Exception e) {
      system.terminate();
      live.close();
      throw new IllegalStateException("cannot listen on " + bind + ":" + port + ": "
          + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
    }
  }

  public InetSocketAddress address() {
    return binding.localAddress();
  }

  public String url() {
    InetSocketAddress a = address();
    String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/";
  }

  public Playground live() {
    return live;
  }

  String page() {
    return page;
  }

  /** Blocks until the actor system ends (Ctrl-C stops the JVM, and with it everything). */
  public void awaitTermination() {
    system.getWhenTerminated().toCompletableFuture().join();
  }

  @Override
  public void close() {
    try {
      binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // shutting down regardless
    }
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(15, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // a stuck shutdown must not hide what the caller was doing
    }
    live.close();
  }

  private static final class Routes extends AllDirectives {
    private final Playground live;
    private final String page;

    Routes(Playground live, String page) {
      this.live = live;
      this.page = page;
    }

    Route route() {
      return concat(
          pathSingleSlash(() -> get(() -> complete(HttpEntities.create(ContentTypes.TEXT_HTML_UTF8, page)))),
          path("stream", () -> get(() -> extractRequest(request -> completeOK(stream(),
              EventStreamMarshalling.toEventStream())))),
          path("control", () -> post(() -> entity(Unmarshaller.entityToString(), body ->
              onSuccess(control(body), answer -> complete(HttpResponse.create().withStatus(StatusCodes.OK)
                  .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, json(answer)))))))),
          path("save.yaml", () -> get(() -> parameterOptional("expect", expect ->
              onSuccess(live.control(Map.of("op", "save", "expect", !"0".equals(expect.orElse("1")))), answer ->
                  complete(saved(answer)))))));
    }

    /** Each page gets its own cursor: everything from the start, then what comes. */
    private Source<ServerSentEvent, NotUsed> stream() {
      int[] cursor = {0};
      return Source.tick(Duration.ZERO, STREAM_TICK, "tick")
          .map(tick -> ServerSentEvent.create(live.deltasFrom(cursor))).mapMaterializedValue(cancellable -> NotUsed.getInstance());
    }

    private CompletionStage<Map<String, Object>> control(String body) {
      try {
        @SuppressWarnings("unchecked")
        Map<String, Object> command = JSON.readValue(body, Map.class);
        if ("save".equals(command.get("op"))) {
          return CompletableFuture.completedFuture(Map.of("ok", false, "message", "save with GET save.yaml"));
        }
        return live.control(command);
      } catch (Exception e) {
        return CompletableFuture.completedFuture(Map.of("ok", false, "message", "not a command: " + e.getMessage()));
      }
    }

    private HttpResponse saved(Map<String, Object> answer) {
      if (!Boolean.TRUE.equals(answer.get("ok"))) {
        return HttpResponse.create().withStatus(StatusCodes.CONFLICT)
            .withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, String.valueOf(answer.get("message"))));
      }
      String file = live.scenario().name() + "-live.yaml";
      return HttpResponse.create().withStatus(StatusCodes.OK)
          .withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8,
              ((String) answer.get("yaml")).getBytes(StandardCharsets.UTF_8)))
          .addHeaders(List.of(RawHeader.create("Content-Disposition", "attachment; filename=\"" + file + "\""),
              RawHeader.create("X-Hasim-Trace-Sha256", String.valueOf(answer.get("trace_sha256"))),
              RawHeader.create("X-Hasim-End-Ms", String.valueOf(answer.get("end_ms")))));
    }

    private static String json(Object value) {
      try {
        return JSON.writeValueAsString(value);
      } catch (Exception e) {
        return "{\"ok\":false}";
      }
    }
  }
}
