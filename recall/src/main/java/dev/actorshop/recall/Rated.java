package dev.actorshop.recall;

/** One of the user's ratings, as the recent-interest window holds it (newest first). */
public record Rated(String itemId, double score) {}
