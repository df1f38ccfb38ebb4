package dev.hasim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The coordinator and a worker in one JVM (two cluster actor systems on 127.0.0.1, any free port), with a
 * toy job kind: results in input order, outcomes larger than a frame arrive whole, a job that throws is an
 * error that names the job, the worker exits 0 when the coordinator finishes and 2 when there is none, and a
 * coordinator without workers runs the jobs itself.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterSessionTest {
  private static final Endpoint ANY_PORT = new Endpoint(Endpoint.LOOPBACK, 0);
  private static final Config NO_SOLO = ConfigFactory.parseString("hasim.cluster.solo-after = 120s");

  /** n → n², with an outcome padded to {@code bytes} so that large outcomes travel in pieces. */
  record Square(long n, int bytes, boolean boom) {}

  static final class Squares implements JobKind<Square, Long> {
    @Override
    public String name() {
      return "square";
    }

    @Override
    public byte[] encodeSpec(Square spec) {
      return (spec.n() + "," + spec.bytes() + "," + spec.boom()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Square decodeSpec(byte[] spec) {
      String[] parts = new String(spec, StandardCharsets.UTF_8).split(",");
      return new Square(Long.parseLong(parts[0]), Integer.parseInt(parts[1]), Boolean.parseBoolean(parts[2]));
    }

    @Override
    public byte[] execute(Square spec) {
      if (spec.boom()) {
        throw new IllegalStateException("no square for " + spec.n());
      }
      ByteBuffer outcome = ByteBuffer.allocate(Long.BYTES + spec.bytes());
      outcome.putLong(spec.n() * spec.n());
      for (int i = 0; i < spec.bytes(); i++) {
        outcome.put((byte) (i * 31 + spec.n()));
      }
      return outcome.array();
    }

    @Override
    public Long decodeOutcome(Square spec, byte[] outcome) {
      ByteBuffer in = ByteBuffer.wrap(outcome);
      long square = in.getLong();
      assertEquals(Long.BYTES + spec.bytes(), outcome.length, "the outcome arrives whole");
      for (int i = 0; i < spec.bytes(); i++) {
        assertEquals((byte) (i * 31 + spec.n()), in.get(), "byte " + i + " of the outcome of " + spec.n());
      }
      return square;
    }

    @Override
    public boolean passed(Long result) {
      return true;
    }

    @Override
    public String describe(Square spec) {
      return "square of " + spec.n();
    }
  }

  private final Squares squares = new Squares();
  private final StringWriter coordinatorLog = new StringWriter();
  private final StringWriter workerLog = new StringWriter();

  @Test
  void aWorkerRunsTheJobsAndTheResultsComeBackInOrderAndWhole() throws Exception {
    List<Square> specs = new ArrayList<>();
    LongStream.rangeClosed(1, 40).forEach(n -> specs.add(new Square(n, n == 7 ? 700_000 : 10, false)));
    List<Long> seen = new ArrayList<>();
    CompletableFuture<Integer> worker;
    try (ClusterSession session = start(NO_SOLO)) {
      worker = worker(session.address(), ConfigFactory.empty());
      List<Long> results = session.map(squares, specs, seen::add);
      assertEquals(LongStream.rangeClosed(1, 40).map(n -> n * n).boxed().toList(), results);
      assertEquals(results, seen, "done sees every result once, in input order");
      assertEquals(40L, session.resultsPerWorker().values().stream().mapToLong(Long::longValue).sum());
      assertTrue(session.resultsPerWorker().keySet().stream().allMatch(w -> w.startsWith("127.0.0.1:")),
          session.resultsPerWorker().toString());
    }
    assertEquals(ClusterWorker.DONE, worker.get(60, TimeUnit.SECONDS), workerLog.toString());
    assertTrue(workerLog.toString().contains("finished; this worker ran 40 jobs"), workerLog.toString());
    assertTrue(coordinatorLog.toString().contains("cluster: 40/40 jobs done, 0 failed"), coordinatorLog.toString());
  }

  @Test
  void aJobThatThrowsIsAnErrorThatNamesTheJobAndTheWorker() throws Exception {
    try (ClusterSession session = start(NO_SOLO)) {
      worker(session.address(), ConfigFactory.empty());
      ClusterException e = assertThrows(ClusterException.class, () -> session.map(squares,
          List.of(new Square(2, 0, false), new Square(3, 0, true)), r -> {}));
      assertTrue(e.getMessage().startsWith("square of 3 failed on worker 127.0.0.1:"), e.getMessage());
      assertTrue(e.getMessage().endsWith("IllegalStateException: no square for 3"), e.getMessage());
    }
  }

  @Test
  void withoutWorkersTheCoordinatorRunsTheJobsItselfAndSaysSo() {
    try (ClusterSession session = start(ConfigFactory.parseString("hasim.cluster.solo-after = 1s"))) {
      assertEquals(List.of(4L, 9L), session.map(squares, List.of(new Square(2, 0, false), new Square(3, 0, false)),
          r -> {}));
      assertEquals(java.util.Map.of(Coordinator.SELF, 2L), session.resultsPerWorker());
    }
    assertTrue(coordinatorLog.toString().contains("the coordinator runs the jobs itself (2 at a time)"),
        coordinatorLog.toString());
  }

  @Test
  void aWorkerThatCannotReachItsCoordinatorSaysSoInOneLineAndExitsTwo() throws Exception {
    Config shortWait = ConfigFactory.parseString("hasim.cluster.join-timeout = 2s");
    int code = worker(new Endpoint(Endpoint.LOOPBACK, 25_599), shortWait).get(60, TimeUnit.SECONDS);
    assertEquals(ClusterWorker.CANNOT_JOIN, code);
    assertEquals(1, workerLog.toString().lines().count(), workerLog.toString());
    assertTrue(workerLog.toString().startsWith("hasim worker: cannot reach the coordinator at 127.0.0.1:25599"),
        workerLog.toString());
  }

  record Sum(List<Integer> terms) {}

  record Total(long total, String of) {}

  @Test
  void aRecordJobKindIsItsNameAndItsRun() throws Exception {
    RecordJobKind<Sum, Total> sums = new RecordJobKind<>("sum", Sum.class, Total.class) {
      @Override
      protected Total run(Sum spec) {
        return new Total(spec.terms().stream().mapToLong(Integer::longValue).sum(), spec.terms().toString());
      }
    };
    Sum spec = sums.decodeSpec(sums.encodeSpec(new Sum(List.of(1, 2, 39))));
    assertEquals(new Total(42, "[1, 2, 39]"), sums.decodeOutcome(spec, sums.execute(spec)));
    try (ClusterSession session = ClusterSession.start(ANY_PORT, 1, List.of(squares, sums),
        new PrintWriter(coordinatorLog, true), ConfigFactory.parseString("hasim.cluster.solo-after = 1s"))) {
      assertEquals(List.of(new Total(3, "[1, 2]")), session.map(sums, List.of(new Sum(List.of(1, 2))), r -> {}));
    }
  }

  @Test
  void addressesAreReadAsTheUserWritesThem() {
    assertEquals(new Endpoint("10.0.0.5", 25520), Endpoint.parse("10.0.0.5", 25520));
    assertEquals(new Endpoint("build-7.example", 2552), Endpoint.parse("build-7.example:2552", 25520));
    assertTrue(Endpoint.parse("127.0.0.1:1", 0).isLoopback());
    assertTrue(Endpoint.parse("localhost:1", 0).isLoopback());
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("a:b:c", 1));
    assertEquals("expected HOST:PORT (e.g. 127.0.0.1:25520), found \"a:b:c\"", bad.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("host:70000", 1));
  }

  private ClusterSession start(Config overrides) {
    return ClusterSession.start(ANY_PORT, 2, List.of(squares), new PrintWriter(coordinatorLog, true), overrides);
  }

  private CompletableFuture<Integer> worker(Endpoint coordinator, Config overrides) {
    PrintWriter log = new PrintWriter(workerLog, true);
    return CompletableFuture.supplyAsync(
        () -> ClusterWorker.run(coordinator, ANY_PORT, 2, List.of(squares), log, log, overrides));
  }
}
