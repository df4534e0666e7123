package dev.randnla.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.HdfsConfiguration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * Real HDFS in this JVM (one NameNode and one DataNode on free loopback ports), plus a Hadoop
 * {@link FileSystem} view that reads outputs on HDFS and on local disk alike.
 */
final class MiniHdfs implements AutoCloseable {
  private final MiniDFSCluster cluster;
  private final Configuration conf = new Configuration();

  private MiniHdfs(MiniDFSCluster cluster) {
    this.cluster = cluster;
  }

  static MiniHdfs start(Path base) throws IOException {
    Configuration conf = new HdfsConfiguration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toAbsolutePath().toString());
    conf.set("dfs.datanode.data.dir.perm", "755");
    MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf, base.toFile()).numDataNodes(1).build();
    cluster.waitActive();
    return new MiniHdfs(cluster);
  }

  /** Starts it in another thread (it takes tens of seconds); {@link #await} returns it. */
  static CompletableFuture<MiniHdfs> startInBackground(Path base) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return start(base);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  static MiniHdfs await(CompletableFuture<MiniHdfs> starting) {
    try {
      return starting.join();
    } catch (CompletionException e) {
      throw new IllegalStateException("MiniDFSCluster did not start", e.getCause());
    }
  }

  /** {@code hdfs://localhost:<port>}. */
  String uri() {
    return "hdfs://localhost:" + cluster.getNameNodePort();
  }

  FileSystem fs(String uri) throws IOException {
    return new org.apache.hadoop.fs.Path(uri).getFileSystem(conf);
  }

  boolean exists(String uri) throws IOException {
    return fs(uri).exists(new org.apache.hadoop.fs.Path(uri));
  }

  byte[] read(String uri) throws IOException {
    try (InputStream in = fs(uri).open(new org.apache.hadoop.fs.Path(uri))) {
      return in.readAllBytes();
    }
  }

  String readString(String uri) throws IOException {
    return new String(read(uri), StandardCharsets.UTF_8);
  }

  void write(String uri, byte[] content) throws IOException {
    try (OutputStream out = fs(uri).create(new org.apache.hadoop.fs.Path(uri), true)) {
      out.write(content);
    }
  }

  /** Copies a local file to {@code uri}. */
  void put(Path local, String uri) throws IOException {
    fs(uri).copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()), new org.apache.hadoop.fs.Path(uri));
  }

  /** Paths of the files under a directory, relative to it, sorted; names starting with . are left out (checksums). */
  List<String> files(String dir) throws IOException {
    List<String> out = new ArrayList<>();
    FileSystem fs = fs(dir);
    org.apache.hadoop.fs.Path root = fs.makeQualified(new org.apache.hadoop.fs.Path(dir));
    walk(fs, root, root.toString().length() + 1, out);
    out.sort(null);
    return out;
  }

  private static void walk(FileSystem fs, org.apache.hadoop.fs.Path dir, int prefix, List<String> out) throws IOException {
    for (FileStatus s : fs.listStatus(dir)) {
      if (s.getPath().getName().startsWith(".")) {
        continue;
      }
      if (s.isDirectory()) {
        walk(fs, s.getPath(), prefix, out);
      } else {
        out.add(s.getPath().toString().substring(prefix));
      }
    }
  }

  @Override
  public void close() {
    cluster.shutdown(true);
  }
}
