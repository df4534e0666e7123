package dev.randnla.io;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;

/**
 * The one way a small value that travels between tasks is written (docs/design.md §3): a record,
 * annotated {@code @DefaultSerializer(RecordSerializer.class)}. Java serialization handles records
 * itself; Spark's Kryo (4.x) does not — its field serializer cannot build a record — so this
 * serializer writes each component with Kryo (values keep their own serializers) and reads them back
 * through the canonical constructor, as Java serialization does.
 *
 * @param <T> the record type
 */
public final class RecordSerializer<T extends Record> extends Serializer<T> {
  private final Field[] fields;
  private final Constructor<T> constructor;

  /** Called by Kryo, once per record class. */
  public RecordSerializer(Class<T> type) {
    RecordComponent[] components = type.getRecordComponents();
    if (components == null) {
      throw new IllegalArgumentException(type + " is not a record");
    }
    fields = new Field[components.length];
    Class<?>[] types = new Class<?>[components.length];
    try {
      for (int i = 0; i < components.length; i++) {
        // the component's field, not its accessor: a record may override an accessor to return a view
        fields[i] = type.getDeclaredField(components[i].getName());
        fields[i].setAccessible(true);
        types[i] = components[i].getType();
      }
      constructor = type.getDeclaredConstructor(types);
      constructor.setAccessible(true);
    } catch (NoSuchFieldException | NoSuchMethodException e) {
      throw new IllegalArgumentException("cannot serialize record " + type.getName(), e);
    }
  }

  @Override
  public void write(Kryo kryo, Output output, T record) {
    try {
      for (Field f : fields) {
        kryo.writeClassAndObject(output, f.get(record));
      }
    } catch (IllegalAccessException e) {
      throw new KryoException(e);
    }
  }

  @Override
  public T read(Kryo kryo, Input input, Class<T> type) {
    Object[] values = new Object[fields.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = kryo.readClassAndObject(input);
    }
    try {
      return constructor.newInstance(values);
    } catch (InstantiationException | IllegalAccessException e) {
      throw new KryoException(e);
    } catch (InvocationTargetException e) {
      throw new KryoException(e.getCause());
    }
  }
}
