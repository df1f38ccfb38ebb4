package dev.hasim.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.apache.pekko.serialization.jackson.JacksonCborSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Every message that crosses JVMs goes through Jackson CBOR (never Java serialization) and comes back equal. */
class MessagesTest {
  private static final ActorTestKit CLUSTER = ActorTestKit.create("hasim-cluster",
      ClusterSettings.load(new Endpoint(Endpoint.LOOPBACK, 0), ClusterSettings.WORKER_ROLE).config());

  @AfterAll
  static void stop() {
    CLUSTER.shutdownTestKit();
  }

  @Test
  void jobsResultsAndAcknowledgementsTravelAsCbor() {
    ActorRef<Coordinator.Command> coordinator = CLUSTER.<Coordinator.Command>createTestProbe().ref();
    ActorRef<JobSlot.Command> slot = CLUSTER.<JobSlot.Command>createTestProbe().ref();
    JobSlot.Work work = roundTrip(new JobSlot.Work(7, "run", new byte[] {1, 2, 3}, coordinator));
    assertEquals(7, work.jobId());
    assertEquals("run", work.kind());
    assertArrayEquals(new byte[] {1, 2, 3}, work.spec());
    assertEquals(coordinator, work.resultsTo());
    Coordinator.OutcomeChunk chunk = roundTrip(new Coordinator.OutcomeChunk(7, "w/slot-0/7/1", 1, 3,
        new byte[] {9, 8}, "127.0.0.1:4000", slot));
    assertEquals(List.of(7L, "w/slot-0/7/1", 1, 3, "127.0.0.1:4000", slot), List.of(chunk.jobId(), chunk.transfer(),
        chunk.index(), chunk.count(), chunk.worker(), chunk.replyTo()));
    assertArrayEquals(new byte[] {9, 8}, chunk.bytes());
    assertEquals(new Coordinator.Started(7, "127.0.0.1:4000"), roundTrip(new Coordinator.Started(7, "127.0.0.1:4000")));
    assertEquals(new Coordinator.JobFailed(7, "w", "boom", slot), roundTrip(new Coordinator.JobFailed(7, "w", "boom",
        slot)));
    assertEquals(new JobSlot.Stored(7), roundTrip(new JobSlot.Stored(7)));
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T message) {
    Serialization serialization = SerializationExtension.get(CLUSTER.system());
    Serializer serializer = serialization.findSerializerFor(message);
    assertEquals(JacksonCborSerializer.class, serializer.getClass(), message.getClass().getName());
    byte[] bytes = serialization.serialize(message).get();
    return (T) serialization.deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, message))
        .get();
  }
}
