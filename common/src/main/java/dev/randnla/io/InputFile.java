package dev.randnla.io;

import java.io.Serializable;

/**
 * One data file of an input, as listed on the driver. (A class rather than a record: it travels
 * inside partitions, which Spark may serialize with Kryo.)
 */
public final class InputFile implements Serializable {
  private static final long serialVersionUID = 1L;
  private final String path;
  private final int index;
  private final long length;
  private final long blockSize;
  private final boolean compressed;

  /**
   * @param path the fully qualified path
   * @param index its position in sorted path order (part of every row key)
   * @param length bytes on the file system
   * @param blockSize the file system's block size for it
   * @param compressed whether a Hadoop codec decompresses it (then it is read whole)
   */
  public InputFile(String path, int index, long length, long blockSize, boolean compressed) {
    this.path = path;
    this.index = index;
    this.length = length;
    this.blockSize = blockSize;
    this.compressed = compressed;
  }

  public String path() {
    return path;
  }

  public int index() {
    return index;
  }

  public long length() {
    return length;
  }

  public long blockSize() {
    return blockSize;
  }

  public boolean compressed() {
    return compressed;
  }

  @Override
  public String toString() {
    return path;
  }
}
