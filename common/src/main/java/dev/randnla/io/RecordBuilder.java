package dev.randnla.io;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/**
 * The one mechanism behind every config's {@code builder()}: the values of a record's components by
 * name, handed to its canonical constructor by {@link #build()} — so validation stays where it is,
 * in the record's compact constructor, and a config's builder holds only what differs between
 * configs: its defaults and one typed setter per component. A component never set is null, or 0 /
 * false for a primitive; each builder starts from the command line's defaults.
 *
 * @param <R> the record built
 * @param <B> the concrete builder (setters return it)
 */
public abstract class RecordBuilder<R extends Record, B extends RecordBuilder<R, B>> {
  private final Constructor<R> constructor;
  private final RecordComponent[] components;
  private final Object[] values;

  protected RecordBuilder(Class<R> type) {
    components = type.getRecordComponents();
    Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
    try {
      constructor = type.getDeclaredConstructor(types);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("a record always has its canonical constructor: " + type, e);
    }
    values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      if (types[i].isPrimitive()) {
        values[i] = java.lang.reflect.Array.get(java.lang.reflect.Array.newInstance(types[i], 1), 0);
      }
    }
  }

  /** Sets a component by its name (the record's accessor name). */
  @SuppressWarnings("unchecked")
  protected final B set(String component, Object value) {
    for (int i = 0; i < components.length; i++) {
      if (components[i].getName().equals(component)) {
        if (value == null && components[i].getType().isPrimitive()) {
          throw new IllegalArgumentException(component + " cannot be null");
        }
        values[i] = value;
        return (B) this;
      }
    }
    throw new IllegalStateException(constructor.getDeclaringClass().getSimpleName() + " has no component " + component);
  }

  /** Starts from an existing record: every component copied. */
  @SuppressWarnings("unchecked")
  public final B from(R record) {
    for (int i = 0; i < components.length; i++) {
      try {
        values[i] = components[i].getAccessor().invoke(record);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot read " + components[i].getName(), e);
      }
    }
    return (B) this;
  }

  /**
   * The record, validated by its constructor.
   *
   * @throws IllegalArgumentException listing every violation, as the constructor does
   */
  public final R build() {
    try {
      return constructor.newInstance(values.clone());
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InstantiationException | IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
