package dev.randnla.io;

import com.esotericsoftware.kryo.DefaultSerializer;
import java.io.Serializable;

/**
 * One data file of an input, as listed on the driver. It travels inside partitions, so Kryo reads it
 * through {@link RecordSerializer}.
 *
 * @param path the fully qualified path
 * @param index its position in sorted path order (part of every row key)
 * @param length bytes on the file system
 * @param blockSize the file system's block size for it
 * @param compressed whether a Hadoop codec decompresses it (then it is read whole)
 */
@DefaultSerializer(RecordSerializer.class)
public record InputFile(String path, int index, long length, long blockSize, boolean compressed) implements Serializable {
  @Override
  public String toString() {
    return path;
  }
}
