package io.github.faultexperiment.emulator.s3;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;

/** The objects of the emulator's minimal S3, keyed by bucket and key. */
@API(status = INTERNAL, since = "0.1")
public final class ObjectStore {
  private final Map<String, Map<String, StoredObject>> buckets = new ConcurrentHashMap<>();

  /** Creates an empty store. */
  public ObjectStore() {}

  /**
   * An object in the store.
   *
   * @param content the bytes
   * @param contentType the MIME type served as {@code Content-Type}
   * @param lastModified when it was stored
   */
  public record StoredObject(byte[] content, String contentType, Instant lastModified) {}

  /**
   * Stores an object, replacing any with the same bucket and key.
   *
   * @param bucket the bucket name
   * @param key the object key
   * @param content the bytes
   * @param contentType the MIME type
   */
  public void put(String bucket, String key, byte[] content, String contentType) {
    buckets
        .computeIfAbsent(bucket, name -> new ConcurrentHashMap<>())
        .put(key, new StoredObject(content.clone(), contentType, Instant.now()));
  }

  /** Whether the bucket holds any object. */
  public boolean hasBucket(String bucket) {
    return buckets.containsKey(bucket);
  }

  /** The object, if stored. */
  public Optional<StoredObject> get(String bucket, String key) {
    return Optional.ofNullable(buckets.getOrDefault(bucket, Map.of()).get(key));
  }

  /** Forgets every object. */
  public void clear() {
    buckets.clear();
  }
}
