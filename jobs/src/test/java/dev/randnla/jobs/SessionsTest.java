package dev.randnla.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** {@link Sessions#appName}: a name given to spark-submit wins over the job's own. */
class SessionsTest {
  @Test
  void aSubmittedNameIsKeptAndTheMainClassIsNot() {
    assertEquals("randnla scan", Sessions.appName(new SparkConf(false), "randnla scan"));
    assertEquals("randnla scan", Sessions.appName(new SparkConf(false).set("spark.app.name", Main.class.getName()),
        "randnla scan"));
    assertEquals("nightly-eigen", Sessions.appName(new SparkConf(false).set("spark.app.name", "nightly-eigen"),
        "randnla eigen"));
  }
}
