package dev.actorshop.conf;

/**
 * Marker for every message, event and snapshot that crosses the wire or enters the journal.
 * Bound to {@code jackson-cbor} in {@code serialization.conf}; Akka 2.8 has no built-in one.
 */
public interface CborSerializable {}
