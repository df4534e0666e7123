package dev.randnla.spark;

import org.apache.spark.sql.SparkSession;

/**
 * One local[2,3] SparkSession (two cores, up to three attempts per task) shared by every test in a JVM (surefire reuses its fork), so tests
 * pay Spark's start-up once. Tests must not stop it. It serializes with Kryo, as conf/spark-defaults.conf
 * makes production do: Kryo writes fields and skips {@code transient} ones, so state that Java
 * serialization would rescue in {@code writeObject} is lost there, and the tests must see that.
 */
public final class LocalSpark {
  private static SparkSession session;

  private LocalSpark() {}

  public static synchronized SparkSession session() {
    if (session == null || session.sparkContext().isStopped()) {
      session = SparkSession.builder()
          .appName("randnla-tests")
          .master("local[2,3]")
          .config("spark.ui.enabled", "false")
          .config("spark.ui.showConsoleProgress", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .getOrCreate();
      session.sparkContext().setLogLevel("ERROR");
    }
    return session;
  }
}
