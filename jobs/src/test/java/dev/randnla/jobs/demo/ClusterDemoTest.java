package dev.randnla.jobs.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.randnla.jobs.JobTestSupport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster step of the demo runs and finds the planted groups. */
class ClusterDemoTest {
  @TempDir Path tmp;

  @Test
  void findsThePlantedGroups() {
    List<DemoRow> rows = new ClusterDemo().run(JobTestSupport.spark(), tmp.toUri().toString(), 7);
    assertEquals("4", rows.get(0).computed(), "clusters: " + rows);
    assertEquals("1", rows.get(1).computed(), "adjusted Rand index: " + rows);
    assertEquals("0", rows.get(4).computed(), "violations: " + rows);
  }
}
