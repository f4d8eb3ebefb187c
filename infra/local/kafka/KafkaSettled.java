import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * The harness's readiness check for a Kafka broker or cluster, in one JVM that polls every half second until
 * a deadline. The shell used to start a JVM per poll (BrokerApiVersionsCommand, TopicCommand): about 3 s each
 * on an idle 2-core machine and 15 s on a busy one, so a 90 s wait saw six polls and a restarted broker could
 * miss its caller's budget while it had long caught up.
 *
 * Usage: KafkaSettled BOOTSTRAP BROKERS SECONDS [brokers|partitions]
 *   brokers:    every one of BROKERS brokers is registered (answers through the bootstrap list)
 *   partitions: that, and every partition of every topic (internal ones included) has a leader and its full ISR
 * Exit 0 when ready; otherwise prints what never became ready (up to five lines) and exits 1.
 */
public final class KafkaSettled {
  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    int brokers = Integer.parseInt(args[1]);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[2]));
    boolean partitions = args.length < 4 || args[3].equals("partitions");
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    List<String> unready = List.of("no answer from " + bootstrap);
    try (Admin admin = Admin.create(props)) {
      while (true) {
        try {
          unready = unready(admin, brokers, partitions);
        } catch (Exception e) {
          unready = List.of("no answer from " + bootstrap + ": " + e.getMessage());
        }
        if (unready.isEmpty()) System.exit(0);
        if (System.nanoTime() > deadline) break;
        Thread.sleep(500);
      }
    }
    unready.stream().limit(5).forEach(System.out::println);
    System.exit(1);
  }

  private static List<String> unready(Admin admin, int brokers, boolean partitions) throws Exception {
    int registered = admin.describeCluster().nodes().get().size();
    if (registered < brokers) return List.of(registered + " of " + brokers + " brokers registered");
    if (!partitions) return List.of();
    Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
    Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get();
    List<String> unsettled = new ArrayList<>();
    for (TopicDescription topic : topics.values()) {
      for (TopicPartitionInfo p : topic.partitions()) {
        boolean leaderless = p.leader() == null || p.leader().isEmpty();
        if (leaderless || p.isr().size() < p.replicas().size()) {
          unsettled.add(String.format("%s-%d (leader %s, replicas %d, isr %d)", topic.name(), p.partition(),
              leaderless ? "none" : p.leader().idString(), p.replicas().size(), p.isr().size()));
        }
      }
    }
    return unsettled;
  }
}
