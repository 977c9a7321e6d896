import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/**
 * Waits until the Mongo ratings read model holds N documents and prints the seconds it took.
 * Run as a single source file: java -cp "http-api/target/lib/*" WaitForRatings.java URI N
 */
public class WaitForRatings {
  public static void main(String[] args) throws Exception {
    long expected = Long.parseLong(args[1]);
    long started = System.nanoTime();
    try (MongoClient client = MongoClients.create(args[0])) {
      var ratings = client.getDatabase("actorshop").getCollection("ratings");
      while (ratings.estimatedDocumentCount() < expected) {
        Thread.sleep(250);
      }
    }
    System.out.printf("%.1f%n", (System.nanoTime() - started) / 1e9);
  }
}
