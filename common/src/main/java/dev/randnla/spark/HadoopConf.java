package dev.randnla.spark;

import com.esotericsoftware.kryo.DefaultSerializer;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * A Hadoop {@link Configuration} that travels to tasks (it is Writable, not Serializable), written
 * once and read once per JVM.
 *
 * <p>Spark's configuration holds about 1 100 properties; Hadoop's own form writes each string
 * gzipped on its own (110 kB). Shipped as a Configuration inside a task's closure it would be
 * written again for every Spark job and read back by every task, 3–18 ms of CPU each way, and on
 * two cores the JIT compiling that path competes with the read itself. So the handle carries the
 * written bytes, made once when it is built; a task copies bytes only, and the first task in a JVM
 * that asks for the configuration reads them into one {@link Configuration}, which later tasks of
 * any job with the same bytes share (the {@link #CACHED} most recently used ones are kept).
 *
 * <p>The configuration is a snapshot taken when the handle is built. Tasks only read it
 * ({@code FileSystem.get}, codecs); a reader that sets properties copies it first
 * ({@code new Configuration(get())}), so concurrent tasks never write to the shared copy.
 */
@DefaultSerializer(JavaSerializer.class)
public final class HadoopConf implements Serializable {
  private static final long serialVersionUID = 2L;
  /** Configurations kept per JVM (beyond that the least recently used is dropped): one per session configuration in practice. */
  static final int CACHED = 8;
  private static final Map<Written, Configuration> READ = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Written, Configuration> eldest) {
      return size() > CACHED;
    }
  };

  private final byte[] written;
  /** The configuration on the JVM that built the handle, or this JVM's shared copy once asked for. */
  private transient Configuration conf;

  public HadoopConf(Configuration conf) {
    Configuration snapshot = new Configuration(conf);
    this.written = write(snapshot);
    this.conf = snapshot;
  }

  /** The configuration: read it, do not modify it. */
  public Configuration get() {
    Configuration c = conf;
    if (c == null) {
      c = shared(written);
      conf = c;
    }
    return c;
  }

  /** The JVM's configuration for these bytes, read from them by the first caller. */
  static Configuration shared(byte[] written) {
    Written key = new Written(written);
    synchronized (READ) {
      Configuration c = READ.get(key);
      if (c != null) {
        return c;
      }
    }
    Configuration read = new Configuration(false);
    try {
      read.readFields(new DataInputStream(new ByteArrayInputStream(written)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Hadoop configuration shipped to the task", e);
    }
    synchronized (READ) {
      Configuration raced = READ.putIfAbsent(key, read);
      return raced != null ? raced : read;
    }
  }

  private static byte[] write(Configuration conf) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 17);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      conf.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Hadoop configuration", e);
    }
    return bytes.toByteArray();
  }

  /** A written configuration as a map key: equal when the bytes are. */
  private record Written(byte[] bytes) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Written w && Arrays.equals(bytes, w.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }
  }
}
