package dev.randnla.sketch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

/**
 * A copy of a value through Java serialization, as Spark's JavaSerializer would move it between tasks (the
 * Kryo path production uses is {@link SketchSerializationTest}'s).
 */
final class JavaSerialization {
  private JavaSerialization() {}

  /** {@code value} written with an ObjectOutputStream and read back as a new object. */
  @SuppressWarnings("unchecked")
  static <T> T copy(T value) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}
