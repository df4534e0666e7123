package dev.randnla.io;

import java.util.Locale;
import java.util.StringJoiner;

/**
 * How an enum constant is spelled on the command line and in summary.json: its name in lower case
 * with {@code '_'} written {@code '-'} ({@code HEAVY_ROWS} is {@code heavy-rows}). Parsing accepts any
 * case, surrounding blanks, and either {@code '-'} or {@code '_'}.
 */
public final class CliEnums {
  private CliEnums() {}

  /**
   * Gives an enum {@code cliName()}: {@code enum EigenMethod implements CliEnums.Named}. The enum's own
   * {@code name()} implements {@link #name()}.
   */
  public interface Named {
    String name();

    /** The command-line spelling of this constant. */
    default String cliName() {
      return spell(name());
    }
  }

  /** The command-line spelling of a constant. */
  public static String cliName(Enum<?> constant) {
    return spell(constant.name());
  }

  /**
   * The constant of {@code type} that {@code value} names.
   *
   * @param option the option being parsed, for the message (e.g. {@code "--method"})
   * @throws IllegalArgumentException {@code "--method must be one of auto, stream, …: value"} when no
   *     constant matches (also for a null value)
   */
  public static <E extends Enum<E>> E parse(Class<E> type, String option, String value) {
    if (value != null) {
      String name = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
      for (E constant : type.getEnumConstants()) {
        if (constant.name().equals(name)) {
          return constant;
        }
      }
    }
    throw new IllegalArgumentException(option + " must be one of " + choices(type) + ": " + value);
  }

  /**
   * An option spelled as one of a few words that are not an enum ({@code --order random|sorted}): the
   * word {@code value} names, in lower case; any case and surrounding blanks are accepted.
   *
   * @throws IllegalArgumentException {@code "--order must be random or sorted: value"} for any other value
   */
  public static String parseWord(String option, String value, String... words) {
    String word = value.trim().toLowerCase(Locale.ROOT);
    for (String w : words) {
      if (w.equals(word)) {
        return w;
      }
    }
    String all = String.join(", ", java.util.Arrays.copyOf(words, words.length - 1)) + " or " + words[words.length - 1];
    throw new IllegalArgumentException(option + " must be " + all + ": " + value);
  }

  /** Every constant's spelling, comma-separated in declaration order. */
  public static String choices(Class<? extends Enum<?>> type) {
    StringJoiner all = new StringJoiner(", ");
    for (Enum<?> constant : type.getEnumConstants()) {
      all.add(cliName(constant));
    }
    return all.toString();
  }

  private static String spell(String name) {
    return name.toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
