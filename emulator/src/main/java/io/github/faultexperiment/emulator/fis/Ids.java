package io.github.faultexperiment.emulator.fis;

import java.util.concurrent.ThreadLocalRandom;

/** Ids in FIS's form: {@code EXT…} for templates, {@code EXP…} for experiments. */
final class Ids {
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private Ids() {}

  static String template() {
    return "EXT" + random(14);
  }

  static String experiment() {
    return "EXP" + random(15);
  }

  private static String random(int length) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder id = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }
}
