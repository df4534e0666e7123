package dev.randnla.jobs.hdfs;

import static dev.randnla.jobs.JobTestSupport.cli;
import static dev.randnla.jobs.JobTestSupport.number;
import static dev.randnla.jobs.JobTestSupport.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.io.Summary;
import dev.randnla.jobs.JobTestSupport;
import dev.randnla.jobs.JobTestSupport.Cli;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.HdfsConfiguration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real HDFS (MiniDFSCluster, one data node): {@code generate} writes to {@code hdfs://}, {@code scan}
 * reads it back, in every format; the results equal those of the same run on local files, and
 * the outputs on HDFS are complete (summary.json, _SUCCESS).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HdfsRoundTripTest {
  private MiniDFSCluster cluster;
  private String hdfs;

  @TempDir Path tmp;

  @BeforeAll
  void startHdfs() throws IOException {
    JobTestSupport.spark();
    Configuration conf = new HdfsConfiguration();
    File base = new File(System.getProperty("java.io.tmpdir"), "minidfs-" + ProcessHandle.current().pid());
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.getAbsolutePath());
    conf.set("dfs.datanode.data.dir.perm", "755");
    cluster = new MiniDFSCluster.Builder(conf, base).numDataNodes(1).build();
    cluster.waitActive();
    hdfs = "hdfs://localhost:" + cluster.getNameNodePort();
  }

  @AfterAll
  void stopHdfs() {
    if (cluster != null) {
      cluster.shutdown(true);
    }
  }

  private Map<String, Object> hdfsJson(String uri) throws IOException {
    Configuration conf = JobTestSupport.spark().sparkContext().hadoopConfiguration();
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(uri);
    FileSystem fs = p.getFileSystem(conf);
    try (InputStream in = fs.open(p)) {
      return Summary.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"csv", "tsv", "libsvm", "parquet"})
  void generateAndScanOnHdfsMatchLocalFiles(String format) throws IOException {
    String[] gen = {"generate", "--kind", "regression", "--rows", "3000", "--cols", "9", "--format", format,
        "--seed", "21", "--partitions", "3", "--quiet", "--output"};
    String remoteData = hdfs + "/data-" + format;
    String localData = tmp.resolve("data-" + format).toString();
    Cli g1 = cli(concat(gen, remoteData));
    assertEquals(0, g1.code(), g1.err());
    Cli g2 = cli(concat(gen, localData));
    assertEquals(0, g2.code(), g2.err());

    String remoteScan = hdfs + "/scan-" + format;
    String localScan = tmp.resolve("scan-" + format).toString();
    String label = format.equals("libsvm") ? null : format.equals("parquet") ? "label" : "0";
    Cli s1 = cli(scanArgs(remoteData, remoteScan, label));
    assertEquals(0, s1.code(), s1.err());
    Cli s2 = cli(scanArgs(localData, localScan, label));
    assertEquals(0, s2.code(), s2.err());

    Map<String, Object> remote = hdfsJson(remoteScan + "/summary.json");
    Map<String, Object> local = JobTestSupport.summary(Path.of(localScan));
    Map<String, Object> truth = hdfsJson(remoteData + "/truth.json");
    assertEquals(3000, number(section(remote, "result"), "rows"));
    assertEquals(9, number(section(remote, "result"), "cols"));
    double fro = number(section(local, "result"), "frobeniusNorm");
    assertEquals(fro, number(section(remote, "result"), "frobeniusNorm"), 1e-12 * fro);
    // the regression generator's A has singular values from 1 to 1/kappa: ‖A‖_F is exact in truth.json
    assertEquals(number(truth, "frobeniusNorm"), fro, 1e-9 * fro);
    assertTrue(String.valueOf(section(remote, "input").get("uri")).startsWith("hdfs://"));
    FileSystem fs = new org.apache.hadoop.fs.Path(remoteScan).getFileSystem(JobTestSupport.spark().sparkContext().hadoopConfiguration());
    assertTrue(fs.exists(new org.apache.hadoop.fs.Path(remoteScan + "/_SUCCESS")));
  }

  private static String[] scanArgs(String in, String out, String label) {
    return label == null ? new String[] {"scan", "--input", in, "--output", out, "--quiet"}
        : new String[] {"scan", "--input", in, "--label-col", label, "--output", out, "--quiet"};
  }

  private static String[] concat(String[] a, String last) {
    String[] out = java.util.Arrays.copyOf(a, a.length + 1);
    out[a.length] = last;
    return out;
  }
}
