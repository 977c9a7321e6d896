package dev.actorshop.dataset;

import java.util.List;

/**
 * The 19 MovieLens genres, how common each is among movies, and the tag words users attach to a
 * movie of each genre. Tag vocabularies are disjoint, so a tag points back at one genre.
 */
final class Genres {
  static final List<String> NAMES =
      List.of(
          "Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Documentary",
          "Drama", "Fantasy", "Film-Noir", "Horror", "IMAX", "Musical", "Mystery", "Romance",
          "Sci-Fi", "Thriller", "War", "Western");

  static final int COUNT = NAMES.size();

  /** Relative frequency among movies: MovieLens 25M genre counts / 100 (Drama, Comedy lead). */
  static final double[] ITEM_WEIGHTS = {
    73, 41, 29, 29, 169, 53, 56, 256, 27, 3.5, 60, 2, 10.5, 29, 77, 36, 87, 19, 14
  };

  /** Tag words per genre, most used first (words are drawn Zipf-like by position). */
  static final List<List<String>> TAG_WORDS =
      List.of(
          List.of("explosions", "car chase", "martial arts", "shootout", "stunts",
              "fight scenes", "heist", "revenge", "bodyguard", "one man army"),
          List.of("quest", "treasure hunt", "jungle", "exploration", "pirates", "journey",
              "island", "survival", "lost city", "swashbuckler"),
          List.of("cartoon", "cgi", "hand-drawn", "stop motion", "anime", "talking animals",
              "claymation", "beautiful animation"),
          List.of("family friendly", "kids", "school", "puppies", "heartwarming", "bedtime story",
              "talking toys", "for the whole family"),
          List.of("hilarious", "witty", "slapstick", "dark comedy", "parody", "satire", "quirky",
              "feel-good", "silly", "deadpan"),
          List.of("mafia", "detective", "gangsters", "police", "drug cartel", "organized crime",
              "con artist", "corruption", "prison", "bank robbery"),
          List.of("true story", "nature", "interviews", "history", "music documentary",
              "investigative", "archival footage", "biography"),
          List.of("tearjerker", "character study", "family drama", "slow burn", "melancholy",
              "based on a book", "powerful acting", "grief", "redemption", "moving"),
          List.of("magic", "dragons", "wizards", "mythology", "elves", "sword and sorcery",
              "enchanted forest", "fairy tale", "epic fantasy"),
          List.of("femme fatale", "black and white", "hardboiled", "private eye", "shadows",
              "double cross", "voiceover", "rainy streets"),
          List.of("gore", "jump scares", "haunted house", "zombies", "slasher", "vampires",
              "creepy", "possession", "monster", "found footage"),
          List.of("big screen", "3d", "spectacular visuals", "immersive", "giant screen",
              "stunning cinematography", "70mm", "sound design"),
          List.of("songs", "dance numbers", "broadway", "singing", "choreography", "soundtrack",
              "show tunes", "opera"),
          List.of("whodunit", "plot twist", "puzzle", "clues", "amnesia", "secrets",
              "unreliable narrator", "investigation"),
          List.of("love story", "romantic", "wedding", "chemistry", "love triangle",
              "first love", "breakup", "soulmates", "meet cute"),
          List.of("space", "robots", "time travel", "aliens", "dystopia",
              "artificial intelligence", "cyberpunk", "future", "spaceship", "clones",
              "virtual reality"),
          List.of("suspense", "tense", "conspiracy", "psychological", "cat and mouse",
              "serial killer", "hostage", "paranoia", "kidnapping"),
          List.of("world war ii", "vietnam", "battlefield", "soldiers", "military", "d-day",
              "resistance", "trenches", "anti-war"),
          List.of("cowboys", "gunslinger", "frontier", "outlaws", "saloon", "sheriff", "desert",
              "wild west", "spaghetti western"));

  /** Tags that say nothing about genre: the noise in tags.csv. */
  static final List<String> GENERIC_TAGS =
      List.of("classic", "overrated", "must see", "underrated", "masterpiece", "boring",
          "seen it", "cult film", "good cast", "watched twice", "disappointing", "great ending");

  private Genres() {}
}
