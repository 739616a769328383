package dev.gatehouse.shield.redact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;

/**
 * Masks every vault secret in a protocol object (a result, a notification, a request) through its
 * JSON form: written as JSON, scanned, masked, and read back as the same type. Every place that
 * sends an upstream's object to an agent masks it this one way.
 */
public final class JsonMasking {
  private JsonMasking() {}

  /**
   * The object with every secret masked (the same object when it carried none), and the names of
   * the secrets it carried.
   */
  public record Masked<T>(T value, Set<String> secrets) {}

  /** The object could not be masked; {@link #secrets} names those it was seen to carry, if any. */
  public static final class Unmaskable extends Exception {
    private final transient Set<String> secrets;

    Unmaskable(Set<String> secrets, Throwable cause) {
      super(
          secrets.isEmpty()
              ? "could not be checked for secrets"
              : "carried a secret and could not be cleaned",
          cause);
      this.secrets = Set.copyOf(secrets);
    }

    /** The secrets found before masking failed; empty when the object could not be scanned. */
    public Set<String> secrets() {
      return secrets;
    }
  }

  public static <T> Masked<T> mask(T value, SecretRedactor secrets, ObjectMapper mapper)
      throws Unmaskable {
    if (secrets.isEmpty()) {
      return new Masked<>(value, Set.of());
    }
    String json;
    try {
      json = mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new Unmaskable(Set.of(), e);
    }
    Set<String> found = secrets.secretsIn(json);
    if (found.isEmpty()) {
      return new Masked<>(value, found);
    }
    try {
      @SuppressWarnings("unchecked")
      Class<T> type = (Class<T>) value.getClass();
      return new Masked<>(mapper.readValue(secrets.redact(json), type), found);
    } catch (JsonProcessingException e) {
      throw new Unmaskable(found, e);
    }
  }
}
