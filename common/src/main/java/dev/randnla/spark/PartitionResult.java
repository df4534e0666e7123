package dev.randnla.spark;

import com.esotericsoftware.kryo.DefaultSerializer;
import dev.randnla.io.ReadStats;
import dev.randnla.io.RecordSerializer;
import java.io.Serializable;

/**
 * The value one partition (or a merged group of partitions) produced, with the read statistics.
 * Task results go through Kryo, which reads it through {@link RecordSerializer} (the value keeps
 * its own serializer).
 *
 * @param index the partition (or the smallest partition of a merged group)
 * @param value the value
 * @param stats rows, blank lines and bad rows met
 */
@DefaultSerializer(RecordSerializer.class)
public record PartitionResult<T>(int index, T value, ReadStats stats) implements Serializable {}
